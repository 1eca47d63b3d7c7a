"""One write path: `store.ingest.ingest_documents(store, pipeline, items)` takes documents
through "stored already?", the pipeline and the store, one outcome per document in input
order; `newsledger ingest` and the web app's add page both write through it (the web
package never writes a record itself)."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import re
from pathlib import Path

from newsledger.ingest import InputDocument
from newsledger.store import Ledger
from newsledger.store.ingest import ingest_documents, knowledge_chain
from newsledger.store.keys import input_hash
from newsledger.web.ingest import Ingester
from tests.test_store_fixtures import store, store_url  # noqa: F401 - fixtures
from tests.test_web_security import StandInPipeline

ROOT = Path(__file__).resolve().parents[1]

A = "Officials met in the capital on Monday and agreed to meet again."
B = "Protesters marched through the centre on Tuesday, organisers said."
C = "The minister visited the border on Wednesday, her office said."


def _doc(text: str, **kw) -> InputDocument:
    return InputDocument(text, source=kw.pop("source", "test"), raw=True, format="text", **kw)


def test_store_write_path_outcomes_in_input_order(store):
    first = list(ingest_documents(store, StandInPipeline(), [_doc(B)]))
    assert [o.status for o in first] == ["stored"]
    pipeline = StandInPipeline()
    items = [_doc(A), _doc(B), _doc(A),  # B stored before; A twice in one run
             _doc(A, published="2024-03-04"),  # another input (another date given), the same body text
             _doc("   "),  # nothing to read
             _doc(C)]
    outcomes = list(ingest_documents(store, pipeline, items))
    assert [o.item for o in outcomes] == items
    assert [o.status for o in outcomes] == ["stored", "skipped", "skipped", "duplicate", "error", "stored"]
    assert outcomes[1].article_id == first[0].article_id
    assert outcomes[3].article_id == outcomes[0].article_id
    assert outcomes[4].error.code == "empty_input" and outcomes[4].article_id is None
    assert outcomes[0].events == 0 and outcomes[1].events is None
    assert B not in pipeline.contents and C in pipeline.contents  # what was stored before never reached it
    again = StandInPipeline()
    assert {o.status for o in ingest_documents(store, again, items)} == {"skipped"} and again.seen == 0
    for item in items:
        assert store.one("SELECT 1 FROM documents WHERE content_hash = ?", (input_hash(item),))


def test_store_write_path_stopping_early_stops_the_work(store):
    pipeline = StandInPipeline()
    items = [_doc(f"Report number {i} of the talks held in the capital on Monday.") for i in range(40)]
    outcomes = ingest_documents(store, pipeline, items)
    taken = [next(outcomes) for _ in range(3)]
    outcomes.close()
    assert [o.status for o in taken] == ["stored"] * 3
    assert int(store.scalar("SELECT count(*) FROM articles")) == 3
    assert pipeline.seen <= 16  # at most the batch in hand


def test_store_write_path_knowledge_layer_forgets_after_each_article(store):
    _, layer = knowledge_chain(store)
    calls = []
    layer.invalidate = lambda: calls.append(1)
    list(ingest_documents(store, StandInPipeline(), [_doc(A), _doc(B), _doc(A)], knowledge=layer))
    assert len(calls) == 2  # once per article stored


def test_store_write_path_web_and_command_line_store_the_same(tmp_path):
    items = [_doc(A), _doc(B), _doc(A), _doc(C)]
    with Ledger.open(tmp_path / "cli.db") as ledger:
        via_function = [(o.status, o.events) for o in ingest_documents(ledger.store, StandInPipeline(), items)]
        cli_rows = ledger.store.rows("SELECT content_hash, status FROM documents ORDER BY content_hash")
    with Ledger.open(tmp_path / "web.db"):
        pass
    from newsledger.config import Settings
    from newsledger.store.opening import open_store

    ingester = Ingester(lambda: open_store(tmp_path / "web.db", mode="write"), Settings(), pipeline=StandInPipeline())
    try:
        via_web = [(r["status"], r["events"]) for r in ingester.ingest(items)]
    finally:
        ingester.close()
    with Ledger.open(tmp_path / "web.db", create=False) as ledger:
        web_rows = ledger.store.rows("SELECT content_hash, status FROM documents ORDER BY content_hash")
    assert via_web == via_function and web_rows == cli_rows


def test_store_write_path_is_the_only_one_the_web_app_uses():
    writers = re.compile(r"\b(save_record|save_error|write_article|link_article|forget_errors)\b")
    for path in sorted((ROOT / "src" / "newsledger" / "web").glob("*.py")):
        assert not writers.search(path.read_text(encoding="utf-8")), path.name
    for name in ("web/ingest.py", "store/ingest.py"):
        assert "ingest_documents(" in (ROOT / "src" / "newsledger" / name).read_text(encoding="utf-8"), name
