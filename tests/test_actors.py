"""Actors stage: NER repair, merging of name variants, coding, roles and pronouns."""

from __future__ import annotations

from .conftest import run_stages


def by_name(document, name):
    return next((e for e in document.entities if e.name == name), None)


def test_actors_country_names_are_gpe_with_codes(make_document):
    d = run_stages(make_document("Armenia and Azerbaijan signed a deal. Türkiye welcomed it, and Turkey's envoy spoke."), "actors")
    assert by_name(d, "Armenia").type == "GPE" and by_name(d, "Armenia").country == "ARM"
    tur = by_name(d, "Türkiye")
    assert tur.country == "TUR" and len(tur.mentions) == 2  # Türkiye and Turkey are one country
    assert not any(e.type == "PERSON" and e.country for e in d.entities)


def test_actors_name_variants_and_titles_merge(make_document):
    d = run_stages(make_document(
        "President Maria Lindqvist arrived in Oslo. Lindqvist met reporters. Later, Maria Lindqvist left."), "actors")
    person = by_name(d, "Maria Lindqvist")
    assert person is not None and person.type == "PERSON"
    assert person.role == "President" and person.sector == "GOV"
    assert len(person.mentions) == 3
    assert all(m.text in ("Maria Lindqvist", "Lindqvist") for m in person.mentions)


def test_actors_group_phrases_get_country_and_sector(make_document):
    d = run_stages(make_document("Armenia's forces shelled the town. Separatist forces withdrew. The Turkish Army trained units."), "actors")
    codes = {(e.country, e.sector) for e in d.entities if e.type == "ORG"}
    assert ("ARM", "MIL") in codes
    assert (None, "REB") in codes
    assert ("TUR", "MIL") in codes


def test_actors_one_sides_officials_are_named_by_the_usual_description(make_document):
    # the descriptions of one country's officials are one side; its name is the one the text uses
    # most, not whichever came first ("Five Italian diplomats")
    d = run_stages(make_document("Five Italian diplomats left Vienna on Monday. The Italian government said the "
                                 "move was unfair. Italian officials met the envoy. The Italian government later "
                                 "protested."), "actors")
    side = [e for e in d.entities if e.type == "ORG" and e.country == "ITA"]
    assert len(side) == 1 and side[0].name == "Italian government"


def test_actors_role_description_and_pronoun_resolve(make_document):
    d = run_stages(make_document(
        "President Maria Lindqvist met the press in Oslo.\n\n"
        "“We will keep talking,” the President of Norway said.\n\nShe added that talks would continue."), "actors")
    person = by_name(d, "Maria Lindqvist")
    texts = [m.text for m in person.mentions]
    assert "the President of Norway" in texts and "She" in texts
    assert person.country == "NOR"
    she = d.text.index("She")
    assert d.mentions[d.doc.char_span(she, she + 3).start] == person.id


def test_actors_mentions_are_exact_spans(make_document):
    d = run_stages(make_document("The Soviet Union’s collapse in 1991 changed Armenia."), "actors")
    su = by_name(d, "Soviet Union")
    assert su is not None and su.country == "SUN"
    for e in d.entities:
        for m in e.mentions:
            assert d.text[m.start:m.end] == m.text


def test_actors_long_repeated_name_stays_fast(make_document):
    import time

    d = make_document("The " + " ".join(["W"] * 750) + " Ministry said nothing.")
    t0 = time.perf_counter()
    run_stages(d, "actors")
    assert time.perf_counter() - t0 < 10  # _org_sector was cubic in the name's length
