"""The dependency tree of one parse over one Token object per token.

spaCy builds a new Token object at every step of a walk over the parse (`token.head`,
`token.children`, `span[i]`...), and recomputes a token's sentence (`token.sent`, a walk
to the nearest sentence starts) and its subtree at every call. Rule code over the parse
walks it a great deal. `ParseTree` makes one `TreeToken` per token of a Doc; a TreeToken
is a spaCy Token whose walks (`head`, `lefts`, `rights`, `children`, `subtree`,
`ancestors`, `conjuncts`, `sent`, `left_edge`, `right_edge`) give the tree's own
TreeTokens: heads and children are read from spaCy once when the tree is built, a
subtree is built the first time it is asked for and kept. Sentences are `TreeSpan`s:
spaCy Spans whose tokens (by index or by iteration) are TreeTokens and whose `root` is
found once.

Everything else (attributes, comparison, hashing, slicing a span, the Doc itself) is
spaCy's own, so a TreeToken is equal to the Token spaCy gives for the same position and
the two can be mixed. What a walk returns is what spaCy's walk returns, in the same
order; a generator in spaCy is an iterator here too. As one position is one object,
`a is b` between two TreeTokens means the same position, as `a == b` does (between
spaCy's own Tokens it is almost never true): compare tokens with `==` or by `.i`.

A TreeToken also holds its position (`i`, `idx`) and the strings rule code reads most (`text`,
`lower_`, `lemma_`, `pos_`, `tag_`, `dep_`, `ent_type_`), read from the Doc once when the tree is
built: spaCy looks each of them up in its string store at every access, several times slower
than reading an attribute.

spaCy's user hooks for `sent` and `conjuncts` are not consulted (newsledger's pipeline sets
none). One tree belongs to one document (it is built by `Document.tokens`), never shared
between documents or threads; the parse must not change once it is built.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    TAG,
)
from spacy.symbols import conj as conj_label
from spacy.tokens import Span, Token

if TYPE_CHECKING:
    from spacy.tokens import Doc

MISSING_DEP = 0  # spaCy's dependency label of a token without one (tokens/token.pxd)


class ParseTree:
    """One TreeToken per token of `doc`, the walks between them, and the sentences."""

    __slots__ = ("__weakref__", "doc", "tokens", "heads", "lefts", "rights", "children", "_subtrees", "_bounds", "_conjuncts", "_sentences",
                 "_sentence_of", "columns")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens: list[TreeToken] = [TreeToken(doc.vocab, doc, i) for i in range(len(doc))]
        # per token, as spaCy's Token gives them: text, lower_, lemma_, pos_, tag_, dep_, ent_type_,
        # idx, is_punct, is_space, is_title, is_stop (see `_columns`)
        self.columns = _columns(doc)
        me = weakref.ref(self)  # (weak: a token and its tree would otherwise keep each other alive)
        for i, (token, text, lower, lemma, pos, tag, dep, ent_type, idx) in enumerate(
                zip(self.tokens, *self.columns[:8], strict=True)):
            token._tree_ref = me
            token.i, token.idx = i, idx
            token.text, token.lower_, token.lemma_ = text, lower, lemma
            token.pos_, token.tag_, token.dep_, token.ent_type_ = pos, tag, dep, ent_type
        # each token's head, as `Token.head` gives it (the token itself for a root), and its
        # children (the tokens whose head it is) before and after it, in text order
        heads = _head_indices(doc)
        self.heads: list[TreeToken] = [self.tokens[h] for h in heads]
        self.lefts: list[tuple[TreeToken, ...]] = [()] * len(doc)
        self.rights: list[tuple[TreeToken, ...]] = [()] * len(doc)
        for i, h in enumerate(heads):  # (most words have no child, and few have many)
            if h > i:
                self.lefts[h] = (*self.lefts[h], self.tokens[i])
            elif h < i:
                self.rights[h] = (*self.rights[h], self.tokens[i])
        self.children: list[tuple[TreeToken, ...]] = [
            left + right for left, right in zip(self.lefts, self.rights, strict=True)]
        self._subtrees: dict[int, tuple[TreeToken, ...]] = {}
        self._bounds: dict[int, tuple[int, int]] = {}
        self._conjuncts: dict[int, tuple[TreeToken, ...]] = {}
        self._sentences: tuple[TreeSpan, ...] | None = None
        self._sentence_of: list[int] | None = None

    def subtree(self, token: TreeToken) -> tuple[TreeToken, ...]:
        """The token's subtree in spaCy's order: each left child's subtree, the token, each
        right child's subtree (walked without recursion: a long unpunctuated text can make
        a tree thousands of words deep)."""
        got = self._subtrees.get(token.i)
        if got is None:
            out: list[TreeToken] = []
            todo: list[tuple[bool, TreeToken]] = [(False, token)]  # (ready to emit, token)
            while todo:
                ready, t = todo.pop()
                if ready:
                    out.append(t)
                    continue
                todo += [(False, c) for c in reversed(self.rights[t.i])]
                todo.append((True, t))
                todo += [(False, c) for c in reversed(self.lefts[t.i])]
            got = self._subtrees[token.i] = tuple(out)
        return got

    def bounds(self, token: TreeToken) -> tuple[int, int]:
        """The first and the last index of the token's subtree."""
        got = self._bounds.get(token.i)
        if got is None:
            indices = [t.i for t in self.subtree(token)]
            got = self._bounds[token.i] = (min(indices), max(indices))
        return got

    def conjuncts(self, token: TreeToken) -> tuple[TreeToken, ...]:
        """spaCy's walk: up the "conj" arcs to the first conjunct, then down the "conj"
        right children, breadth first; the token itself left out."""
        got = self._conjuncts.get(token.i)
        if got is None:
            start = token
            while start.dep == conj_label and self.heads[start.i].i != start.i:
                start = self.heads[start.i]
            found = [start]
            for word in found:  # (grows as it is read)
                found += [c for c in self.rights[word.i] if c.dep == conj_label]
            got = self._conjuncts[token.i] = tuple(w for w in found if w.i != token.i)
        return got

    @property
    def sentences(self) -> tuple[TreeSpan, ...]:
        """The sentences, as `doc.sents` gives them."""
        if self._sentences is None:
            self._sentences = tuple(TreeSpan(self, s.start, s.end) for s in self.doc.sents)
        return self._sentences

    def sentence_index(self, i: int) -> int:
        """The number of the sentence token i is in."""
        if self._sentence_of is None:
            out = [0] * len(self.tokens)
            for k, s in enumerate(self.sentences):
                out[s.start:s.end] = [k] * (s.end - s.start)
            self._sentence_of = out
        return self._sentence_of[i]


