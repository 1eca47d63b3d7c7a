"""Actor knowledge beyond the article: override file, chain of layers, tenure, bundled facts,
and what an article teaches (learnable_actors)."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.knowledge import (
    ActorKnowledge,
    ChainKnowledge,
    EmptyKnowledge,
    FileKnowledge,
    KnowledgeFileError,
    KnownActor,
    MemoryKnowledge,
    bundled_knowledge,
    choose,
    default_knowledge,
)
from newsledger.stages.actors import ActorsStage, learnable_actors

LINDQVIST = KnownActor(key="person:maria-lindqvist", name="Maria Lindqvist", type="PERSON",
                       aliases=("Lindqvist",), country="NOR", sector="GOV", role="President of Norway",
                       source="test")


def actors(make_document, text, knowledge, published="2024-02-20"):
    document = make_document(text, published=published)
    ActorsStage(knowledge=knowledge)(document)
    return document


def test_knowledge_finds_a_name_however_its_letters_and_punctuation_are_written():
    # the one name key of newsledger.names (tests/test_names.py): the gazetteer's and the store's too
    kb = MemoryKnowledge([KnownActor(key="person:jonas-store", name="Jonas Gahr Støre", type="PERSON",
                                     aliases=("Støre",), country="NOR", source="test"),
                          KnownActor(key="person:ana-o-brien", name="Ana O’Brien", type="PERSON", source="test")])
    assert kb.lookup("Store") and kb.lookup("STØRE") and kb.lookup("jonas gahr store")
    assert kb.lookup("Ana O'Brien") and kb.lookup("ana o brien")


def test_knowledge_memory_lookup_by_alias_case_insensitive():
    kb = MemoryKnowledge([LINDQVIST])
    assert kb.lookup("lindqvist") == (LINDQVIST,)
    assert kb.lookup("Maria Lindqvist") == (LINDQVIST,)
    assert kb.lookup("Berg") == ()
    assert isinstance(kb, ActorKnowledge) and len(kb) == 1


def test_knowledge_stage_codes_a_bare_surname_from_knowledge(make_document):
    d = actors(make_document, "Lindqvist said the talks would go on.", MemoryKnowledge([LINDQVIST]))
    person = next(e for e in d.entities if e.name == "Lindqvist")
    assert (person.type, person.country, person.sector) == ("PERSON", "NOR", "GOV")
    assert person.role == "President of Norway"
    bare = actors(make_document, "Lindqvist said the talks would go on.", EmptyKnowledge())
    assert next(e for e in bare.entities if e.name == "Lindqvist").country is None


def test_knowledge_text_wins_over_knowledge(make_document):
    d = actors(make_document, "Swedish Foreign Minister Maria Lindqvist spoke.", MemoryKnowledge([LINDQVIST]))
    person = next(e for e in d.entities if e.name == "Maria Lindqvist")
    assert person.country == "SWE" and "Foreign Minister" in person.role


def test_knowledge_full_name_must_agree_with_given_names(make_document):
    d = actors(make_document, "Karin Lindqvist won the race.", MemoryKnowledge([LINDQVIST]))
    person = next(e for e in d.entities if e.name == "Karin Lindqvist")
    assert person.country is None and person.sector is None


def test_knowledge_file_override_yaml(tmp_path, make_document):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - name: Olav Haugen\n"
        "    aliases: [Haugen]\n"
        "    country: NOR\n"
        "    sector: MIL\n"
        "    role: Chief of Defence\n"
        "    since: 2020-01-01\n", encoding="utf-8")
    kb = FileKnowledge(path)
    (haugen,) = kb.lookup("Haugen")
    assert (haugen.country, haugen.sector, haugen.since) == ("NOR", "MIL", "2020-01-01")
    assert haugen.source == "file:actors.yaml"
    d = actors(make_document, "Haugen inspected the troops.", default_knowledge(path))
    person = next(e for e in d.entities if e.name == "Haugen")
    assert (person.country, person.sector) == ("NOR", "MIL")


def test_knowledge_file_override_csv(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,type,aliases,country,sector,role\n"
                    "Nordic Relief,ORG,NR|N.R.,NOR,NGO,\n"
                    "Jonas Berg,PERSON,Berg,SWE,GOV,Prime Minister of Sweden\n", encoding="utf-8")
    kb = FileKnowledge(path)
    assert kb.lookup("NR")[0].type == "ORG"
    assert kb.lookup("berg")[0].role == "Prime Minister of Sweden"


@pytest.mark.parametrize("body, message", [
    ("- name: X Y\n  country: XXX\n", "country"),
    ("- name: X Y\n  sector: BOSS\n", "sector"),
    ("- name: X Y\n  colour: red\n", "unknown field"),
    ("- country: NOR\n", "needs a name"),
    ("- name: X Y\n  since: last year\n", "ISO date"),
])
def test_knowledge_file_rejects_bad_entries(tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match=message):
        FileKnowledge(path)


def test_knowledge_chain_first_layer_answers():
    other = KnownActor(key="person:maria-lindqvist-2", name="Maria Lindqvist", type="PERSON",
                       aliases=("Lindqvist",), country="SWE", sector="BUS", source="other")
    chain = ChainKnowledge([MemoryKnowledge([other]), MemoryKnowledge([LINDQVIST])])
    assert chain.lookup("Lindqvist") == (other,)
    assert chain.lookup("Nobody") == ()
    assert ChainKnowledge([EmptyKnowledge(), MemoryKnowledge([LINDQVIST])]).lookup("Lindqvist") == (LINDQVIST,)


def test_knowledge_choose_by_tenure_and_agreement():
    old = KnownActor(key="p:a", name="Anna Vik", type="PERSON", aliases=("Vik",), country="NOR",
                     sector="GOV", role="Prime Minister", since="2001", until="2005-06-30")
    new = KnownActor(key="p:b", name="Bjorn Vik", type="PERSON", aliases=("Vik",), country="SWE",
                     sector="BUS", role="Chief Executive", since="2010-01-01")
    assert choose([old, new], date(2003, 5, 1)) is old
    assert choose([old, new], date(2015, 5, 1)) is new
    assert choose([old, new], None) is None  # they disagree and nothing tells them apart
    assert choose([old, new], None, full_name="Anna Vik") is old
    assert choose([old, new], date(2003, 5, 1), type_="ORG") is None


def test_knowledge_bundled_leaders_follow_the_article_date(make_document):
    kb = bundled_knowledge()
    text = "Medvedev said the talks were over."
    early = actors(make_document, text, kb, published="2010-03-01")
    late = actors(make_document, text, kb, published="2016-03-01")
    role_early, role_late = (next(e for e in d.entities if e.name == "Medvedev").role for d in (early, late))
    assert role_early.startswith("President") and role_late.startswith("Prime Minister")
    assert next(e for e in late.entities if e.name == "Medvedev").country == "RUS"


def test_knowledge_bundled_organisations(make_document):
    d = actors(make_document, "ASEAN and the Bundestag traded accusations.", bundled_knowledge())
    asean = next(e for e in d.entities if e.name == "ASEAN")
    bundestag = next(e for e in d.entities if "Bundestag" in e.name)
    assert asean.sector == "IGO" and asean.country is None
    assert (bundestag.country, bundestag.sector) == ("DEU", "LEG")


def test_knowledge_learnable_actors_teach_a_later_article(pipeline, make_document):
    first = pipeline.extract("President Maria Lindqvist of Norway opened the summit in Bergen. "
                             "Lindqvist said the Norwegian Army would help.", raw=True, published="2024-03-01")
    learned = learnable_actors(first)
    person = next(a for a in learned if a.type == "PERSON")
    assert (person.name, person.country, person.sector) == ("Maria Lindqvist", "NOR", "GOV")
    assert "Lindqvist" in person.aliases and person.source == f"article:{first.article.id}"
    assert "Norway" in person.extra["evidence"]
    army = next(a for a in learned if a.type == "ORG")
    assert (army.country, army.sector) == ("NOR", "MIL")
    later = actors(make_document, "Lindqvist rejected the offer.", MemoryKnowledge(learned))
    e = next(e for e in later.entities if e.name == "Lindqvist")
    assert (e.country, e.sector) == ("NOR", "GOV")


def test_knowledge_learnable_actors_skip_what_knowledge_supplied(make_document):
    from newsledger.model import Article, Record

    document = actors(make_document, "Lindqvist met the delegates.", MemoryKnowledge([LINDQVIST]))
    record = Record(article=Article(id="x"), text=document.text, text_offset=0, entities=document.entities)
    assert next(e for e in record.entities if e.name == "Lindqvist").country == "NOR"
    assert learnable_actors(record) == []  # the article itself says nothing about who Lindqvist is
