"""Hypothesis: whatever comes in (text, HTML pages, JSON Lines batches, bytes in any
encoding, random bytes, mutated articles), a record keeps its contract or a coded error
comes out.

NEWSLEDGER_FUZZ_EXAMPLES raises the number of examples per test (`make fuzz` does); the
defaults keep `make test` quick.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.corpus import ARTICLE
from fuzz.targets import run_input
from newsledger.errors import NewsledgerError

EXAMPLES = int(os.environ.get("NEWSLEDGER_FUZZ_EXAMPLES", "0"))


def examples(default: int) -> int:
    return EXAMPLES or default


WORDS = ["President", "Jane", "Roe", "met", "Armenia", "Azerbaijan", "in", "Baku", "on", "Monday", "said",
         "“", "”", '"', "attacked", "the", "army", "of", "Türkiye", "last", "year", "5,000", "troops",
         "agreed", ",", ".", "\n\n", "he", "added", "that", "over", "300", "September", "2020", "ago"]

sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)
noise = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


def _check(pipeline, text, **kwargs):
    try:
        record = pipeline.extract(text, **kwargs)
    except NewsledgerError as exc:
        assert exc.code
        return
    assert record.problems() == []
    for t in record.times:
        assert record.text[t.start:t.end] == t.text


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=sentences)
def test_property_newsy_text_keeps_contract(pipeline, text):
    _check(pipeline, text, published="2024-02-20")


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=noise, raw=st.booleans())
def test_property_random_text_keeps_contract(pipeline, text, raw):
    _check(pipeline, text, raw=raw)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_mutated_seed_keeps_contract(pipeline, seed_text, data):
    start = data.draw(st.integers(0, len(seed_text) - 1))
    length = data.draw(st.integers(0, 400))
    insert = data.draw(st.sampled_from(["", "“", '"', "\n\n", "President ", "2020", "\x00"]))
    mutated = seed_text[:start] + insert + seed_text[start + length:]
    _check(pipeline, mutated)


# --- ingest + extract over every kind of input (fuzz/targets.py checks the contract) ---------

prose = st.lists(st.sampled_from(WORDS + ["<b>", "&amp;", "&#x201c;", "<!--", "-->", "<br>"]),
                 min_size=1, max_size=40).map(" ".join)
TAGS = ["p", "div", "article", "span", "b", "i", "a", "h1", "h2", "table", "td", "li", "ul", "section",
        "script", "style", "noscript", "iframe", "svg", "main", "header", "footer", "nav", "blockquote"]


@st.composite
def html_pages(draw):
    """Pages of random nesting around newsy paragraphs, with attributes, entities, comments."""
    def element(depth: int) -> str:
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(st.sampled_from(["", " class='story'", ' id="x" title="&quot;q&quot;"', " onclick='alert(1)'",
                                      " style='display:none'", " href='javascript:void(0)'"]))
        if depth > 0 and draw(st.booleans()):
            inner = "".join(element(depth - 1) for _ in range(draw(st.integers(1, 3))))
        else:
            inner = draw(prose)
        closed = draw(st.sampled_from([True, True, True, False]))
        return f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if closed else "")

    body = "".join(element(draw(st.integers(0, 4))) for _ in range(draw(st.integers(1, 5))))
    head = draw(st.sampled_from(["", "<title>Talks</title>", "<meta name='author' content='A, B (C, D); E'>",
                                 "<meta property='article:published_time' content='2024-13-45'>"]))
    return draw(st.sampled_from(["<!DOCTYPE html>", "", "<?xml version='1.0'?>"])) + \
        f"<html><head>{head}</head><body>{body}</body></html>"


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=html_pages(), as_bytes=st.booleans())
def test_property_html_pages_keep_contract(pipeline, page, as_bytes):
    run_input(pipeline, "bytes" if as_bytes else "html", page.encode("utf-8"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def jsonl_batches(draw):
    """Lines of objects with right and wrong fields, arrays, garbage and blank lines."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        shape = draw(st.sampled_from(["text", "html", "odd", "value", "garbage", "blank"]))
        if shape in ("text", "html"):
            obj = {shape: draw(sentences), "id": draw(st.one_of(st.text(max_size=10), st.integers(), st.none())),
                   "published": draw(st.one_of(st.none(), st.sampled_from(["2024-02-20", "2024-02-30", "yesterday",
                                                                           "2024-02-20T10:00:00Z"]), st.integers()))}
            if draw(st.booleans()):
                obj["url"] = draw(st.one_of(st.text(max_size=20), st.integers()))
            lines.append(json.dumps(obj, ensure_ascii=draw(st.booleans())))
        elif shape == "odd":
            lines.append(json.dumps(draw(st.dictionaries(st.sampled_from(["text", "html", "id", "raw", "url"]),
                                                         json_values, max_size=4))))
        elif shape == "value":
            lines.append(json.dumps(draw(json_values)))
        elif shape == "garbage":
            lines.append(draw(st.text(max_size=40)).replace("\n", " "))
        else:
            lines.append("")
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=jsonl_batches(), raw=st.booleans())
def test_property_jsonl_batches_keep_contract(pipeline, batch, raw):
    run_input(pipeline, "jsonl", batch, raw=raw)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1"]


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=sentences, encoding=st.sampled_from(ENCODINGS), cut=st.integers(0, 3), raw=st.booleans())
def test_property_encoded_bytes_keep_contract(pipeline, text, encoding, cut, raw):
    data = text.encode(encoding, "replace")
    run_input(pipeline, "bytes", data[:len(data) - cut] if cut else data, raw=raw)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), kind=st.sampled_from(["bytes", "jsonl", "feed", "warc"]))
def test_property_random_bytes_keep_contract(pipeline, data, kind):
    run_input(pipeline, kind, data)


@st.composite
def mutated_articles(draw):
    """An article with random byte-level edits: deletions, insertions, flips, repeats."""
    data = bytearray(ARTICLE.encode("utf-8"))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["delete", "insert", "flip", "repeat"]))
        at = draw(st.integers(0, len(data)))
        if op == "delete":
            del data[at:at + draw(st.integers(1, 60))]
        elif op == "insert":
            data[at:at] = draw(st.sampled_from([b"\x00", b"\xff", b"\xe2\x80", "\u201c".encode(), b'"', b"<p>",
                                                b"\n\n", b"\r", b"&#0;", "\u202e".encode(), b"\t" * 30]))
        elif op == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        else:
            data[at:at] = bytes(data[at:at + draw(st.integers(1, 30))]) * draw(st.integers(2, 20))
    return bytes(data)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated_articles(), kind=st.sampled_from(["bytes", "text", "html"]), raw=st.booleans())
def test_property_mutated_articles_keep_contract(pipeline, data, kind, raw):
    run_input(pipeline, kind, data, raw=raw)