def subtree_bounds(token: Token) -> tuple[int, int]:
    """The first and the last index of the words in `token`'s subtree (for a TreeToken,
    found once per token)."""
    if isinstance(token, TreeToken):
        return token._tree.bounds(token)
    indices = [t.i for t in token.subtree]
    return min(indices), max(indices)


def token_at(token: Token, i: int) -> Token:
    """Token i of the parse `token` is in, as `token.doc[i]` gives it (for a TreeToken, the
    tree's own object)."""
    if isinstance(token, TreeToken):
        return token._tree.tokens[i]
    return token.doc[i]


_STRING_COLUMNS = (ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE)
_COLUMNS = (*_STRING_COLUMNS, IDX, IS_PUNCT, IS_SPACE, IS_TITLE, IS_STOP)


def _columns(doc: Doc) -> tuple[list, ...]:
    """Per token, as spaCy's Token gives them: text, lower_, lemma_, pos_, tag_, dep_,
    ent_type_ (strings), idx (int), is_punct, is_space, is_title, is_stop (bools); read in one
    pass, each distinct string looked up in the string store once."""
    if not len(doc):
        return tuple([] for _ in _COLUMNS)
    rows = doc.to_array(list(_COLUMNS)).T.tolist()
    strings = doc.vocab.strings
    found: dict[int, str] = {}
    out: list[list] = []
    for column in rows[:len(_STRING_COLUMNS)]:
        words = []
        for key in column:
            word = found.get(key)
            if word is None:
                word = found[key] = strings[key]
            words.append(word)
        out.append(words)
    out.append(rows[len(_STRING_COLUMNS)])  # idx
    out += [[bool(v) for v in column] for column in rows[len(_STRING_COLUMNS) + 1:]]
    return tuple(out)


