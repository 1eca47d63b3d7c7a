"""Writing one article into the store: the document row, the article with its full record,
and the rows that queries read (entities, places, quotes, events and their actors).

`save_record` does it all in one transaction (core rows, then learning actors, then
grouping events into ledger events), so a kill at any point leaves either the whole
article or nothing. `save_error` stores an error record: nothing given is dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..model import ErrorRecord, Record
from .backend import Store
from .keys import day_bounds, name_norm, now_iso


@dataclass(frozen=True)
class Saved:
    status: str  # ok | duplicate | error | skipped (already stored)
    article_id: int | None = None


def find_document(store: Store, content_hash: str) -> tuple | None:
    return store.one("SELECT id, status, article_id FROM documents WHERE content_hash = ?", (content_hash,))


def save_record(store: Store, record: Record, content_hash: str, *, knowledge: bool = True,
                dedup: bool = True) -> Saved:
    """Store `record` under `content_hash`, once. Returns what happened."""
    from .dedup import has_grouping, link_article, store_features
    from .knowledge import learn_record

    with store.transaction():
        if find_document(store, content_hash) is not None:
            return Saved("skipped")
        now = now_iso()
        existing = store.scalar("SELECT id FROM articles WHERE article_key = ?", (record.article.id,))
        if existing is not None:
            # The same body text again (another copy, another format): kept as a document
            # that points to the article, so its events are not counted twice.
            _insert_document(store, content_hash, "duplicate", existing, record.article.source,
                             record.article.input_id, None, None, now)
            return Saved("duplicate", int(existing))
        article_id = write_article(store, record, now=now)
        _insert_document(store, content_hash, "ok", article_id, record.article.source,
                         record.article.input_id, None, None, now)
        if knowledge:
            learn_record(store, record, article_id)
        if has_grouping(store):
            store_features(store, article_id, record)
        if dedup:
            link_article(store, article_id)
        return Saved("ok", article_id)


def save_error(store: Store, error: ErrorRecord, content_hash: str) -> Saved:
    with store.transaction():
        if find_document(store, content_hash) is not None:
            return Saved("skipped")
        _insert_document(store, content_hash, "error", None, error.source, error.input_id,
                         error.error.code, error.error.message, now_iso())
        return Saved("error")


def forget_errors(store: Store) -> int:
    """Delete the stored error records, so that a re-run tries those inputs again."""
    with store.transaction():
        n = store.scalar("SELECT count(*) FROM documents WHERE status = 'error'")
        store.execute("DELETE FROM documents WHERE status = 'error'")
    return int(n or 0)


def _insert_document(store: Store, content_hash, status, article_id, source, input_id, code, message, now) -> None:
    store.execute(
        "INSERT INTO documents (content_hash, status, article_id, source, input_id, error_code, "
        "error_message, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (content_hash, status, article_id, source, input_id, code, message, now))


def write_article(store: Store, record: Record, *, now: str | None = None) -> int:
    """The article and its query rows (the tables of the first schema version only)."""
    a = record.article
    article_id = store.insert(
        "INSERT INTO articles (article_key, input_id, source, url, title, published, modified, outlet, "
        "language, text, record, n_entities, n_places, n_quotes, n_events, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a.id, a.input_id, a.source, a.url, a.title, a.published, a.modified, a.outlet, a.language,
         record.text, record.to_json(), len(record.entities), len(record.places), len(record.quotes),
         len(record.events), now or now_iso()))
    entities = {e.id: e for e in record.entities}
    places = {p.id: p for p in record.places}
    store.executemany(
        "INSERT INTO entities (article_id, local_id, name, name_norm, type, country, sector, role, n_mentions) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, e.id, e.name, name_norm(e.name), e.type, e.country, e.sector, _clean(e.role), len(e.mentions))
         for e in record.entities])
    store.executemany(
        "INSERT INTO places (article_id, local_id, name, geonameid, lat, lon, country, kind) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, p.id, p.name, p.geonameid, p.lat, p.lon, p.country, p.kind) for p in record.places])
    quote_rows = []
    for q in record.quotes:
        speaker = entities.get(q.speaker) if q.speaker else None
        quote_rows.append((article_id, q.id, q.kind, q.text, q.start, q.end, q.speaker,
                           speaker.name if speaker else None, name_norm(speaker.name) if speaker else None,
                           q.speaker_text, q.cue))
    store.executemany(
        "INSERT INTO quotes (article_id, local_id, kind, text, start_char, end_char, speaker_local, "
        "speaker_name, speaker_norm, speaker_text, cue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", quote_rows)
    for v in record.events:
        place = places.get(v.place) if v.place else None
        date_start = v.date.start if v.date else None
        date_end = v.date.end if v.date else None
        day_start, day_end = day_bounds(date_start, date_end)
        event_id = store.insert(
            "INSERT INTO events (article_id, local_id, type, mode, context, date_start, date_end, day_start, "
            "day_end, place_local, place_name, place_country, place_kind, geonameid, lat, lon, historical, "
            "future, hypothetical, negated, said_by, confidence, trigger_text, evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, v.id, v.type, v.mode, "|".join(v.context) or None, date_start, date_end, day_start,
             day_end, v.place, place.name if place else None, place.country if place else None,
             place.kind if place else None, place.geonameid if place else None, place.lat if place else None,
             place.lon if place else None, int(v.historical), int(v.future), int(v.hypothetical),
             int(v.negated), v.said_by, v.confidence, v.trigger.text, v.evidence.text))
        rows = []
        for role, refs in (("actor", v.actor), ("recipient", v.recipient)):
            for ref in dict.fromkeys(refs):
                e = entities[ref]
                rows.append((event_id, role, e.id, e.name, name_norm(e.name), e.type, e.country, e.sector))
        store.executemany(
            "INSERT INTO event_actors (event_id, role, entity_local, name, name_norm, type, country, sector) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return article_id


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def load_record(store: Store, article_id: int) -> Record:
    text = store.scalar("SELECT record FROM articles WHERE id = ?", (article_id,))
    return Record.from_dict(json.loads(text))
