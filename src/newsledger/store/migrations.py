"""Named, versioned schema migrations, recorded in `schema_migrations`, each in a transaction.

A migration is a list of statements; a statement is plain SQL for both backends or a
`(dialect, sql)` pair for one of them. DDL uses the `{pk}`, `{id}` and `{real}` type
tokens (see `backend.Store.types`). Never edit a released migration: add a new one.

A migration that adds derived tables over existing data names a *backfill* (`ledger`:
group stored events into ledger events; `knowledge`: learn actors from stored records).
The backfill is recorded in `schema_backfills` in the migration's own transaction and
runs once the schema is complete, in a transaction of its own that also clears the
record: a crash in between leaves it pending, and the next open runs it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .backend import Store, StoreError

Statement = str | tuple[str, str]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[Statement, ...]
    backfills: tuple[str, ...] = field(default=())


_CORE = (
    """CREATE TABLE articles (
        id {pk},
        article_key TEXT NOT NULL UNIQUE,
        input_id TEXT, source TEXT, url TEXT, title TEXT, published TEXT, modified TEXT,
        outlet TEXT, language TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        n_entities INTEGER NOT NULL, n_places INTEGER NOT NULL,
        n_quotes INTEGER NOT NULL, n_events INTEGER NOT NULL,
        ingested_at TEXT NOT NULL)""",
    "CREATE INDEX articles_published ON articles (published)",
    """CREATE TABLE documents (
        id {pk},
        content_hash TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('ok', 'duplicate', 'error')),
        article_id {id} REFERENCES articles (id) ON DELETE CASCADE,
        source TEXT, input_id TEXT, error_code TEXT, error_message TEXT,
        ingested_at TEXT NOT NULL,
        CHECK ((status = 'error' AND article_id IS NULL AND error_code IS NOT NULL)
               OR (status <> 'error' AND article_id IS NOT NULL)))""",
    "CREATE INDEX documents_article ON documents (article_id)",
    """CREATE TABLE entities (
        id {pk},
        article_id {id} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        local_id TEXT NOT NULL, name TEXT NOT NULL, name_norm TEXT NOT NULL, type TEXT NOT NULL,
        country TEXT, sector TEXT, role TEXT, n_mentions INTEGER NOT NULL,
        UNIQUE (article_id, local_id))""",
    "CREATE INDEX entities_name ON entities (name_norm)",
    """CREATE TABLE places (
        id {pk},
        article_id {id} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        local_id TEXT NOT NULL, name TEXT NOT NULL, geonameid INTEGER, lat {real}, lon {real},
        country TEXT, kind TEXT NOT NULL,
        UNIQUE (article_id, local_id))""",
    """CREATE TABLE quotes (
        id {pk},
        article_id {id} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        local_id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
        speaker_local TEXT, speaker_name TEXT, speaker_norm TEXT, speaker_text TEXT, cue TEXT,
        UNIQUE (article_id, local_id))""",
    "CREATE INDEX quotes_speaker ON quotes (speaker_norm)",
    """CREATE TABLE events (
        id {pk},
        article_id {id} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        local_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, context TEXT,
        date_start TEXT, date_end TEXT, day_start TEXT, day_end TEXT,
        place_local TEXT, place_name TEXT, place_country TEXT, place_kind TEXT,
        geonameid INTEGER, lat {real}, lon {real},
        historical INTEGER NOT NULL, future INTEGER NOT NULL,
        hypothetical INTEGER NOT NULL, negated INTEGER NOT NULL,
        said_by TEXT, confidence {real} NOT NULL,
        trigger_text TEXT NOT NULL, evidence TEXT NOT NULL,
        UNIQUE (article_id, local_id))""",
    """CREATE TABLE event_actors (
        event_id {id} NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
        entity_local TEXT NOT NULL, name TEXT NOT NULL, name_norm TEXT NOT NULL,
        type TEXT, country TEXT, sector TEXT,
        PRIMARY KEY (event_id, role, entity_local))""",
    ("postgresql", """CREATE FUNCTION haversine_km(lat1 double precision, lon1 double precision,
                                                 lat2 double precision, lon2 double precision)
        RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
        SELECT 2 * 6371.0088 * asin(least(1.0, sqrt(
            power(sin(radians(lat2 - lat1) / 2), 2)
            + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))))
        $$"""),
)

_FULLTEXT = (
    ("sqlite", "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
               "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"),
    ("sqlite", "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
               "INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text); END"),
    ("sqlite", "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
               "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
               "VALUES ('delete', old.id, old.title, old.text); END"),
    ("sqlite", "INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles"),
    ("sqlite", "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_text, content='quotes', "
               "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"),
    ("sqlite", "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
               "INSERT INTO quotes_fts (rowid, text, speaker_text) VALUES (new.id, new.text, new.speaker_text); END"),
    ("sqlite", "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
               "INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_text) "
               "VALUES ('delete', old.id, old.text, old.speaker_text); END"),
    ("sqlite", "INSERT INTO quotes_fts (rowid, text, speaker_text) SELECT id, text, speaker_text FROM quotes"),
    ("postgresql", "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"),
    ("postgresql", "CREATE INDEX articles_tsv ON articles USING GIN (tsv)"),
    ("postgresql", "ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('english', text || ' ' || coalesce(speaker_text, ''))) STORED"),
    ("postgresql", "CREATE INDEX quotes_tsv ON quotes USING GIN (tsv)"),
)

_LEDGER = (
    """CREATE TABLE ledger_events (
        id {pk},
        key TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL, mode TEXT, context TEXT,
        negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL, future INTEGER NOT NULL,
        historical INTEGER NOT NULL,
        date_start TEXT, date_end TEXT, day_start TEXT, day_end TEXT,
        place_name TEXT, place_country TEXT, place_kind TEXT, geonameid INTEGER, lat {real}, lon {real},
        n_reports INTEGER NOT NULL, n_mentions INTEGER NOT NULL,
        first_reported TEXT, last_reported TEXT, confidence {real} NOT NULL,
        trigger_text TEXT, evidence TEXT, source_url TEXT)""",
    # A timeline (events and reports per day, month or year in a date range, of one type or
    # all) reads one of these two covering indexes and never the table.
    "CREATE INDEX ledger_events_day ON ledger_events (day_start, type, n_reports)",
    "CREATE INDEX ledger_events_type_day ON ledger_events (type, day_start, n_reports)",
    "CREATE INDEX ledger_events_geo ON ledger_events (lat, lon)",
    "ALTER TABLE events ADD COLUMN ledger_event_id {id} REFERENCES ledger_events (id) ON DELETE SET NULL",
    "CREATE INDEX events_ledger ON events (ledger_event_id)",
    "CREATE INDEX events_dedup ON events (type, day_start)",
    """CREATE TABLE ledger_actors (
        ledger_event_id {id} NOT NULL REFERENCES ledger_events (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
        ident TEXT NOT NULL,  -- 'a:<actor id>' for a canonical actor, else 'n:<name key>'
        name TEXT NOT NULL, name_norm TEXT NOT NULL,
        country TEXT, sector TEXT, day_start TEXT,
        PRIMARY KEY (ledger_event_id, role, ident))""",
    # An actor's (or a country's) events newest first: one index range read backwards, no
    # sort, stopped at the limit.
    "CREATE INDEX ledger_actors_name ON ledger_actors (name_norm, day_start, ledger_event_id)",
    "CREATE INDEX ledger_actors_country ON ledger_actors (country, day_start, ledger_event_id)",
)

_KNOWLEDGE = (
    """CREATE TABLE actors (
        id {pk},
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL, type TEXT NOT NULL, country TEXT, sector TEXT, role TEXT,
        merged_into {id} REFERENCES actors (id),
        n_articles INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE actor_aliases (
        actor_id {id} NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
        alias TEXT NOT NULL, alias_norm TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('learned', 'user', 'removed')),
        n INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (actor_id, alias_norm))""",
    "CREATE INDEX actor_aliases_norm ON actor_aliases (alias_norm)",
    """CREATE TABLE actor_facts (
        actor_id {id} NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
        field TEXT NOT NULL CHECK (field IN ('name', 'type', 'country', 'sector', 'role')),
        value TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('learned', 'user')),
        n INTEGER NOT NULL,
        PRIMARY KEY (actor_id, field, source, value))""",
    """CREATE TABLE actor_articles (
        actor_id {id} NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
        article_id {id} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (actor_id, article_id))""",
    "ALTER TABLE entities ADD COLUMN actor_id {id} REFERENCES actors (id) ON DELETE SET NULL",
    "CREATE INDEX entities_actor ON entities (actor_id)",
    "ALTER TABLE event_actors ADD COLUMN actor_id {id} REFERENCES actors (id) ON DELETE SET NULL",
    "CREATE INDEX event_actors_name ON event_actors (name_norm)",
    "ALTER TABLE ledger_actors ADD COLUMN actor_id {id} REFERENCES actors (id) ON DELETE SET NULL",
    "CREATE INDEX ledger_actors_actor ON ledger_actors (actor_id, day_start, ledger_event_id)",
    "CREATE INDEX quotes_article_speaker ON quotes (article_id, speaker_local)",
)

# Summary tables that the web app (and `query.timeline`) read instead of every ledger event;
# kept by the write path (`summaries.py`) in the transaction that changes the events they
# summarise, rebuilt with the ledger, compared with a recomputation by the integrity check.
_SUMMARIES = (
    # Events and reports per month of their first day ('' when undated) and type.
    """CREATE TABLE ledger_months (
        month TEXT NOT NULL, type TEXT NOT NULL,
        events INTEGER NOT NULL, reports INTEGER NOT NULL,
        PRIMARY KEY (month, type))""",
    # The same per participant (ident as in ledger_actors); an event counts once per participant.
    """CREATE TABLE ledger_actor_months (
        ident TEXT NOT NULL, month TEXT NOT NULL,
        events INTEGER NOT NULL, reports INTEGER NOT NULL,
        PRIMARY KEY (ident, month))""",
    # Located events per place ('' for a missing country or kind): the map without filters.
    """CREATE TABLE ledger_places (
        place_name TEXT NOT NULL, place_country TEXT NOT NULL, place_kind TEXT NOT NULL,
        events INTEGER NOT NULL, reports INTEGER NOT NULL, sum_lat {real} NOT NULL, sum_lon {real} NOT NULL,
        first_day TEXT, last_day TEXT,
        PRIMARY KEY (place_name, place_country, place_kind))""",
    # A place's first and last day again after its boundary event moved: two index seeks.
    "CREATE INDEX ledger_events_place ON ledger_events (place_name, place_country, place_kind, day_start)",
    # Actor -> recipient pairs of every ledger event, with its type and first day: the
    # network of a date range is one range of the covering index below.
    """CREATE TABLE ledger_pairs (
        ledger_event_id {id} NOT NULL REFERENCES ledger_events (id) ON DELETE CASCADE,
        source TEXT NOT NULL, target TEXT NOT NULL, type TEXT NOT NULL, day_start TEXT,
        PRIMARY KEY (ledger_event_id, source, target))""",
    "CREATE INDEX ledger_pairs_day ON ledger_pairs (day_start, type, source, target)",
    # A counter that every write transaction raises (backend.Store.transaction): what the web
    # app's HTTP validators (ETag) are made of, so that a cached answer is never stale.
    "CREATE TABLE store_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "INSERT INTO store_state (name, value) VALUES ('generation', 1)",
)

# Every ledger event key ever given, with the report it was made from ('ARTICLE_KEY#LOCAL_ID'):
# an old key leads to the ledger event that holds that report now (`aliases.py`).
_KEY_ALIASES = (
    "CREATE TABLE ledger_key_aliases (key TEXT PRIMARY KEY, report TEXT NOT NULL)",
    "INSERT INTO ledger_key_aliases (key, report) SELECT le.key, min(a.article_key || '#' || e.local_id) "
    "FROM ledger_events le JOIN events e ON e.ledger_event_id = le.id JOIN articles a ON a.id = e.article_id "
    "GROUP BY le.key",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core_tables", _CORE),
    Migration(2, "fulltext_search", _FULLTEXT),
    Migration(3, "ledger_events", _LEDGER, backfills=("ledger",)),
    Migration(4, "actor_knowledge_base", _KNOWLEDGE, backfills=("knowledge", "ledger")),
    Migration(5, "ledger_summaries", _SUMMARIES, backfills=("summaries",)),
    Migration(6, "ledger_key_aliases", _KEY_ALIASES),
)
LATEST = MIGRATIONS[-1].version


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _ensure_bookkeeping(store: Store) -> None:
    with store.transaction():
        store.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                      "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        store.execute("CREATE TABLE IF NOT EXISTS schema_backfills ("
                      "name TEXT PRIMARY KEY, requested_by INTEGER NOT NULL)")


def applied(store: Store) -> list[tuple[int, str, str]]:
    """(version, name, applied_at) of every applied migration, oldest first."""
    if not store.has_table("schema_migrations"):
        return []
    return [tuple(r) for r in store.rows("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")]


def version(store: Store) -> int:
    done = applied(store)
    return done[-1][0] if done else 0


def pending_backfills(store: Store) -> list[str]:
    if not store.has_table("schema_backfills"):
        return []
    names = {r[0] for r in store.rows("SELECT name FROM schema_backfills")}
    # Learn actors before grouping events: the grouping compares canonical actors.
    return [n for n in BACKFILLS if n in names] + sorted(names - set(BACKFILLS))


def _statement_sql(store: Store, statement: Statement) -> str | None:
    if isinstance(statement, tuple):
        dialect, sql = statement
        if dialect != store.dialect:
            return None
    else:
        sql = statement
    return store.ddl(sql) if "$$" not in sql else sql


def migrate(store: Store, target: int | None = None, *, run_backfills: bool = True) -> list[str]:
    """Apply every migration not yet applied, up to `target` (default: all). Returns their names."""
    _ensure_bookkeeping(store)
    target = LATEST if target is None else target
    done = {v for v, _, _ in applied(store)}
    unknown = done - {m.version for m in MIGRATIONS}
    if unknown:
        raise StoreError(f"the store was written by a newer newsledger (schema versions {sorted(unknown)}); upgrade newsledger")
    names = []
    for m in MIGRATIONS:
        if m.version in done or m.version > target:
            continue
        with store.transaction():
            for statement in m.statements:
                sql = _statement_sql(store, statement)
                if sql is not None:
                    store.execute(sql)
            for name in m.backfills:
                store.execute("INSERT INTO schema_backfills (name, requested_by) VALUES (?, ?) "
                              "ON CONFLICT (name) DO NOTHING", (name, m.version))
            store.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                          (m.version, m.name, _now()))
        names.append(f"{m.version:04d}_{m.name}")
    if run_backfills and version(store) == LATEST:
        run_pending_backfills(store)
    return names


def _backfill_knowledge(store: Store) -> None:
    from .knowledge import learn_from_stored_records

    learn_from_stored_records(store)


def _backfill_ledger(store: Store) -> None:
    from .dedup import rebuild_ledger

    rebuild_ledger(store)


def _backfill_summaries(store: Store) -> None:
    from .summaries import rebuild_summaries

    rebuild_summaries(store)


BACKFILLS: dict[str, Callable[[Store], None]] = {
    "knowledge": _backfill_knowledge,
    "ledger": _backfill_ledger,
    "summaries": _backfill_summaries,
}


def run_pending_backfills(store: Store) -> list[str]:
    """Run the backfills that migrations asked for; each in its own transaction."""
    ran = []
    for name in pending_backfills(store):
        if name not in BACKFILLS:
            raise StoreError(f"unknown backfill {name!r} pending; upgrade newsledger")
        with store.transaction():
            BACKFILLS[name](store)
            store.execute("DELETE FROM schema_backfills WHERE name = ?", (name,))
        ran.append(name)
    return ran
