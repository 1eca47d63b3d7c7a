"""The document's token table and parse view: the same answers as the spaCy Doc, read once."""


def test_document_view_answers_as_the_doc(make_document):
    document = make_document("The talks in Geneva ended on Friday.\n\nA second round, he said, starts soon.")
    doc, view, table = document.doc, document.view, document.tokens
    assert len(view) == len(doc) == len(table)
    assert view.text == doc.text
    for i, token in enumerate(doc):
        assert view[i].i == i and view[i].text == token.text
        assert table.lemma[i] == token.lemma_.lower() and table.pos[i] == token.pos_
        assert table.end_char(i) == token.idx + len(token.text)
    for start in range(len(doc)):
        for end in range(start, min(len(doc), start + 6) + 1):
            assert view.span_text(start, end) == doc[start:end].text
    assert view.span_text(len(doc) - 1, len(doc) + 3) == doc[len(doc) - 1:].text
    assert view[2:4].text == doc[2:4].text  # slices are the Doc's own spans
    assert [s.text for s in view.sents] == [s.text for s in doc.sents]
    assert [s.text for s in view.sents] == [s.text for s in doc.sents]  # read twice: a fresh iterator each time
    assert next(view.sents).text == next(doc.sents).text
    assert [(e.text, e.label_) for e in view.ents] == [(e.text, e.label_) for e in doc.ents]
    assert view.ents is view.ents  # built once


def test_document_view_gives_one_token_object_per_token(make_document):
    document = make_document("Officials met in Nairobi on Monday.")
    view = document.view
    assert view[3] is view[3]
    assert list(view)[3] is view[3]
    assert document.doc[3] is not document.doc[3]  # what the view saves: spaCy builds a new Token each time


def test_document_token_sentence_numbers_each_token(make_document):
    document = make_document("One sentence here. Another one follows. And a third.")
    numbers = document.token_sentence
    for k, sent in enumerate(document.doc.sents):
        assert all(numbers[t.i] == k for t in sent)
