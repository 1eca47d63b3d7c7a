"""The actor knowledge base in the store: learn, override (edits and the override file),
merge, lookup at extraction time; on both backends."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsledger.knowledge import (
    ChainKnowledge,
    FileKnowledge,
    KnowledgeFileError,
    MemoryKnowledge,
)
from newsledger.store import StoreError
from newsledger.store.knowledge import (
    StoreKnowledge,
    edit_actor,
    list_actors,
    merge_actors,
    resolve_name,
    show_actor,
)
from tests.test_store_fixtures import LINDQVIST, make_record, save_all, store, store_url  # noqa: F401 - fixtures


def _lindqvist_article(role="Foreign Minister", src="https://a.example/1", extra=""):
    person = dict(LINDQVIST, role=role, mentions=[f"{role} Maria Lindqvist", "Lindqvist"])
    return make_record(f"{role} Maria Lindqvist of Norway spoke in Oslo. Lindqvist said more.{extra}",
                       source=src, entities=[person], places=["Oslo"])


def _bare_surname_article(src="https://b.example/2"):
    return make_record("Lindqvist arrived in Bergen on Friday.", source=src,
                       entities=[{"name": "Lindqvist", "type": "PERSON"}], places=["Bergen"])


def test_kb_learns_a_person_and_resolves_a_later_bare_surname(store):
    save_all(store, [_lindqvist_article()])
    found = StoreKnowledge(store).lookup("Lindqvist")
    assert [a.key for a in found] == ["person:maria-lindqvist"]
    actor = found[0]
    assert (actor.name, actor.country, actor.sector, actor.role) == ("Maria Lindqvist", "NOR", "GOV", "Foreign Minister")
    assert "Foreign Minister Maria Lindqvist" in actor.aliases and actor.source == "store"
    assert StoreKnowledge(store).lookup("lindqvist") == found  # case-insensitive
    save_all(store, [_bare_surname_article()])
    linked = store.one("SELECT a.key FROM entities e JOIN actors a ON a.id = e.actor_id WHERE e.name = 'Lindqvist'")
    assert linked == ("person:maria-lindqvist",)


def test_kb_links_earlier_entities_when_a_name_becomes_known(store):
    # Order does not decide: the bare surname stored first is linked once the KB learns it.
    save_all(store, [_bare_surname_article()])
    assert store.scalar("SELECT actor_id FROM entities WHERE name = 'Lindqvist'") is None
    save_all(store, [_lindqvist_article()])
    assert store.scalar("SELECT actor_id FROM entities WHERE name = 'Lindqvist'") is not None


def test_kb_fields_follow_the_majority_of_articles_not_their_order(store_url):
    from newsledger.store import open_store

    articles = [_lindqvist_article("President", "https://a.example/1"),
                _lindqvist_article("Foreign Minister", "https://b.example/2", extra=" More."),
                _lindqvist_article("President", "https://c.example/3", extra=" Even more.")]
    roles = set()
    for order in (articles, articles[::-1], [articles[1], articles[0], articles[2]]):
        s = open_store(store_url)
        try:
            with s.transaction():
                for table in ("articles", "documents", "actors"):
                    s.execute(f"DELETE FROM {table}")
            save_all(s, order)
            roles.add(StoreKnowledge(s).lookup("Maria Lindqvist")[0].role)
            assert s.scalar("SELECT n_articles FROM actors WHERE key = 'person:maria-lindqvist'") == 3
        finally:
            s.close()
    assert roles == {"President"}


def test_kb_user_edit_overrides_learning_and_reset_restores_it(store):
    save_all(store, [_lindqvist_article()])
    edit_actor(store, "person:maria-lindqvist", set_fields={"country": "SWE", "role": "Ambassador"},
               add_aliases=["M. Lindqvist"], remove_aliases=["Lindqvist"])
    actor = StoreKnowledge(store).lookup("M. Lindqvist")[0]
    assert (actor.country, actor.role) == ("SWE", "Ambassador")
    assert StoreKnowledge(store).lookup("Lindqvist") == ()
    # More articles keep teaching the old values and the removed alias: the user still wins.
    save_all(store, [_lindqvist_article(src="https://c.example/3", extra=" Again.")])
    actor = StoreKnowledge(store).lookup("Maria Lindqvist")[0]
    assert (actor.country, actor.role) == ("SWE", "Ambassador")
    assert StoreKnowledge(store).lookup("Lindqvist") == ()
    edit_actor(store, "Maria Lindqvist", reset_fields=["country"])
    assert StoreKnowledge(store).lookup("Maria Lindqvist")[0].country == "NOR"
    facts = show_actor(store, "person:maria-lindqvist")[0]["facts"]
    assert {"field": "role", "value": "Ambassador", "source": "user", "articles": 1} in facts


def test_kb_edit_can_create_an_actor_and_rejects_bad_fields(store):
    edit_actor(store, "org:northern-council", set_fields={"name": "Northern Council", "type": "ORG", "sector": "IGO"},
               add_aliases=["the Council"], create=True)
    assert StoreKnowledge(store).lookup("the council")[0].key == "org:northern-council"
    with pytest.raises(StoreError, match="unknown actor field"):
        edit_actor(store, "org:northern-council", set_fields={"colour": "blue"})
    with pytest.raises(StoreError, match="no actor"):
        edit_actor(store, "person:nobody", set_fields={"country": "NOR"})


def test_kb_merge_moves_aliases_links_and_redirects_the_key(store):
    a = make_record("Norwegian Foreign Minister Maria Lindqvist spoke in Oslo.", source="https://a.example/1",
                    entities=[dict(LINDQVIST, mentions=["Maria Lindqvist"])], places=["Oslo"])
    b = make_record("Foreign Minister Maria H. Lindqvist of Norway spoke again.", source="https://b.example/2",
                    entities=[{"name": "Maria H. Lindqvist", "type": "PERSON", "country": "NOR", "sector": "GOV",
                               "role": "Foreign Minister", "mentions": ["Maria H. Lindqvist"]}])
    save_all(store, [a, b])
    assert len(StoreKnowledge(store).lookup("Lindqvist")) == 2  # one surname, two actors: ambiguous
    assert resolve_name(store, "lindqvist", "PERSON", None) is None
    merge_actors(store, "person:maria-lindqvist", "person:maria-h-lindqvist")
    found = StoreKnowledge(store).lookup("Lindqvist")
    assert [k.key for k in found] == ["person:maria-lindqvist"]
    assert "Maria H. Lindqvist" in found[0].aliases and found[0].extra["articles"] == 2
    assert store.scalar("SELECT count(DISTINCT actor_id) FROM entities WHERE actor_id IS NOT NULL") == 1
    info = show_actor(store, "person:maria-h-lindqvist")  # the old key leads to the kept actor
    assert info[0]["key"] == "person:maria-lindqvist" and info[0]["merged"] == ["person:maria-h-lindqvist"]
    # learning under the merged key goes to the kept actor
    c = make_record("Maria H. Lindqvist of Norway spoke a third time.", source="https://c.example/3",
                    entities=[{"name": "Maria H. Lindqvist", "type": "PERSON", "country": "NOR", "sector": "GOV"}])
    save_all(store, [c])
    assert store.scalar("SELECT count(*) FROM actors WHERE merged_into IS NULL") == 1
    with pytest.raises(StoreError, match="already the same"):
        merge_actors(store, "person:maria-lindqvist", "person:maria-h-lindqvist")
    from newsledger.store.check import check_store

    assert check_store(store) == []


def test_kb_override_file_comes_first_in_the_chain(store, tmp_path):
    save_all(store, [_lindqvist_article()])
    yaml_file = tmp_path / "actors.yaml"
    yaml_file.write_text("actors:\n  - name: Maria Lindqvist\n    type: PERSON\n    country: SWE\n"
                         "    aliases: [Lindqvist, ML]\n", encoding="utf-8")
    csv_file = tmp_path / "actors.csv"
    csv_file.write_text("key,name,type,aliases,country,sector,role\n"
                        "org:northern-council,Northern Council,ORG,NC|the Council,,IGO,\n", encoding="utf-8")
    from newsledger.store.ingest import knowledge_chain

    chain, store_layer = knowledge_chain(store, yaml_file)
    assert isinstance(chain, ChainKnowledge)
    assert chain.lookup("Lindqvist")[0].country == "SWE"  # the file wins
    assert chain.lookup("Foreign Minister Maria Lindqvist")[0].country == "NOR"  # only the store knows this name
    assert store_layer.lookup("ML") == ()
    council = FileKnowledge(csv_file).lookup("nc")
    assert council[0].key == "org:northern-council" and council[0].sector == "IGO"
    bad = tmp_path / "bad.yaml"
    bad.write_text("- type: PERSON\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match="bad.yaml"):
        FileKnowledge(bad)


def test_kb_store_layer_answers_the_knowledge_protocol(store):
    from newsledger.knowledge import ActorKnowledge

    layer = StoreKnowledge(store)
    assert isinstance(layer, ActorKnowledge)
    assert ChainKnowledge([MemoryKnowledge(), layer]).lookup("anyone") == ()


def test_kb_cli_list_show_edit_merge(store_url):
    from newsledger.cli import main
    from newsledger.store import open_store

    s = open_store(store_url)
    save_all(s, [_lindqvist_article()])
    s.close()
    runner = CliRunner()
    out = runner.invoke(main, ["actors", "list", "--db", store_url, "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert rows[0]["key"] == "person:maria-lindqvist" and "Lindqvist" in rows[0]["aliases"]
    out = runner.invoke(main, ["actors", "edit", "Lindqvist", "--db", store_url, "--sector", "mil"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["sector"] == "MIL"
    out = runner.invoke(main, ["actors", "edit", "person:kari-nord", "--db", store_url, "--name", "Kari Nord",
                               "--type", "person", "--add-alias", "Nord", "--create"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(main, ["actors", "merge", "person:maria-lindqvist", "Nord", "--db", store_url])
    assert out.exit_code == 0, out.output
    out = runner.invoke(main, ["actors", "show", "Nord", "--db", store_url])
    assert out.exit_code == 0 and json.loads(out.output)["key"] == "person:maria-lindqvist"
    out = runner.invoke(main, ["actors", "show", "Nobody", "--db", store_url])
    assert out.exit_code != 0 and "no actor" in out.output
    assert len(list_actors(open_store(store_url))) == 1


def test_kb_is_asked_at_extraction_time_through_the_pipeline(store, nlp, tmp_path, monkeypatch):
    import newsledger.pipeline as pipeline_module
    from newsledger.stages import default_stages
    from newsledger.store.ingest import ingest_paths

    seen = []

    def spy(settings=None, knowledge=None):
        seen.append(knowledge)
        return default_stages(settings, knowledge=knowledge)

    monkeypatch.setattr(pipeline_module, "default_stages", spy)
    save_all(store, [_lindqvist_article()])
    override = tmp_path / "actors.csv"
    override.write_text("name,type,country,aliases\nKari Nord,PERSON,SWE,Nord\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Lindqvist and Nord spoke in Bergen on Friday about fishing quotas.", encoding="utf-8")
    report = ingest_paths(store, [str(article)], nlp=nlp, raw=True, override_file=override)
    assert report.stored == 1 and len(seen) == 1
    knowledge = seen[0]
    assert knowledge.lookup("Lindqvist")[0].key == "person:maria-lindqvist"  # the store, learned earlier
    assert knowledge.lookup("Nord")[0].country == "SWE"  # the override file


def test_kb_reader_beside_a_writer_follows_the_store_generation(store_url):
    """An ingest worker reads the knowledge base on its own connection while the parent
    writes: its cache is dropped when the store's generation moves."""
    from newsledger.store import open_store

    writer, reader_store = open_store(store_url), open_store(store_url, migrate=False)
    try:
        reader = StoreKnowledge(reader_store, follow_writes=True, recheck_seconds=0)
        assert reader.lookup("Lindqvist") == ()
        save_all(writer, [_lindqvist_article()])
        assert [a.key for a in reader.lookup("Lindqvist")] == ["person:maria-lindqvist"]
        stale = StoreKnowledge(reader_store)  # without following, a cached miss stays a miss
        stale._cache["lindqvist"] = ()
        assert stale.lookup("Lindqvist") == ()
    finally:
        writer.close()
        reader_store.close()
