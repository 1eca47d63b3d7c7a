"""Ingest: decoding, header detection, HTML, JSON Lines, and per-document input errors."""

from __future__ import annotations

import codecs
import json

import pytest

from newsledger.errors import BinaryInput, DecodeFailure, EmptyInput, InputTooLarge
from newsledger.ingest import InputDocument, read_inputs, to_document
from newsledger.ingest.dates import find_date, normalise_published
from newsledger.ingest.decode import decode_bytes
from newsledger.ingest.plaintext import split_header

BODY = ("The foreign ministers of two neighbouring states met on Tuesday to discuss the border dispute, "
        "and they agreed to hold further talks next month in the capital.")


def test_decode_utf8_bom_and_utf16():
    assert decode_bytes(codecs.BOM_UTF8 + "Türkiye".encode()).text == "Türkiye"
    assert decode_bytes(codecs.BOM_UTF16_LE + "Türkiye".encode("utf-16-le")).text == "Türkiye"
    assert decode_bytes(codecs.BOM_UTF16_BE + "Türkiye".encode("utf-16-be")).text == "Türkiye"


def test_decode_windows_1252_with_warning():
    d = decode_bytes("The minister’s café said “no”.".encode("cp1252"))
    assert d.text == "The minister’s café said “no”."
    assert d.encoding == "cp1252" and d.warnings[0][0] == "encoding_guessed"


def test_decode_truncated_utf8_keeps_text_and_warns():
    data = "Baku and Ankara – talks".encode() + "ü".encode()[:1]
    d = decode_bytes(data)
    assert d.text == "Baku and Ankara – talks"
    assert d.warnings[0][0] == "truncated_utf8"


@pytest.mark.parametrize("data", [b"%PDF-1.7 ...", b"\x89PNG\r\n\x1a\n....", b"abc\x00def" * 10, bytes(range(1, 32)) * 40])
def test_decode_refuses_binary(data):
    with pytest.raises(BinaryInput):
        decode_bytes(data)


def test_decode_refuses_text_that_is_no_encoding():
    with pytest.raises(DecodeFailure):
        decode_bytes(bytes(range(128, 256)) * 20)


def test_dates_explicit_formats():
    assert find_date("Last update: April 24, 2024 01:08").iso == "2024-04-24T01:08"
    assert find_date("20 Feb. 2024").iso == "2024-02-20"
    assert find_date("posted 2024-02-20T10:00:00Z").iso == "2024-02-20T10:00"
    assert find_date("February 30, 2024") is None
    assert normalise_published("2024-02-20T10:15:00+02:00") == "2024-02-20T10:15"
    with pytest.raises(ValueError):
        normalise_published("yesterday")


def test_header_full_page_copy():
    text = ("Updated: March 3, 2023 14:05\n\nSite logo\n\nTalks resume over disputed border\n\n"
            "By Jane Roe and John Doe March 2, 2023\n\n"
            "Delegates arrive at the conference hall in Geneva, March 1, 2023 / Agency Photo\n\n" + BODY)
    h = split_header(text)
    assert h.modified == "2023-03-03T14:05"
    assert h.title == "Talks resume over disputed border"
    assert h.authors == ["Jane Roe", "John Doe"]
    assert h.published == "2023-03-02"
    assert h.caption.startswith("Delegates arrive")
    assert text[h.body_start:].startswith("The foreign ministers")


def test_header_absent_body_starts_at_zero():
    assert split_header(BODY).body_start == 0
    assert split_header("  \n" + BODY).body_start in (0, 3)


def test_header_title_only():
    h = split_header("Border talks resume\n\n" + BODY)
    assert h.title == "Border talks resume"
    assert h.authors == []


def test_to_document_text_offset_points_into_input():
    text = "Border talks resume\n\nBy Jane Roe May 5, 2022\n\n" + BODY + "\n"
    d = to_document(InputDocument(text), max_bytes=10**6)
    assert text[d.text_offset:d.text_offset + len(d.text)] == d.text
    assert d.article.published == "2022-05-05"
    assert d.article.id and len(d.article.id) == 64


def test_to_document_raw_keeps_input_and_crlf_normalised():
    text = "Border talks resume\r\n\r\n" + BODY
    d = to_document(InputDocument(text, raw=True), max_bytes=10**6)
    assert d.text_offset == 0 and d.text == text.replace("\r\n", "\n")
    assert d.article.title is None


