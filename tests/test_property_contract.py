"""Hypothesis: whatever text comes in, a record keeps its contract or a coded error comes out."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.errors import NewsledgerError

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


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=sentences)
def test_property_newsy_text_keeps_contract(pipeline, text):
    _check(pipeline, text, published="2024-02-20")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=noise, raw=st.booleans())
def test_property_random_text_keeps_contract(pipeline, text, raw):
    _check(pipeline, text, raw=raw)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_mutated_seed_keeps_contract(pipeline, seed_text, data):
    start = data.draw(st.integers(0, len(seed_text) - 1))
    length = data.draw(st.integers(0, 400))
    insert = data.draw(st.sampled_from(["", "“", '"', "\n\n", "President ", "2020", "\x00"]))
    mutated = seed_text[:start] + insert + seed_text[start + length:]
    _check(pipeline, mutated)
