"""TIMEX3 tagging and normalisation against TimeML gold, scored as TempEval-3 scores it.

Each `.tml` document's TEXT (tags stripped) goes through the pipeline as body text
(`raw=True`), anchored at the document creation time (the `<DCT>` timex); the
record's times are compared with the gold TIMEX3 tags by character offsets.

The figures are those of the TempEval-3 entity scorer (UzZaman et al. 2013):
- strict span P/R/F1: a system timex and a gold timex with exactly the same extent;
- relaxed span P/R/F1: extents that overlap (each timex matched at most once);
- type and value accuracy: over the relaxed matches, the share with the gold type
  (value) string exactly;
- value F1 = value accuracy x relaxed F1 (the "attribute F1" of TempEval-3).
Counts are summed over documents before dividing (micro average).

The baseline is dateparser's `search_dates` on the same text with the same anchor,
its dates written as day-precision values, scored by the same code in the same run.
"""

from __future__ import annotations

import contextlib
import html
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import NewsledgerError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..pipeline import Pipeline

TITLE = "TIMEX3 spans and values vs. TimeML gold (TempEval-3 metrics; baseline dateparser.search_dates)"

_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*+)([^<>]*?)(/?)>", re.S)
_ATTR = re.compile(r'(?<![\w:-])([\w:-]+)\s*=\s*"([^"]*)"')


def default_inputs(shared: Path) -> list[Path]:
    return sorted((shared / "eval" / "temporal" / "te3-platinum-dev").glob("*.tml"))


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass
class TimeMLDocument:
    name: str
    text: str
    dct: str | None
    timexes: list[Timex] = field(default_factory=list)


