"""PLOVER event coding vs. the PLOVER gold-standard records (GSR).

Each gold record is one sentence with one coded event. The sentence goes through the
whole pipeline (raw text, published = the record's date) and the predicted event for the
sentence is the one the coder is surest of: the highest confidence, ties broken by the
earlier trigger (no gold information is used to pick it). A sentence with no event is
counted wrong for type, actor, recipient and tuple.

Figures:
- type accuracy, and macro-F1 over the 16 PLOVER types (per-type F1 from the chosen
  predictions; a missing prediction is a false negative of the gold type);
- actor / recipient code accuracy: the set of country codes of the predicted entities
  (ISO alpha-3, or IGO/NGO from the sector when the entity has no country) equals the
  gold set, over the records whose gold names one; "overlap" variants accept any shared code;
- full-tuple accuracy: type, actor set and recipient set all right (an empty gold
  recipient wants an empty predicted one);
- mode accuracy over the records whose gold gives a mode;
- recipient country right (`recipient_country`): over the records whose gold target names at
  least one country (CAMEO codes mapped to ISO alpha-3 by `data/cameo_countries.tsv`; IGO, NGO,
  regions and other non-state codes are left out on both sides), the countries of the
  predicted event's recipient entities equal the gold's countries; `recipient_country_any`
  accepts any shared country;
- the same type figures and recipient-country figures over the **current-type subset**
  (`gsr246_*`): the records whose 2016 category is already one of the 16 current PLOVER
  types, i.e. not one of the legacy names DEMAND, DISAPPROVE, INVESTIGATE, FIGHT that
  `plover_gsr.PLOVER_2016_TO_CURRENT` renames (246 of the 322 records). Their gold is still the
  current type of `plover_gsr.current_type` (its record rules re-type 17 of them by the manual);
- the reliability table: type accuracy per confidence band, for calibration;
- baseline: the majority type (what a coder that always answers the commonest type scores).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import PLOVER_TYPES, Record
from .plover_gsr import PLOVER_2016_TO_CURRENT, GoldEvent, default_gsr_path, read_gsr

if TYPE_CHECKING:
    from ..pipeline import Pipeline

TITLE = "PLOVER events vs. the PLOVER gold-standard records (eval/events/plover-gsr)"
BANDS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 1.01))
_TRANSNATIONAL = {"IGO", "NGO", "IMG", "MNC"}


def default_inputs(shared: Path) -> list[Path]:
    p = default_gsr_path(shared)
    return [p] if p else []


def entity_codes(record: Record, ids: list[str]) -> set[str]:
    by_id = {e.id: e for e in record.entities}
    out = set()
    for i in ids:
        e = by_id.get(i)
        if e is None:
            continue
        if e.country:
            out.add(e.country)
        elif e.sector in _TRANSNATIONAL:
            out.add(e.sector)
    return out


def entity_countries(record: Record, ids: list[str]) -> set[str]:
    """The country codes (ISO alpha-3) of the entities `ids`; entities with no country give none."""
    by_id = {e.id: e for e in record.entities}
    return {by_id[i].country for i in ids if i in by_id and by_id[i].country}


def gold_countries(codes: set[str], mapping: dict[str, str | None]) -> set[str]:
    """The gold codes that name a country, as ISO alpha-3 (CAMEO codes mapped; non-state codes dropped)."""
    return {iso for iso in (mapping.get(c) for c in codes) if iso}


def current_subset(row: dict) -> bool:
    """A record whose 2016 category is one of the 16 current type names (no legacy renaming)."""
    return row["gold_original"] in PLOVER_TYPES and row["gold_original"] not in PLOVER_2016_TO_CURRENT


def pick_event(record: Record):
    """The predicted event for a one-sentence record: the surest, then the earliest."""
    if not record.events:
        return None
    return sorted(record.events, key=lambda v: (-v.confidence, v.trigger.start))[0]


def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None) -> dict:
    from ..pipeline import default_pipeline
    from .actors import cameo_to_iso

    pipeline = pipeline or default_pipeline()
    mapping = cameo_to_iso()
    gold: list[GoldEvent] = []
    for p in paths:
        gold += read_gsr(p)
    from ..errors import NewsledgerError

    rows = []
    for g in gold:
        try:
            record = pipeline.extract(g.text, published=g.date, raw=True, source=g.id)
        except NewsledgerError as exc:  # a refused sentence counts as no prediction
            record = Record(article={"source": g.id}, text=g.text, warnings=[{"code": exc.code, "message": exc.message}])
        v = pick_event(record)
        rows.append({
            "id": g.id, "gold": g.type, "gold_original": g.original_type, "gold_mode": g.mode,
            "gold_actor": sorted(g.source_codes), "gold_recipient": sorted(g.target_codes),
            "gold_recipient_countries": sorted(gold_countries(g.target_codes, mapping)),
            "recipient_countries": sorted(entity_countries(record, v.recipient)) if v else [],
            "type": v.type if v else None, "mode": v.mode if v else None,
            "actor": sorted(entity_codes(record, v.actor)) if v else [],
            "recipient": sorted(entity_codes(record, v.recipient)) if v else [],
            "confidence": v.confidence if v else None,
            "trigger": v.trigger.text if v else None, "events": len(record.events),
        })
    metrics = score(rows)
    subset = [r for r in rows if current_subset(r)]
    metrics.update(subset_scores(rows))
    majority = Counter(r["gold"] for r in rows).most_common(1)[0][0] if rows else None
    baseline = {"type_accuracy": _ratio(sum(r["gold"] == majority for r in rows), len(rows)),
                "macro_f1": _macro_f1([(r["gold"], majority) for r in rows]), "majority_type": majority}
    baseline.update({
        "gsr246_type_accuracy": _ratio(sum(r["gold"] == majority for r in subset), len(subset)),
        "gsr246_macro_f1": _macro_f1([(r["gold"], majority) for r in subset])})
    return {"metrics": metrics, "baseline": baseline, "reliability": reliability(rows),
            "per_type": per_type(rows), "per_type_gsr246": per_type(subset), "records": rows}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _macro_f1(pairs: list[tuple[str, str | None]]) -> float:
    f1s = []
    for t in PLOVER_TYPES:
        tp = sum(g == t and p == t for g, p in pairs)
        fp = sum(g != t and p == t for g, p in pairs)
        fn = sum(g == t and p != t for g, p in pairs)
        if tp + fp + fn == 0:
            continue
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return round(sum(f1s) / len(f1s), 4) if f1s else 0.0


def score(rows: list[dict]) -> dict:
    n = len(rows)
    with_actor = [r for r in rows if r["gold_actor"]]
    with_recipient = [r for r in rows if r["gold_recipient"]]
    with_mode = [r for r in rows if r["gold_mode"] and r["gold"] == r["type"]]
    return {
        "records": n,
        "type_accuracy": _ratio(sum(r["type"] == r["gold"] for r in rows), n),
        "macro_f1": _macro_f1([(r["gold"], r["type"]) for r in rows]),
        "coverage": _ratio(sum(r["type"] is not None for r in rows), n),
        "actor_accuracy": _ratio(sum(set(r["actor"]) == set(r["gold_actor"]) for r in with_actor), len(with_actor)),
        "actor_overlap": _ratio(sum(bool(set(r["actor"]) & set(r["gold_actor"])) for r in with_actor), len(with_actor)),
        "recipient_accuracy": _ratio(sum(set(r["recipient"]) == set(r["gold_recipient"]) for r in with_recipient),
                                     len(with_recipient)),
        "recipient_overlap": _ratio(sum(bool(set(r["recipient"]) & set(r["gold_recipient"])) for r in with_recipient),
                                    len(with_recipient)),
        "tuple_accuracy": _ratio(sum(r["type"] == r["gold"] and set(r["actor"]) == set(r["gold_actor"])
                                     and set(r["recipient"]) == set(r["gold_recipient"]) for r in rows), n),
        "mode_accuracy": _ratio(sum(r["mode"] == r["gold_mode"] for r in with_mode), len(with_mode)),
    }


def recipient_country_scores(rows: list[dict], prefix: str = "") -> dict:
    """Recipient countries of the chosen event vs. the gold's, over the records whose gold names one."""
    named = [r for r in rows if r["gold_recipient_countries"]]
    return {
        f"{prefix}recipient_country_records": len(named),
        f"{prefix}recipient_country": _ratio(
            sum(set(r["recipient_countries"]) == set(r["gold_recipient_countries"]) for r in named), len(named)),
        f"{prefix}recipient_country_any": _ratio(
            sum(bool(set(r["recipient_countries"]) & set(r["gold_recipient_countries"])) for r in named), len(named)),
    }