def _head_indices(doc: Doc) -> list[int]:
    """Each token's head, as `Token.head` gives it: the token itself where the parse gives
    none (a root, or a token without a dependency label)."""
    if not len(doc):
        return []
    rows = doc.to_array([HEAD, DEP]).astype("int64").tolist()  # HEAD: the offset to the head
    return [i + offset if dep != MISSING_DEP else i for i, (offset, dep) in enumerate(rows)]


class TreeToken(Token):
    """A spaCy Token whose walks over the parse give its tree's TreeTokens (see the module)."""

    # (the strings and positions are spaCy's own answers, read once: see the module)
    __slots__ = ("_tree_ref", "i", "idx", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_")
    _tree_ref: weakref.ref[ParseTree]

    @property
    def _tree(self) -> ParseTree:
        """The tree, which the document's token table keeps (`Document.tokens`)."""
        tree = self._tree_ref()
        if tree is None:
            raise ReferenceError("the parse tree of this token is gone with its document's token table")
        return tree

    # (the walks read the tree themselves rather than through `_tree`: they are asked for
    # hundreds of thousands of times, and a second property call is a large part of each)

    @property
    def head(self) -> TreeToken:  # type: ignore[override]
        tree = self._tree_ref()
        return (tree or self._tree).heads[self.i]

    @property
    def lefts(self) -> Iterator[TreeToken]:  # type: ignore[override]
        tree = self._tree_ref()
        return iter((tree or self._tree).lefts[self.i])

    @property
    def rights(self) -> Iterator[TreeToken]:  # type: ignore[override]
        tree = self._tree_ref()
        return iter((tree or self._tree).rights[self.i])

    @property
    def children(self) -> Iterator[TreeToken]:  # type: ignore[override]
        tree = self._tree_ref()
        return iter((tree or self._tree).children[self.i])

    @property
    def subtree(self) -> Iterator[TreeToken]:  # type: ignore[override]
        tree = self._tree_ref()
        return iter((tree or self._tree).subtree(self))

    @property
    def ancestors(self) -> Iterator[TreeToken]:  # type: ignore[override]
        tokens = self._tree.tokens
        return iter([tokens[a.i] for a in Token.ancestors.__get__(self)])  # type: ignore[attr-defined]

    @property
    def conjuncts(self) -> tuple[TreeToken, ...]:  # type: ignore[override]
        tree = self._tree_ref()
        return (tree or self._tree).conjuncts(self)

    @property
    def left_edge(self) -> TreeToken:  # type: ignore[override]
        return self._tree.tokens[Token.left_edge.__get__(self).i]  # type: ignore[attr-defined]

    @property
    def right_edge(self) -> TreeToken:  # type: ignore[override]
        return self._tree.tokens[Token.right_edge.__get__(self).i]  # type: ignore[attr-defined]

    @property
    def sent(self) -> TreeSpan:  # type: ignore[override]
        tree = self._tree_ref() or self._tree
        return tree.sentences[tree.sentence_index(self.i)]


class TreeSpan(Span):
    """A sentence of a ParseTree: a spaCy Span whose tokens are the tree's TreeTokens and
    whose root is found once."""

    _tokens: list[TreeToken]  # the tree's (the span keeps the list, not the tree: no cycle)
    _root: TreeToken | None

    def __init__(self, tree: ParseTree, start: int, end: int) -> None:
        self._tokens = tree.tokens
        self._root = None

    def __new__(cls, tree: ParseTree, start: int, end: int) -> TreeSpan:
        return super().__new__(cls, tree.doc, start, end)

    def __iter__(self) -> Iterator[TreeToken]:
        return iter(self._tokens[self.start:self.end])

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, int):
            n = self.end - self.start
            if -n <= key < n:
                return self._tokens[self.start + key if key >= 0 else self.end + key]
        return super().__getitem__(key)

    @property
    def root(self) -> TreeToken:  # type: ignore[override]
        if self._root is None:
            self._root = self._tokens[Span.root.__get__(self).i]  # type: ignore[attr-defined]
        return self._root