def test_to_document_published_overrides_document():
    text = "By Jane Roe May 5, 2022\n\n" + BODY
    d = to_document(InputDocument(text, published="2023-01-02"), max_bytes=10**6)
    assert d.article.published == "2023-01-02"
    assert str(d.anchor) == "2023-01-02"


def test_to_document_html_metadata_and_body():
    html = f"""<html><head><title>Site | Talks resume</title>
    <meta property="og:title" content="Talks resume"><meta name="author" content="Jane Roe">
    <meta property="article:published_time" content="2024-02-20T10:00:00Z"></head>
    <body><nav>Home | World</nav><article><h1>Talks resume</h1><p>{BODY}</p>
    <p>Officials said the next round would take place in Vienna after the holidays, with both delegations present.</p>
    <script>alert('x')</script></article></body></html>"""
    d = to_document(InputDocument(html), max_bytes=10**6)
    assert d.article.title == "Talks resume"
    assert d.article.authors == ["Jane Roe"]
    assert d.article.published == "2024-02-20"
    assert d.text.startswith("The foreign ministers") and "alert" not in d.text
    assert d.text_offset is None


@pytest.mark.parametrize("content,error", [(b"", EmptyInput), (b"   \n\t ", EmptyInput), ("", EmptyInput)])
def test_to_document_empty(content, error):
    with pytest.raises(error):
        to_document(InputDocument(content), max_bytes=10**6)


def test_to_document_too_large():
    with pytest.raises(InputTooLarge) as exc:
        to_document(InputDocument(b"a" * 2000), max_bytes=1000)
    assert exc.value.code == "too_large"


def test_read_inputs_jsonl_in_order_with_errors_in_place(tmp_path):
    lines = [json.dumps({"id": "a", "text": BODY}), "not json", json.dumps([1, 2]),
             json.dumps({"id": "d", "html": "<p>x</p>", "published": "2024-01-01"}), json.dumps({"id": "e"})]
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(f)]))
    assert [i.input_id for i in items] == ["a", None, None, "d", "e"]
    assert items[0].error is None and items[0].format == "text"
    assert items[1].error.code == "bad_json" and items[2].error.code == "bad_json"
    assert items[3].format == "html" and items[3].published == "2024-01-01"
    assert items[4].error.code == "bad_json"


def test_read_inputs_missing_file_and_folder(tmp_path):
    (tmp_path / "b.txt").write_text(BODY)
    (tmp_path / "a.html").write_text("<p>x</p>")
    items = list(read_inputs([str(tmp_path), str(tmp_path / "nope.txt")]))
    assert [i.source.rsplit("/", 1)[-1] for i in items] == ["a.html", "b.txt", "nope.txt"]
    assert items[0].format == "html"
    assert items[2].error.code == "not_found"


def test_ingest_upload_jsonl_reads_as_the_command_line_but_never_trusts_a_url():
    from newsledger.web.ingest import documents_from_file

    data = (b'{"id": "a", "text": "Talks resumed on Monday.", "url": "http://example.org/x"}\n'
            b'not json\n' + b"[" * 100_000 + b"\n\n[1, 2]\n")
    docs = documents_from_file("batch.jsonl", data, "jsonl")
    assert [d.source for d in docs] == ["upload:batch.jsonl:1", "upload:batch.jsonl:2", "upload:batch.jsonl:3",
                                        "upload:batch.jsonl:5"]
    assert docs[0].url is None and docs[0].error is None and docs[0].input_id == "a"
    # the same errors as `newsledger extract`, arrays nested thousands deep included
    assert [type(d.error).__name__ for d in docs[1:]] == ["BadJsonLine"] * 3


def test_ingest_jsonl_title_stays_out_of_the_text():
    from newsledger.ingest import input_from_json, to_document

    item = input_from_json({"id": "x", "title": "Minister Quits After Protests",
                            "text": "Minister Quits After Protests\nThe minister resigned on Monday.",
                            "url": "https://example.org/x"}, "batch.jsonl:1")
    doc = to_document(item, max_bytes=10_000)
    assert doc.article.title == "Minister Quits After Protests"
    assert doc.article.url == "https://example.org/x"
    # the text is the body as given: no headline is looked for in it, nothing is dropped
    assert doc.text.startswith("Minister Quits After Protests\nThe minister") and doc.text_offset == 0
    plain = to_document(input_from_json({"id": "y", "title": "Quits", "text": "The minister resigned."}, "b:2"),
                        max_bytes=10_000)
    assert plain.text == "The minister resigned." and plain.article.title == "Quits"
