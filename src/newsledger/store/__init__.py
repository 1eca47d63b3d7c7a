"""The ledger: a store of articles, their records and deduplicated events.

    from newsledger.store import Ledger

    with Ledger.open("newsledger.db") as ledger:          # or "postgresql://user@host/db"
        ledger.ingest(["corpus/"])                        # resumable; skips what is stored
        ledger.events(actor="Maria Lindqvist", date_from="2024-01")   # pandas DataFrame
        ledger.timeline(by="month", event_type="ASSAULT")
        ledger.export("plover", "events.json")

Modules: `opening` (what a `--db` value means; creating, checking and migrating a store),
`backend` (SQLite and PostgreSQL behind one interface), `migrations` (named,
versioned schema migrations), `records` (writing an article), `ingest` (a corpus into the
store), `dedup` (cross-article event grouping), `knowledge` (the actor knowledge base),
`query`, `filters` (one set of filter names, one validation), `schema` (the one event
row), `export`, `check` (integrity), `cli`. Its benchmark is `newsledger.bench.store`.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, Unpack

from ..config import Settings
from ..model import ErrorRecord, Record
from .backend import Store, StoreError
from .filters import FilterArgs, FilterError, Filters
from .opening import Mode, NotAStore, StoreLocation, StoreLocationError, StoreMissing, open_store


class Ledger:
    """The Python API over one store."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()

    @classmethod
    def open(cls, db: str | Path | None = None, *, settings: Settings | None = None, create: bool = True,
             read_only: bool = False) -> Ledger:
        """Open the store at `db` (default: settings.db): a SQLite path or a postgresql:// URL.

        By default a missing store is created and an older one migrated; `create=False`
        wants an existing store (`StoreMissing` otherwise); `read_only=True` never writes.
        Anything at `db` that is not a newsledger store raises `NotAStore`."""
        settings = settings or Settings()
        mode: Mode = "read" if read_only else "create" if create else "write"
        return cls(open_store(db or settings.db, mode=mode), settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing -----------------------------------------------------------------------

    def ingest(self, paths, **options):
        """Extract and store the documents under `paths`; see `ingest.ingest_paths`. An
        `override_file`'s actors are also put into the knowledge base, as the user's word."""
        from .ingest import ingest_paths
        from .knowledge import import_actor_file

        if options.get("override_file"):
            import_actor_file(self.store, options["override_file"])
        return ingest_paths(self.store, paths, settings=options.pop("settings", self.settings), **options)

    def add_records(self, records):
        """Store records extracted elsewhere; see `ingest.ingest_records`."""
        from .ingest import ingest_records

        return ingest_records(self.store, records)

    def add_record(self, record: Record | ErrorRecord):
        return self.add_records([record])

    def rebuild(self) -> int:
        """Regroup every event from scratch with the current knowledge base."""
        from .dedup import rebuild_ledger

        return rebuild_ledger(self.store)

    # --- reading -----------------------------------------------------------------------

    def events(self, *, limit: int | None = None, newest_first: bool = True, **filters: Unpack[FilterArgs]):
        """Ledger events as a DataFrame of event rows (`store.schema`), newest first; every
        event unless `limit`. Filters by name (`store.filters`), checked: a bad one raises
        FilterError."""
        from .query import events

        return events(self.store, Filters.parse(filters), limit=limit, newest_first=newest_first)

    def count_events(self, **filters: Unpack[FilterArgs]) -> int:
        from .query import count_events

        return count_events(self.store, Filters.parse(filters))

    def timeline(self, *, by: str = "month", **filters: Unpack[FilterArgs]):
        """Events and reports per day, month or year; events known less precisely than the
        period are in no period (`frame.attrs["unplaced_events"]` counts them)."""
        from .query import timeline

        return timeline(self.store, Filters.parse(filters), by=by)

    def quotes(self, *, limit: int | None = None, **filters: Unpack[FilterArgs]):
        from .query import quotes

        return quotes(self.store, Filters.parse(filters), limit=limit)

    def reports(self, ledger_key: str):
        from .query import reports

        return reports(self.store, ledger_key)

    def records(self, **filters: Unpack[FilterArgs]) -> list[Record]:
        """The stored records of the articles that report the events matching `filters`."""
        import json

        from .query import event_conditions

        where, params = event_conditions(self.store, Filters.parse(filters))
        rows = self.store.rows(
            "SELECT a.record FROM articles a WHERE a.id IN (SELECT e.article_id FROM events e JOIN ledger_events le "
            f"ON le.id = e.ledger_event_id {'WHERE ' + ' AND '.join(where) if where else ''}) ORDER BY a.id", params)
        return [Record.from_dict(json.loads(r[0])) for r in rows]

    def stats(self) -> dict[str, Any]:
        from .query import stats

        return stats(self.store)

    def check(self, *, deep: bool = False) -> list[str]:
        from .check import check_store

        return check_store(self.store, deep=deep)

    # --- the actor knowledge base ---------------------------------------------------------

    @property
    def knowledge(self):
        from .knowledge import StoreKnowledge

        return StoreKnowledge(self.store)

    def actors(self, **options: Any):
        from .knowledge import list_actors

        return list_actors(self.store, **options)

    def actor(self, key_or_name: str) -> list[dict]:
        from .knowledge import show_actor

        return show_actor(self.store, key_or_name)

    def merge_actors(self, keep: str, other: str) -> int:
        from .knowledge import merge_actors

        return merge_actors(self.store, keep, other)

    def edit_actor(self, key_or_name: str, **changes: Any) -> int:
        from .knowledge import edit_actor

        return edit_actor(self.store, key_or_name, **changes)

    # --- exports -----------------------------------------------------------------------------

    def export(self, fmt: str, out: str | Path | IO, *, errors: bool = False, limit: int | None = None,
               header: bool = False, imprecise: str = "skip", iso_out: str | Path | IO | None = None,
               **filters: Unpack[FilterArgs]) -> int:
        """Write the ledger's events (every one matching `filters`, unless `limit`) in `fmt`
        to `out`; see `store.export` for the formats and options. Returns the number written;
        events a format cannot hold are logged as a warning with their count."""
        from .export import run_export

        return run_export(self.store, fmt, out, Filters.parse(filters), errors=errors, limit=limit, header=header,
                          imprecise=imprecise, iso_out=iso_out).written


__all__ = ["FilterError", "Filters", "Ledger", "NotAStore", "Store", "StoreError", "StoreLocation",
           "StoreLocationError", "StoreMissing", "open_store"]
