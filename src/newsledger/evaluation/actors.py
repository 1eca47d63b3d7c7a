"""Actors: entities and actor codes on the seed gold; actor country codes on the PLOVER GSR.

Two inputs, each scored when present:

- the seed article (`seed/article.txt` with its `gold.json`): every non-optional gold
  entity found (by name or alias, with at least `min_mentions` mentions) with the right
  type, country and sector, and no `not_persons` string named as a PERSON
  (`seed_entities`, `seed_codes`, and `seed_not_persons_ok`, the share of those strings
  never named as a PERSON);
- the PLOVER gold-standard records (`PLOVER_GSR_CAMEO.txt`): each record is one sentence
  with its source and target actors and their CAMEO-style codes. Every sentence is run
  through the pipeline as raw text, published on the record's `date`.

Alignment of predicted to gold actors is by the actor's text span: the gold
`actorText` is located in the sentence (through the record's markup when it reproduces
the text, so the tagged occurrence is used; else its first occurrence, case-insensitive;
else the longest run of its words that occurs). The predicted actor is the entity with
a mention overlapping that span best (highest overlap / union of characters; ties go
to an entity that has a country). Its `country` is compared with the gold code mapped to
ISO alpha-3 (`data/cameo_countries.tsv`: JAP -> JPN, ...). Only gold codes that are
countries are scored (IGO, NGO, regions... are not); a gold actor with no aligned entity,
or an entity without a country, counts as wrong.

Metrics: `source_country_accuracy`, `target_country_accuracy`, `country_accuracy`
(both), `aligned` (share of scored gold actors with an aligned entity),
`sector_accuracy` (gold sectors that are PLOVER sectors, over aligned actors).
The baseline, scored in the same run, looks the gold actor text itself up in the
country dictionaries (a country name, demonym or capital among its words) with no
parse and no context.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..countries import country_rows
from ..data import read_tsv
from .seed import score_record

if TYPE_CHECKING:
    from ..model import Record
    from ..pipeline import Pipeline

TITLE = "Actors: seed entities and codes; PLOVER GSR actor country codes"

PLOVER_SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM",
    "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "IGO", "NGO",
}
_MARKUP = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC): ([^()]*)\)")
_WORD = re.compile(r"[\w’'.-]+")


# --- inputs -----------------------------------------------------------------------------

def default_inputs(shared: Path) -> list[Path]:
    """The shared seed and PLOVER GSR (only the shared copies, so floors stay pinned to them)."""
    out = []
    if (shared / "seed" / "article.txt").exists() and (shared / "seed" / "gold.json").exists():
        out.append(shared / "seed" / "article.txt")
    gsr = shared / "eval" / "events" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
    if gsr.exists():
        out.append(gsr)
    return out


@dataclass(frozen=True)
class _GoldActor:
    role: str  # source | target
    text: str
    code: str
    sector: str | None


@dataclass
class _GoldSentence:
    id: str
    text: str
    date: str | None
    markup: str | None
    actors: list[_GoldActor]


def _actors(items, role: str) -> list[_GoldActor]:
    if not isinstance(items, list):  # the file has "" and bare strings for "no target"
        return []
    return [_GoldActor(role, a.get("actorText", ""), a.get("code", ""), a.get("sector"))
            for a in items if isinstance(a, dict) and a.get("actorText")]


def read_gold_sentences(path: Path) -> list[_GoldSentence]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for rec in data:
        if not isinstance(rec, dict) or rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        info = rec.get("textInfo")
        markup = info.get("markup") if isinstance(info, dict) else None
        out.append(_GoldSentence(rec.get("id", ""), rec["text"], rec.get("date"), markup,
                                 _actors(rec.get("source"), "source") + _actors(rec.get("target"), "target")))
    return out


# --- code mapping -------------------------------------------------------------------------

def cameo_to_iso() -> dict[str, str | None]:
    """CAMEO code -> ISO alpha-3 (None for regions and non-state codes); ISO codes map to themselves."""
    out: dict[str, str | None] = {r["iso3"]: r["iso3"] for r in country_rows()}
    for r in read_tsv("cameo_countries.tsv"):
        out[r["cameo"]] = r["iso3"] or None
    return out


# --- alignment ----------------------------------------------------------------------------

def locate(actor: _GoldActor, sentence: _GoldSentence) -> tuple[int, int] | None:
    """Character span of the gold actor text in the sentence (see the module doc)."""
    text, needle = sentence.text, actor.text.strip()
    if sentence.markup:
        plain, tagged, pos = [], [], 0
        for m in _MARKUP.finditer(sentence.markup):
            plain.append(sentence.markup[pos:m.start()])
            start = sum(len(p) for p in plain)
            plain.append(m.group(2))
            if m.group(1) != "EVT" and m.group(1) != "LOC":
                tagged.append((m.group(1), start, start + len(m.group(2)), m.group(2)))
            pos = m.end()
        plain.append(sentence.markup[pos:])
        if "".join(plain) == text:
            wanted = "SRC" if actor.role == "source" else "TAR"
            for tag, s, e, content in tagged:
                if wanted in tag.split("/") and content.strip() and (
                        content.strip() in needle or needle in content):
                    inner = content.find(needle)
                    return (s + inner, s + inner + len(needle)) if inner >= 0 else (s, e)
    i = text.find(needle)
    if i < 0:
        i = text.casefold().find(needle.casefold())
    if i >= 0:
        return i, i + len(needle)
    words = _WORD.findall(needle)
    for n in range(len(words), 0, -1):
        for k in range(len(words) - n + 1):
            piece = " ".join(words[k:k + n])
            if len(piece) < 3:
                continue
            i = text.find(piece)
            if i >= 0:
                return i, i + len(piece)
    return None


def aligned_entity(record: Record, span: tuple[int, int]):
    a, b = span
    best, best_key = None, None
    for e in record.entities:
        for m in e.mentions:
            inter = min(b, m.end) - max(a, m.start)
            if inter <= 0:
                continue
            score = inter / (max(b, m.end) - min(a, m.start))
            key = (score, e.country is not None)
            if best_key is None or key > best_key:
                best, best_key = e, key
    return best


# --- baseline -------------------------------------------------------------------------------

def dictionary_country(text: str) -> str | None:
    """The baseline: a country name, demonym or capital among the words of `text`, no context."""
    from ..stages.actors.dictionaries import load_dictionaries

    d = load_dictionaries()
    words = _WORD.findall(text)
    for n in range(min(4, len(words)), 0, -1):
        for k in range(len(words) - n + 1):
            piece = " ".join(words[k:k + n]).rstrip(".")
            piece = re.sub(r"(’s|'s)$", "", piece)
            code = (d.country_of_name(piece) or d.country_of_demonym(piece)
                    or d.country_of_capital(piece))
            if code:
                return code
    return None


# --- scoring --------------------------------------------------------------------------------

def _score_seed(path: Path, pipeline: Pipeline) -> dict:
    gold = json.loads((path.parent / "gold.json").read_text(encoding="utf-8"))
    record = pipeline.extract(path.read_bytes(), source=str(path))
    section = score_record(record, gold).sections["entities"]
    codes = [m for m in section.misses if " country " in m or " sector " in m or " type " in m]
    code_checks = 3 * section.gold
    not_person = [m for m in section.misses if m.endswith("named as PERSON")]
    n_not_persons = len(gold.get("not_persons", []))
    return {
        "file": str(path), "entities": round(section.score, 4), "found": section.found,
        "gold": section.gold,
        "codes": round((code_checks - len(codes)) / code_checks, 4) if code_checks else 1.0,
        "not_person_errors": len(not_person),
        "not_persons_ok": round(1 - len(not_person) / n_not_persons, 4) if n_not_persons else 1.0,
        "misses": section.misses,
        "entity_list": [
            {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "sector": e.sector,
             "role": e.role, "mentions": len(e.mentions)} for e in record.entities],
    }


def _score_gsr(path: Path, pipeline: Pipeline) -> dict:
    from ..ingest import InputDocument
    from ..model import Record

    sentences = read_gold_sentences(path)
    mapping = cameo_to_iso()
    items = [InputDocument(s.text, source=s.id, input_id=s.id, raw=True,
                           published=(s.date or None), format="text") for s in sentences]
    counts: Counter[str] = Counter()
    base: Counter[str] = Counter()
    halves = (Counter(), Counter())  # the records in file order: first half (A), second half (B)
    errors = []
    failed = 0
    for k, (sentence, result) in enumerate(zip(sentences, pipeline.process(items), strict=True)):
        half = halves[k >= (len(sentences) + 1) // 2]
        record = result if isinstance(result, Record) else None
        if record is None:
            failed += 1
        for actor in sentence.actors:
            gold = mapping.get(actor.code)
            if not gold:
                continue
            counts[f"{actor.role}_n"] += 1
            base_code = dictionary_country(actor.text)
            base[f"{actor.role}_ok"] += base_code == gold
            span = locate(actor, sentence)
            entity = aligned_entity(record, span) if record is not None and span else None
            predicted = entity.country if entity is not None else None
            counts[f"{actor.role}_aligned"] += entity is not None
            ok = predicted == gold
            counts[f"{actor.role}_ok"] += ok
            half[f"{actor.role}_n"] += 1
            half[f"{actor.role}_ok"] += ok
            sector = (actor.sector or "")[:3]
            if entity is not None and sector in PLOVER_SECTORS:
                counts["sector_n"] += 1
                counts["sector_ok"] += entity.sector == sector
            if not ok:
                errors.append({"id": sentence.id, "role": actor.role, "text": actor.text, "gold": gold,
                               "predicted": predicted, "entity": entity.name if entity else None})

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    n = counts["source_n"] + counts["target_n"]
    metrics = {
        "source_country_accuracy": ratio(counts["source_ok"], counts["source_n"]),
        "target_country_accuracy": ratio(counts["target_ok"], counts["target_n"]),
        "country_accuracy": ratio(counts["source_ok"] + counts["target_ok"], n),
        "aligned": ratio(counts["source_aligned"] + counts["target_aligned"], n),
        "sector_accuracy": ratio(counts["sector_ok"], counts["sector_n"]),
    }
    baseline = {
        "source_country_accuracy": ratio(base["source_ok"], counts["source_n"]),
        "target_country_accuracy": ratio(base["target_ok"], counts["target_n"]),
        "country_accuracy": ratio(base["source_ok"] + base["target_ok"], n),
    }
    return {"file": str(path), "sentences": len(sentences), "failed": failed,
            "scored_source": counts["source_n"], "scored_target": counts["target_n"],
            "sector_scored": counts["sector_n"], "metrics": metrics, "baseline": baseline,
            "halves": {name: {"source_country_accuracy": ratio(h["source_ok"], h["source_n"]),
                              "target_country_accuracy": ratio(h["target_ok"], h["target_n"])}
                       for name, h in zip("AB", halves, strict=True)},
            "errors": errors}


def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None) -> dict:
    from ..pipeline import default_pipeline

    pipeline = pipeline or default_pipeline()
    report: dict = {"metrics": {}, "baseline": {}}
    for path in paths:
        path = Path(path)
        if path.name == "article.txt" and (path.parent / "gold.json").exists():
            seed = _score_seed(path, pipeline)
            report["seed"] = seed
            report["metrics"].update({"seed_entities": seed["entities"], "seed_codes": seed["codes"],
                                      "seed_not_persons_ok": seed["not_persons_ok"]})
        else:
            gsr = _score_gsr(path, pipeline)
            report["gsr"] = gsr
            report["metrics"].update(gsr["metrics"])
            report["baseline"].update(gsr["baseline"])
    return report


def format_report(report: dict) -> str:
    lines = []
    seed = report.get("seed")
    if seed:
        lines.append(f"{seed['file']}: entities {seed['entities']:.3f} "
                     f"({seed['found']}/{seed['gold']} found), codes {seed['codes']:.3f}, "
                     f"not-person errors {seed['not_person_errors']}")
        for miss in seed["misses"]:
            lines.append(f"    - {miss}")
    gsr = report.get("gsr")
    if gsr:
        m, b = gsr["metrics"], gsr["baseline"]
        lines.append(f"{gsr['file']}: {gsr['sentences']} sentences ({gsr['failed']} failed); "
                     f"scored {gsr['scored_source']} source, {gsr['scored_target']} target actors "
                     f"with a country code")
        for key in ("source_country_accuracy", "target_country_accuracy", "country_accuracy"):
            lines.append(f"  {key:<25} {m[key]:.3f}   (baseline, dictionary on gold text: {b[key]:.3f})")
        lines.append(f"  {'aligned':<25} {m['aligned']:.3f}")
        lines.append(f"  {'sector_accuracy':<25} {m['sector_accuracy']:.3f}   ({gsr['sector_scored']} aligned actors "
                     f"with a PLOVER sector)")
        if gsr.get("halves"):
            lines.append("  by half of the records (file order): " + "; ".join(
                f"{h} source {v['source_country_accuracy']:.3f}, target {v['target_country_accuracy']:.3f}"
                for h, v in gsr["halves"].items()))
        wrong = Counter((e["gold"], e["predicted"]) for e in gsr["errors"])
        if wrong:
            lines.append("  most frequent confusions (gold -> predicted): " + ", ".join(
                f"{g}->{p} x{n}" for (g, p), n in wrong.most_common(10)))
    return "\n".join(lines)
