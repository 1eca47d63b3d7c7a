"""A readable summary of a record for the terminal: headline, actors, timeline, quotes, places."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Event, Record

_SECTOR_NAMES = {"GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition",
                 "PTY": "party", "JUD": "judiciary", "LEG": "legislature", "COP": "police",
                 "CVL": "civilians", "BUS": "business", "MED": "health", "JRN": "media",
                 "IGO": "intergovernmental", "NGO": "non-governmental", "SPY": "intelligence",
                 "REF": "refugees", "REL": "religious", "EDU": "education", "LAB": "labour"}


def _entity_label(record: Record, ids: list[str]) -> str:
    by_id = {e.id: e for e in record.entities}
    parts = []
    for i in ids:
        e = by_id.get(i)
        if e is None:
            continue
        code = " ".join(x for x in (e.country, e.sector) if x)
        parts.append(f"{e.name} [{code}]" if code else e.name)
    return ", ".join(parts) or "—"


def _date_label(v: Event) -> str:
    if v.date is None:
        return "undated"
    return v.date.start if v.date.start == v.date.end else f"{v.date.start} – {v.date.end}"


def _speaker(record: Record, quote_id: str) -> str:
    q = next((q for q in record.quotes if q.id == quote_id), None)
    if q is None:
        return quote_id
    e = next((e for e in record.entities if e.id == q.speaker), None)
    return e.name if e else (q.speaker_text or quote_id)


def render(record: Record, console: Console | None = None, *, max_events: int = 40) -> None:
    console = console or Console()
    a = record.article
    head = Text()
    head.append(a.title or "(no title)", style="bold")
    meta = []
    if a.published:
        meta.append(f"published {a.published}")
    if a.modified:
        meta.append(f"updated {a.modified}")
    if a.authors:
        meta.append("by " + ", ".join(a.authors))
    if a.source:
        meta.append(a.source)
    head.append("\n" + " · ".join(meta), style="dim")
    console.print(Panel(head, title="newsledger", title_align="left"))

    actors = Table(title="Actors", title_justify="left", show_edge=False, expand=False)
    for col in ("id", "name", "type", "country", "sector", "role", "mentions"):
        actors.add_column(col, no_wrap=col in ("id", "type", "country", "sector"))
    for e in record.entities:
        if e.type in ("PERSON", "ORG", "GPE", "NORP"):
            sector = e.sector and f"{e.sector} ({_SECTOR_NAMES.get(e.sector, '')})".replace(" ()", "")
            actors.add_row(e.id, e.name, e.type, e.country or "", sector or "", e.role or "", str(len(e.mentions)))
    console.print(actors)

    places = {p.id: p for p in record.places}
    main = next((v for v in record.events if v.id == record.main_event), None)
    if main is not None:  # what the article is mainly about, first
        console.print(Text("Main event", style="bold italic"))
        _print_event(console, record, main, places)
        console.print()
    console.print(Text("Timeline of events (by when they happened)", style="bold italic"))
    events = sorted(record.events, key=lambda v: (v.date.start if v.date else "9999", v.trigger.start))
    for v in events[:max_events]:
        _print_event(console, record, v, places)
    if len(events) > max_events:
        console.print(f"[dim]… and {len(events) - max_events} more events[/dim]")
    console.print()
    _print_quotes_and_rest(console, record)


def _print_event(console: Console, record: Record, v: Event, places: dict) -> None:
    """One event: date, type, who to whom, place, confidence and flags, then its evidence."""
    flags = [f for f in ("historical", "future", "hypothetical", "negated") if getattr(v, f)]
    if v.said_by:
        flags.append(f"said by {_speaker(record, v.said_by)}")
    line = Text()
    line.append(f"{_date_label(v):<12} ", style="cyan")
    line.append(v.type + (f"/{v.mode}" if v.mode else ""), style="bold")
    line.append(f"  {_entity_label(record, v.actor)}")
    if v.recipient:
        line.append(f" → {_entity_label(record, v.recipient)}")
    if v.place in places:
        line.append(f"  @ {places[v.place].name}", style="green")
    line.append(f"  ({v.confidence:.2f}{'; ' + ', '.join(flags) if flags else ''})", style="dim")
    console.print(line)
    evidence = v.evidence.text if len(v.evidence.text) <= 150 else v.evidence.text[:147] + "…"
    console.print(Text(" " * 13 + f"“{evidence}”", style="dim"), overflow="fold")


def _print_quotes_and_rest(console: Console, record: Record) -> None:
    if record.quotes:
        quotes = Table(title="Quotes", title_justify="left", show_edge=False)
        for col in ("kind", "speaker", "cue", "text"):
            quotes.add_column(col, overflow="fold")
        by_id = {e.id: e for e in record.entities}
        for q in record.quotes:
            speaker = by_id[q.speaker].name if q.speaker in by_id else (q.speaker_text or "?")
            text = q.text if len(q.text) <= 160 else q.text[:157] + "…"
            quotes.add_row(q.kind, speaker, q.cue or "", f"“{text}”")
        console.print(quotes)

    if record.places:
        table = Table(title="Places", title_justify="left", show_edge=False)
        for col in ("name", "kind", "country", "lat, lon", "mentions"):
            table.add_column(col)
        for p in record.places:
            coords = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else ""
            table.add_row(p.name, p.kind, p.country or "", coords, str(len(p.mentions)))
        console.print(table)

    footer = [f"{len(record.entities)} entities", f"{len(record.times)} times", f"{len(record.places)} places",
              f"{len(record.quotes)} quotes", f"{len(record.amounts)} amounts", f"{len(record.events)} events"]
    lines = [Text(" · ".join(footer), style="dim")]
    for w in record.warnings:
        lines.append(Text(f"warning {w.code}: {w.message}", style="yellow"))
    console.print(Group(*lines))
