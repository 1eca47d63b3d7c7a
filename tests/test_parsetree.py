"""The parse tree over one Token object per token: every walk answers as spaCy's does, with
the view's own objects."""

from spacy.tokens import Token

from newsledger.parsetree import ParseTree, TreeSpan, TreeToken, subtree_bounds

_TEXT = ("The rebels, who crossed the river at dawn, attacked the depot and burned two trucks, "
         "officials in the northern province said on Tuesday.\n\n"
         "Talks between the council and the union, which had stalled, resumed.\n\nStorm warning")


def _indices(tokens) -> list[int]:
    return [t.i for t in tokens]


def test_every_walk_answers_as_spacy(make_document):
    document = make_document(_TEXT)
    doc = document.doc
    tree = ParseTree(doc)
    for token in doc:
        mine = tree.tokens[token.i]
        assert isinstance(mine, TreeToken) and isinstance(mine, Token)
        assert mine == token and hash(mine) == hash(token) and mine.text == token.text
        assert mine.head.i == token.head.i
        assert _indices(mine.lefts) == _indices(token.lefts)
        assert _indices(mine.rights) == _indices(token.rights)
        assert _indices(mine.children) == _indices(token.children)
        assert _indices(mine.subtree) == _indices(token.subtree)
        assert _indices(mine.ancestors) == _indices(token.ancestors)
        assert _indices(mine.conjuncts) == _indices(token.conjuncts)
        assert mine.left_edge.i == token.left_edge.i and mine.right_edge.i == token.right_edge.i
        assert (mine.sent.start, mine.sent.end) == (token.sent.start, token.sent.end)
        assert mine.sent == token.sent


def test_strings_read_once_are_spacys(make_document):
    document = make_document(_TEXT)
    doc = document.doc
    tree = ParseTree(doc)
    names = ("i", "idx", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_")
    for token in doc:
        mine = tree.tokens[token.i]
        assert [getattr(mine, n) for n in names] == [getattr(token, n) for n in names]
        assert (mine.is_punct, mine.is_space, mine.orth_, mine.head.i) == (token.is_punct, token.is_space, token.orth_,
                                                                           token.head.i)
    empty = ParseTree(doc[:0].as_doc())
    assert empty.tokens == [] and all(column == [] for column in empty.columns)


def test_walks_give_the_trees_own_objects(make_document):
    document = make_document(_TEXT)
    tree = ParseTree(document.doc)
    for mine in tree.tokens:
        assert mine.head is tree.tokens[mine.head.i]
        assert all(c is tree.tokens[c.i] for c in [*mine.children, *mine.subtree, *mine.ancestors, *mine.conjuncts])
        assert mine.sent is mine.sent  # the sentence is built once


def test_walks_are_iterators_as_in_spacy(make_document):
    document = make_document(_TEXT)
    root = next(document.view.sents).root
    for walk in (root.children, root.lefts, root.rights, root.subtree, root.ancestors):
        assert iter(walk) is walk  # read once, as spaCy's generators are
    children = root.children
    assert list(children) and not list(children)
    assert isinstance(root.conjuncts, tuple)


def test_sentences_are_the_docs_with_the_trees_tokens(make_document):
    document = make_document(_TEXT)
    doc = document.doc
    sentences = list(document.view.sents)
    assert [(s.start, s.end) for s in sentences] == [(s.start, s.end) for s in doc.sents]
    for mine, theirs in zip(sentences, doc.sents, strict=True):
        assert isinstance(mine, TreeSpan)
        assert mine.text == theirs.text and len(mine) == len(theirs)
        assert mine.root.i == theirs.root.i and mine.root is document.view[theirs.root.i]
        assert [t.i for t in mine] == [t.i for t in theirs]
        assert all(t is document.view[t.i] for t in mine)
        assert mine[0] is document.view[theirs.start] and mine[-1] is document.view[theirs.end - 1]
        assert mine[1:3].text == theirs[1:3].text  # slices are spaCy's own spans
    last = sentences[-1]
    try:
        last[len(last)]
    except IndexError:
        pass
    else:
        raise AssertionError("an index past the sentence must raise IndexError")


def test_a_tree_token_from_the_view_is_a_document_token(make_document):
    document = make_document(_TEXT)
    view = document.view
    assert all(isinstance(t, TreeToken) for t in view)
    attacked = next(t for t in view if t.lower_ == "attacked")
    assert attacked.sent is next(view.sents)
    assert {t.lower_ for t in attacked.children} >= {"rebels", "depot"}


def test_a_very_deep_tree_is_walked_without_recursion(make_document):
    document = make_document(" ".join(["the government said talks would continue in the capital"] * 300))
    view = document.view
    for token in view:
        if token.head == token:
            assert [t.i for t in token.subtree] == [t.i for t in document.doc[token.i].subtree]


def test_subtree_bounds_are_the_first_and_last_index_of_the_subtree(make_document):
    document = make_document(_TEXT)
    for token in document.doc:
        indices = [t.i for t in token.subtree]
        assert subtree_bounds(token) == (min(indices), max(indices))  # a spaCy token
        assert subtree_bounds(document.view[token.i]) == (min(indices), max(indices))  # the view's


def test_token_at_gives_the_view_token_of_a_view_token(make_document):
    from newsledger.parsetree import token_at

    document = make_document(_TEXT)
    view, doc = document.view, document.doc
    assert token_at(view[3], 5) is view[5]
    assert token_at(doc[3], 5) == doc[5] and not isinstance(token_at(doc[3], 5), TreeToken)
    assert token_at(view[3], -1) is view[len(view) - 1]


def test_a_document_and_its_tree_are_freed_without_the_cycle_collector(make_document):
    import gc
    import weakref

    document = make_document(_TEXT)
    tree = weakref.ref(document.tokens.tree)
    [t.sent for t in document.view]  # sentences and walks built
    [list(t.subtree) for t in document.view]
    gc.disable()
    try:
        del document
        assert tree() is None  # tokens point to their tree weakly: no cycle keeps it
    finally:
        gc.enable()


def test_a_token_outliving_its_tree_says_so(make_document):
    import gc

    import pytest

    document = make_document(_TEXT)
    token = document.view[2]
    del document
    gc.collect()
    with pytest.raises(ReferenceError):
        list(token.children)