def read_timeml(path: Path | str, content: str | None = None) -> TimeMLDocument:
    """The TEXT of a TimeML file without its tags, its DCT value and its TIMEX3 spans."""
    path = Path(path)
    data = content if content is not None else path.read_text(encoding="utf-8")
    dct = None
    dct_element = _element(data, "DCT")
    t = re.search(r"<TIMEX3\b([^>]*)>", dct_element) if dct_element is not None else None
    if t is None:  # older TimeML: the creation-time timex wherever it stands
        t = re.search(r"<TIMEX3\b([^>]*functionInDocument=\"(?:CREATION|PUBLICATION)_TIME\"[^>]*)>", data)
    if t is not None:
        dct = dict(_ATTR.findall(t.group(1))).get("value")
        if dct and not re.match(r"\d{4}-\d\d-\d\d", dct):
            compact = re.match(r"(\d{4})(\d\d)(\d\d)", dct)
            dct = f"{compact.group(1)}-{compact.group(2)}-{compact.group(3)}" if compact else None
    body = _element(data, "TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    text, timexes = strip_tags(body)
    return TimeMLDocument(name=path.name, text=text, dct=dct, timexes=timexes)


def _element(data: str, name: str) -> str | None:
    """The content of the first <name>...</name> (a plain search: no regex to backtrack)."""
    start = data.find(f"<{name}>")
    if start < 0:
        return None
    start += len(name) + 2
    end = data.find(f"</{name}>", start)
    return data[start:end] if end >= 0 else None


def strip_tags(annotated: str) -> tuple[str, list[Timex]]:
    """Plain text of an annotated fragment and the TIMEX3 spans in it (offsets into the plain text)."""
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    pos = 0
    for m in _TAG.finditer(annotated):
        chunk = html.unescape(annotated[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if name != "TIMEX3":
            continue
        if closing:
            if open_timex:
                start, a = open_timex.pop()
                if a.get("functionInDocument") in ("CREATION_TIME", "PUBLICATION_TIME"):
                    continue  # the document's own date is not scored (TempEval-3 leaves out t0)
                timexes.append(Timex(start, length, a.get("type", ""), a.get("value", "")))
        elif not selfclosing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
    out.append(html.unescape(annotated[pos:]))
    text = "".join(out)
    for t in timexes:
        t.text = text[t.start:t.end]
    timexes.sort(key=lambda t: (t.start, t.end))
    return text, timexes


# --- scoring -----------------------------------------------------------------------------------


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for k in asdict(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def metrics(self) -> dict[str, float | int]:
        def prf(hits: int) -> tuple[float, float, float]:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "strict_precision": round(sp, 4), "strict_recall": round(sr, 4), "strict_f1": round(sf, 4),
            "relaxed_precision": round(rp, 4), "relaxed_recall": round(rr, 4), "relaxed_f1": round(rf, 4),
            "type_accuracy": round(type_acc, 4), "value_accuracy": round(value_acc, 4),
            "type_f1": round(type_acc * rf, 4), "value_f1": round(value_acc * rf, 4),
        }

    def totals(self) -> dict[str, int]:
        return {"gold": self.gold, "system": self.system, "strict": self.strict, "relaxed": self.relaxed,
                "value_ok": self.value_ok}


def match(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping timexes: exact extents first, then the largest overlap."""
    pairs: list[tuple[Timex, Timex]] = []
    used_g: set[int] = set()
    used_s: set[int] = set()
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if j not in used_s and (g.start, g.end) == (s.start, s.end):
                pairs.append((g, s))
                used_g.add(i)
                used_s.add(j)
                break
    candidates = []
    for i, g in enumerate(gold):
        if i in used_g:
            continue
        for j, s in enumerate(system):
            if j in used_s:
                continue
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                candidates.append((-overlap, g.start, s.start, i, j))
    for _, _, _, i, j in sorted(candidates):
        if i in used_g or j in used_s:
            continue
        pairs.append((gold[i], system[j]))
        used_g.add(i)
        used_s.add(j)
    pairs.sort(key=lambda p: p[0].start)
    return pairs


def score(gold: list[Timex], system: list[Timex]) -> tuple[Counts, dict[str, list[str]]]:
    """Counts for one document, and its errors (missed, spurious, wrong value) for the report."""
    pairs = match(gold, system)
    c = Counts(gold=len(gold), system=len(system), relaxed=len(pairs))
    errors: dict[str, list[str]] = {"missed": [], "spurious": [], "wrong_value": [], "extent": []}
    for g, s in pairs:
        if (g.start, g.end) == (s.start, s.end):
            c.strict += 1
        else:
            errors["extent"].append(f"{g.text!r} ~ {s.text!r}")
        c.type_ok += g.type == s.type
        if g.value == s.value:
            c.value_ok += 1
        else:
            errors["wrong_value"].append(f"{g.text!r}: gold {g.type} {g.value}, got {s.type} {s.value} ({s.text!r})")
    paired_g = {id(g) for g, _ in pairs}
    paired_s = {id(s) for _, s in pairs}
    errors["missed"] = [f"{g.text!r} {g.type} {g.value}" for g in gold if id(g) not in paired_g]
    errors["spurious"] = [f"{s.text!r} {s.type} {s.value}" for s in system if id(s) not in paired_s]
    return c, errors


# --- systems ------------------------------------------------------------------------------------


def pipeline_timexes(pipeline: Pipeline, doc: TimeMLDocument) -> list[Timex]:
    record = pipeline.extract(doc.text, raw=True, published=doc.dct, source=doc.name)
    return [Timex(t.start, t.end, t.type, t.value, t.text) for t in record.times]


def dateparser_timexes(doc: TimeMLDocument) -> list[Timex]:
    """dateparser.search_dates on the text, anchored at the DCT; offsets found left to right."""
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
    if doc.dct:
        with contextlib.suppress(ValueError):
            settings["RELATIVE_BASE"] = datetime.fromisoformat(doc.dct[:19])
    found = search_dates(doc.text, languages=["en"], settings=settings) or []
    out: list[Timex] = []
    pos = 0
    for substring, when in found:
        i = doc.text.find(substring, pos)
        if i < 0:
            i = doc.text.find(substring)
            if i < 0:
                continue
        else:
            pos = i + len(substring)
        out.append(Timex(i, i + len(substring), "DATE", when.date().isoformat(), substring))
    return out


def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None, baseline: bool = True,
             group: Callable[[Path], str] | None = None) -> dict:
    """The report over `paths`; with `group`, also the figures of each group of files
    (`report["groups"]`: name -> metrics and counts), scored the same way."""
    from ..pipeline import default_pipeline

    pipeline = pipeline or default_pipeline()
    ours, theirs = Counts(), Counts()
    groups: dict[str, Counts] = {}
    files = []
    failures: list[str] = []
    seconds = {"newsledger": 0.0, "dateparser": 0.0}
    for path in paths:
        doc = read_timeml(path)
        t0 = time.perf_counter()
        try:
            system = pipeline_timexes(pipeline, doc)
        except NewsledgerError as exc:  # one document fails, the run goes on (scored as finding nothing)
            system = []
            failures.append(f"{path.name}: {exc.code}: {exc.message}")
        seconds["newsledger"] += time.perf_counter() - t0
        counts, errors = score(doc.timexes, system)
        ours.add(counts)
        if group is not None:
            groups.setdefault(group(path), Counts()).add(counts)
        entry: dict[str, Any] = {"file": str(path), "dct": doc.dct, **counts.metrics(), "counts": counts.totals(),
                                 "errors": errors}
        if baseline:
            t0 = time.perf_counter()
            base = dateparser_timexes(doc)
            seconds["dateparser"] += time.perf_counter() - t0
            base_counts, _ = score(doc.timexes, base)
            theirs.add(base_counts)
            entry["baseline_value_f1"] = base_counts.metrics()["value_f1"]
        files.append(entry)
    report: dict[str, Any] = {"metrics": ours.metrics(), "counts": ours.totals(), "files": files, "failures": failures,
                              "seconds": {k: round(v, 2) for k, v in seconds.items()}}
    if baseline:
        report["baseline"] = {"name": "dateparser.search_dates", **theirs.metrics(), "counts": theirs.totals()}
    if group is not None:
        report["groups"] = {name: {**c.metrics(), "counts": c.totals()} for name, c in sorted(groups.items())}
    return report


_ROWS = [("strict span", "strict"), ("relaxed span", "relaxed")]


def format_report(report: dict) -> str:
    m = report["metrics"]
    b = report.get("baseline")
    counts = report["counts"]
    lines = [f"{len(report['files'])} documents, {counts['gold']} gold timexes"]
    header = f"  {'':<22}{'newsledger':>12}" + (f"{'dateparser':>12}" if b else "")
    lines.append(header)

    def row(label: str, key: str) -> str:
        return f"  {label:<22}{m[key]:>12.3f}" + (f"{b[key]:>12.3f}" if b else "")

    for label, key in _ROWS:
        lines.append(row(f"{label} P", f"{key}_precision"))
        lines.append(row(f"{label} R", f"{key}_recall"))
        lines.append(row(f"{label} F1", f"{key}_f1"))
    lines.append(row("type accuracy", "type_accuracy"))
    lines.append(row("value accuracy", "value_accuracy"))
    lines.append(row("value F1", "value_f1"))
    for name, g in report.get("groups", {}).items():
        lines.append(f"  {name + ':':<22}value F1 {g['value_f1']:.3f}, relaxed span F1 {g['relaxed_f1']:.3f}, "
                     f"value accuracy {g['value_accuracy']:.3f} ({g['counts']['gold']} gold)")
    lines.append(f"  {'timexes found':<22}{counts['system']:>12}" + (f"{b['counts']['system']:>12}" if b else ""))
    for failure in report.get("failures", []):
        lines.append(f"  failed: {failure}")
    if "seconds" in report:
        s = report["seconds"]
        lines.append(f"  {'seconds':<22}{s['newsledger']:>12.2f}" + (f"{s['dateparser']:>12.2f}" if b else ""))
    for f in report["files"]:
        errs = f["errors"]
        problems = [("missed", errs["missed"]), ("spurious", errs["spurious"]), ("wrong value", errs["wrong_value"])]
        if not any(v for _, v in problems):
            continue
        lines.append(f"  {Path(f['file']).name} (DCT {f['dct']}): value F1 {f['value_f1']:.3f}")
        for label, items in problems:
            for item in items[:8]:
                lines.append(f"      {label}: {item}")
    return "\n".join(lines)