def subset_scores(rows: list[dict]) -> dict:
    """Recipient countries over every record, and type and recipient figures over the current-type subset."""
    subset = [r for r in rows if current_subset(r)]
    out = recipient_country_scores(rows)
    out.update({
        "gsr246_records": len(subset),
        "gsr246_type_accuracy": _ratio(sum(r["type"] == r["gold"] for r in subset), len(subset)),
        "gsr246_macro_f1": _macro_f1([(r["gold"], r["type"]) for r in subset]),
    })
    out.update(recipient_country_scores(subset, "gsr246_"))
    return out


def per_type(rows: list[dict]) -> dict:
    out = {}
    for t in PLOVER_TYPES:
        tp = sum(r["gold"] == t and r["type"] == t for r in rows)
        fp = sum(r["gold"] != t and r["type"] == t for r in rows)
        fn = sum(r["gold"] == t and r["type"] != t for r in rows)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[t] = {"gold": tp + fn, "predicted": tp + fp, "precision": round(prec, 3), "recall": round(rec, 3),
                  "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0}
    return out


def reliability(rows: list[dict]) -> list[dict]:
    """Type accuracy of the chosen predictions per confidence band (calibration check)."""
    table = []
    for lo, hi in BANDS:
        band = [r for r in rows if r["confidence"] is not None and lo <= r["confidence"] < hi]
        table.append({"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "count": len(band),
                      "mean_confidence": round(sum(r["confidence"] for r in band) / len(band), 3) if band else None,
                      "accuracy": _ratio(sum(r["type"] == r["gold"] for r in band), len(band)) if band else None})
    return table


def format_report(report: dict) -> str:
    m, b = report["metrics"], report["baseline"]
    lines = [
        f"records {m['records']}  (coverage: a predicted event for {m['coverage']:.1%})",
        f"type accuracy    {m['type_accuracy']:.3f}   (majority-type baseline {b['type_accuracy']:.3f})",
        f"macro-F1 (16)    {m['macro_f1']:.3f}   (baseline {b['macro_f1']:.3f})",
        f"actor codes      {m['actor_accuracy']:.3f}   (any shared code {m['actor_overlap']:.3f})",
        f"recipient codes  {m['recipient_accuracy']:.3f}   (any shared code {m['recipient_overlap']:.3f})",
        f"full tuple       {m['tuple_accuracy']:.3f}",
        f"mode (type right, gold mode given) {m['mode_accuracy']:.3f}",
        f"recipient country right {m['recipient_country']:.3f}   (any shared country {m['recipient_country_any']:.3f};"
        f" {m['recipient_country_records']} records whose gold names a recipient country)",
        f"current-type subset ({m['gsr246_records']} records whose 2016 category is a current type):",
        f"  type accuracy  {m['gsr246_type_accuracy']:.3f}   (majority-type baseline {b['gsr246_type_accuracy']:.3f})",
        f"  macro-F1 (16)  {m['gsr246_macro_f1']:.3f}   (baseline {b['gsr246_macro_f1']:.3f})",
        f"  recipient country right {m['gsr246_recipient_country']:.3f}   (any {m['gsr246_recipient_country_any']:.3f};"
        f" {m['gsr246_recipient_country_records']} records)",
        "per type:  gold  pred  P     R     F1",
    ]
    for t, s in report["per_type"].items():
        lines.append(f"  {t:<10} {s['gold']:>4} {s['predicted']:>5}  {s['precision']:.2f}  {s['recall']:.2f}  {s['f1']:.2f}")
    lines.append("reliability (confidence band: events, mean confidence, type accuracy):")
    for r in report["reliability"]:
        if r["count"]:
            lines.append(f"  {r['band']}  {r['count']:>4}  {r['mean_confidence']:.2f}  {r['accuracy']:.3f}")
        else:
            lines.append(f"  {r['band']}     0")
    return "\n".join(lines)
