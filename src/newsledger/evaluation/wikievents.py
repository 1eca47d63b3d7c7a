"""PLOVER events vs. WikiEvents (KAIROS event mentions mapped to PLOVER), trigger level.

Data: `$SHARED/eval/events/wikievents-dev/dev.jsonl` (Li, Ji and Han 2021; one document a
line with `tokens`, `sentences`, `event_mentions`, `entity_mentions`) and, beside it,
`KAIROS_TO_PLOVER.tsv`, the mapping and rules of that folder's README. Both files are the
corpus (the floors are pinned to them); `newsledger eval wikievents FILE [MAPPING]` scores
another file, with the mapping given or found beside it.

**The text the pipeline reads.** A document's `text` field joins its sentences with nothing
between them ("...the old townThe next day..."), which fuses words across sentences. The token
offsets of the corpus keep the original layout: between two sentences they leave a gap of
one character, or of two and more where the source had a paragraph break. The text given
to the pipeline is rebuilt from `sentences` (each sentence's text verbatim) with that
layout: a blank line ("\n\n") where the gap is two characters or more; a line break where
the gap is one character and the sentence does not end with sentence-final punctuation
(headlines, subheadings, list items, captions); else one space (sentences of one
paragraph). The document goes through the whole pipeline as raw text (`raw=True`, no
publication date: none of the documents gives one as data). Every gold offset is mapped
into the rebuilt text by its sentence's shift, and checked (`trigger_text_mismatches`).

**Gold.** Each event mention's KAIROS type takes the PLOVER type of its longest listed
prefix (a prefix matches whole dotted components). Mentions of an excluded type ("-") and
of a type the mapping does not list are *excluded*. `only_with_agent` types (Life.Die,
Life.Injure) count only when the mention has an argument in the row's actor roles
(Killer, Injurer) and no Conflict.Attack trigger lies in the same sentence; otherwise they
are excluded too (a record event on "killed" there is neither right nor wrong: the death
is the outcome of the attack, or a death nobody is said to have caused). Gold mentions of
one trigger span and one PLOVER type count once (typed units); for detection, mentions of
one trigger span count once whatever their types.

**Predictions.** Every record event is located by its trigger, and each of its
`mentions[].trigger` is a further located prediction with the event's type (a merged event
claims that each of those words reports the happening, so each is checked). Predictions
with the same span and type count once.

**Matching.** A prediction may pair with a gold unit whose trigger span overlaps its own
(typed F1: same PLOVER type as well; detection F1: any type); pairs are a maximum one-to-one
assignment (augmenting paths), so the figure does not depend on the order of events. An
unpaired prediction that overlaps an excluded gold mention is *ignored* (neither right nor
wrong); the other unpaired predictions are false positives, classed as `wrong_type` (it
overlaps a gold unit of another type), `duplicate` (it overlaps a gold unit of its type
that another prediction took) or `false` (it overlaps no gold trigger).
precision = paired / (predictions - ignored), recall = paired / gold units.

Also reported: the same figures over the events' own triggers only (`trigger_only`, mention
triggers left out: informative, since a merged event pairs through its mention triggers); the
same over the predictions whose type some row of the mapping gives (`mapped_types_only`: AGREE,
SUPPORT, REJECT... cannot be right here, as WikiEvents has no counterpart of them; informative); `actor_right`, over the typed pairs whose gold mention names an argument
in the row's actor roles, the share where one of the event's actor entities has a mention
overlapping that argument or shares a content word with it; the two halves of the set (the
documents sorted by id, first and second half) scored apart; and the **keyword baseline**
scored by the same rules in the same run: the words of `BASELINE_KEYWORDS`, written from the
KAIROS type names of the mapping and the category definitions of the PLOVER manual
(shared/reference/plover), each occurrence one prediction of its type.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import PLOVER_TYPES, Record
from .docevents import _assign, entity_name_words, words

if TYPE_CHECKING:
    from ..pipeline import Pipeline

TITLE = "PLOVER events vs. WikiEvents dev (KAIROS mapped to PLOVER; eval/events/wikievents-dev)"
MAPPING_NAME = "KAIROS_TO_PLOVER.tsv"
_FINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"'”’]$")

# The keyword baseline: trigger words per PLOVER type. Sources: the KAIROS type names of
# KAIROS_TO_PLOVER.tsv (Conflict.Attack.DetonateExplode, Justice.ArrestJailDetain,
# Contact.ThreatenCoerce, Contact.RequestCommand, Justice.ChargeIndict, ...) and the category
# definitions of the PLOVER manual (e.g. ACCUSE: "accuse, allege, or charge ... all
# investigations"; REQUEST: "all requests, demands, and orders"; PROTEST: "demonstrations
# ... rally"; RETREAT: "release of prisoners ... resignations"). Each entry is a regular
# expression over one lower-cased word.
BASELINE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "ASSAULT": (r"attack(s|ed|ing|er|ers)?", r"bomb(s|ed|ing|ings|er|ers)?", r"explo(de|des|ded|sion|sions)",
                r"detonat(e|es|ed|ing|ion)", r"blasts?", r"shoot(s|ing|ings)?", r"shot", r"kill(s|ed|ing|ings)?",
                r"assassinat(e|ed|es|ion)", r"ambush(ed|es)?", r"injur(e|ed|es|ing)", r"wound(s|ed|ing)?",
                r"abduct(s|ed|ion)?", r"kidnap(s|ped|ping)?"),
    "PROTEST": (r"protest(s|ed|ing|ers)?", r"demonstrat(e|ed|es|ion|ions|ors)", r"rall(y|ies|ied)", r"riot(s|ed|ing)?"),
    "CONSULT": (r"meet(s|ing|ings)?", r"met", r"talks", r"visit(s|ed|ing)?", r"negotiat(e|ed|es|ion|ions)",
                r"summit"),
    "THREATEN": (r"threat(s|en|ens|ened|ening)?", r"coerc(e|ed|ion)", r"ultimatum"),
    "REQUEST": (r"request(s|ed|ing)?", r"demand(s|ed|ing)?", r"order(s|ed)?", r"command(s|ed)?", r"urg(e|ed|es)",
                r"appeal(s|ed)?", r"ask(s|ed)?"),
    "COERCE": (r"arrest(s|ed|ing)?", r"detain(s|ed|ing)?", r"detention", r"jail(s|ed)?", r"imprison(s|ed|ment)?",
               r"custody", r"deport(s|ed|ation)?", r"curfew"),
    "ACCUSE": (r"accus(e|ed|es|ing|ation|ations)", r"alleg(e|ed|es|ation|ations)", r"charg(e|ed|es)",
               r"indict(s|ed|ment)?", r"investigat(e|ed|es|ing|ion|ions)", r"probe", r"condemn(s|ed)?",
               r"blam(e|ed|es)", r"su(e|ed)", r"criticiz(e|ed|es)"),
    "SANCTION": (r"convict(s|ed|ion)?", r"sentenc(e|ed|es)", r"sanction(s|ed)?", r"expel(s|led)?", r"embargo"),
    "CONCEDE": (r"acquit(s|ted|tal)?", r"apologi[sz](e|ed|es)", r"concede(s|d)?", r"pardon(s|ed)?"),
    "RETREAT": (r"releas(e|ed|es)", r"parole(d)?", r"freed", r"withdr(aw|aws|ew|awn|awal)", r"resign(s|ed|ation)?",
                r"retreat(s|ed)?"),
    "AID": (r"aid", r"donat(e|ed|es|ion|ions)", r"assistance", r"relief"),
    "AGREE": (r"agree(s|d|ment)?", r"accord", r"treaty", r"ceasefire", r"deal"),
    "SUPPORT": (r"prais(e|ed|es)", r"endors(e|ed|es)", r"welcom(e|ed|es)", r"support(s|ed)?"),
    "COOPERATE": (r"cooperat(e|ed|es|ion)", r"collaborat(e|ed|es|ion)", r"alliance"),
    "REJECT": (r"reject(s|ed|ion)?", r"refus(e|ed|es)", r"den(y|ied|ies)", r"veto(ed|es)?"),
    "MOBILIZE": (r"mobiliz(e|ed|es|ation)", r"deploy(s|ed|ment)?", r"troops"),
}
_KEYWORD = [(re.compile(rf"^(?:{'|'.join(pats)})$"), t) for t, pats in BASELINE_KEYWORDS.items()]
_WORDS = re.compile(r"[A-Za-z]+")


def default_inputs(shared: Path) -> list[Path]:
    d = shared / "eval" / "events" / "wikievents-dev"
    data, mapping = d / "dev.jsonl", d / MAPPING_NAME
    return [data, mapping] if data.exists() and mapping.exists() else []


# --- mapping -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class MappingRow:
    prefix: str
    plover: str | None  # None: excluded
    actor_roles: tuple[str, ...]
    only_with_agent: bool
    note: str = ""


def read_mapping(path: Path) -> list[MappingRow]:
    rows = []
    with Path(path).open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            prefix = (r.get("kairos_type_prefix") or "").strip()
            if not prefix:
                continue
            plover = (r.get("plover_type") or "").strip()
            roles = (r.get("actor_roles") or "").strip()
            last = (r.get("only_with_agent") or "").strip()
            if plover in PLOVER_TYPES:
                rows.append(MappingRow(prefix, plover, tuple(x for x in re.split(r"[,;| ]+", roles) if x),
                                       last.lower() == "true"))
            else:  # excluded rows ("-") carry their reason in the last column
                rows.append(MappingRow(prefix, None, (), False, last))
    return rows


def map_type(kairos: str, mapping: list[MappingRow]) -> MappingRow | None:
    """The row of the longest listed prefix of `kairos` (whole dotted components), or None."""
    best = None
    for row in mapping:
        if (kairos == row.prefix or kairos.startswith(row.prefix + ".")) and (
                best is None or len(row.prefix) > len(best.prefix)):
            best = row
    return best


# --- documents ---------------------------------------------------------------------------------

def rebuild_text(sentences: list) -> tuple[str, list[int]]:
    """The document's text rebuilt from its sentences (see the module doc), and per sentence the
    shift to add to the corpus' character offsets of its tokens."""
    parts: list[str] = []
    shifts: list[int] = []
    pos = 0
    prev_end: int | None = None
    prev_text = ""
    for toks, sent in sentences:
        start = toks[0][1] if toks else (prev_end or 0)
        if prev_end is not None:
            gap = start - prev_end
            if gap >= 2:
                sep = "\n\n"
            elif _FINAL.search(prev_text.rstrip()):
                sep = " "
            else:
                sep = "\n"
            parts.append(sep)
            pos += len(sep)
        shifts.append(pos - start)
        parts.append(sent)
        pos += len(sent)
        prev_end, prev_text = start + len(sent), sent
    return "".join(parts), shifts


@dataclass
class GoldMention:
    start: int
    end: int
    text: str
    kairos: str
    plover: str | None  # None: excluded
    sentence: int
    actors: list[tuple[int, int, str]] = field(default_factory=list)  # argument spans in actor roles
    reason: str = ""


@dataclass
class Document:
    id: str
    text: str
    mentions: list[GoldMention]
    sentence_spans: list[tuple[int, int]]
    trigger_text_mismatches: int = 0


def read_documents(path: Path, mapping: list[MappingRow]) -> list[Document]:
    docs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        docs.append(build_document(d, mapping))
    return docs


def build_document(d: dict, mapping: list[MappingRow]) -> Document:
    text, shifts = rebuild_text(d["sentences"])
    token_span: list[tuple[int, int]] = []
    sentence_spans = []
    for (toks, sent), shift in zip(d["sentences"], shifts, strict=True):
        for _, s, e in toks:
            token_span.append((s + shift, e + shift))
        first = toks[0][1] + shift if toks else 0
        sentence_spans.append((first, first + len(sent)))

    def span(a: int, b: int) -> tuple[int, int]:
        return token_span[a][0], token_span[b - 1][1]

    entities = {m["id"]: m for m in d.get("entity_mentions", [])}
    attack_sentences = {m["trigger"].get("sent_idx") for m in d.get("event_mentions", [])
                        if m["event_type"].startswith("Conflict.Attack")}
    mentions = []
    mismatches = 0
    for m in d.get("event_mentions", []):
        trig = m["trigger"]
        s, e = span(trig["start"], trig["end"])
        if text[s:e] != trig.get("text", text[s:e]):
            mismatches += 1
        row = map_type(m["event_type"], mapping)
        actors = []
        if row is not None and row.plover:
            for a in m.get("arguments", []):
                ent = entities.get(a.get("entity_id"))
                if a.get("role") in row.actor_roles and ent is not None:
                    a_s, a_e = span(ent["start"], ent["end"])
                    actors.append((a_s, a_e, text[a_s:a_e]))
        plover, reason = (row.plover, "") if row is not None else (None, "type not in the mapping")
        if row is not None and not row.plover:
            reason = "excluded type"
        if plover and row is not None and row.only_with_agent:
            if not actors:
                plover, reason = None, "no agent named"
            elif trig.get("sent_idx") in attack_sentences:
                plover, reason = None, "outcome of an attack in the same sentence"
        mentions.append(GoldMention(s, e, text[s:e], m["event_type"], plover, trig.get("sent_idx", -1), actors,
                                    reason))
    return Document(d["doc_id"], text, mentions, sentence_spans, mismatches)


# --- predictions -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    text: str
    type: str
    event: str | None = None  # record event id; None for the baseline
    kind: str = "trigger"  # trigger | mention


def record_predictions(record: Record, *, mention_triggers: bool = True) -> list[Prediction]:
    out: dict[tuple[int, int, str], Prediction] = {}
    for v in record.events:
        items = [(v.trigger, "trigger")]
        if mention_triggers:
            items += [(m.trigger, "mention") for m in v.mentions if m.trigger is not None]
        for span, kind in items:
            key = (span.start, span.end, v.type)
            if key not in out:
                out[key] = Prediction(span.start, span.end, span.text, v.type, v.id, kind)
    return list(out.values())


def keyword_predictions(text: str) -> list[Prediction]:
    out = []
    for m in _WORDS.finditer(text):
        w = m.group().lower()
        for pattern, type_ in _KEYWORD:
            if pattern.match(w):
                out.append(Prediction(m.start(), m.end(), m.group(), type_))
                break
    return out


# --- scoring -----------------------------------------------------------------------------------

def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


@dataclass
class Unit:
    """A gold unit: one trigger span (and type, for typed scoring) standing for its mentions."""
    start: int
    end: int
    text: str
    type: str | None
    mentions: list[GoldMention]


def gold_units(doc: Document, typed: bool) -> tuple[list[Unit], list[GoldMention]]:
    units: dict[tuple, Unit] = {}
    excluded = []
    for g in doc.mentions:
        if g.plover is None:
            excluded.append(g)
            continue
        key = (g.start, g.end, g.plover) if typed else (g.start, g.end)
        if key not in units:
            units[key] = Unit(g.start, g.end, g.text, g.plover if typed else None, [])
        units[key].mentions.append(g)
    return list(units.values()), excluded


@dataclass
class Score:
    predicted: int = 0
    ignored: int = 0
    paired: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.predicted += other.predicted
        self.ignored += other.ignored
        self.paired += other.paired
        self.gold += other.gold

    @property
    def precision(self) -> float:
        n = self.predicted - self.ignored
        return self.paired / n if n else 0.0

    @property
    def recall(self) -> float:
        return self.paired / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self, prefix: str) -> dict:
        return {f"{prefix}precision": round(self.precision, 4), f"{prefix}recall": round(self.recall, 4),
                f"{prefix}f1": round(self.f1, 4)}


def score_document(doc: Document, predictions: list[Prediction], *, typed: bool) -> tuple[Score, dict]:
    """Pair predictions with the gold units of one document; the score and the classed errors."""
    units, excluded = gold_units(doc, typed)
    candidates = {k: [i for i, u in enumerate(units) if _overlap(p.start, p.end, u.start, u.end)
                      and (not typed or u.type == p.type)]
                  for k, p in enumerate(predictions)}
    assignment = _assign(candidates)
    taken = set(assignment.values())
    score = Score(predicted=len(predictions), paired=len(assignment), gold=len(units))
    errors: dict[str, list] = {"wrong_type": [], "duplicate": [], "false": [], "missed": [], "ignored": [],
                               "paired": []}
    for k, p in enumerate(predictions):
        if k in assignment:
            errors["paired"].append((p, units[assignment[k]]))
            continue
        near = [u for u in units if _overlap(p.start, p.end, u.start, u.end)]
        if any(_overlap(p.start, p.end, g.start, g.end) for g in excluded):
            score.ignored += 1
            errors["ignored"].append((p, next(g for g in excluded if _overlap(p.start, p.end, g.start, g.end))))
        elif any(u.type == p.type for u in near) or (near and not typed):
            errors["duplicate"].append((p, near[0]))
        elif near:
            errors["wrong_type"].append((p, near[0]))
        else:
            errors["false"].append((p, None))
    errors["missed"] = [(None, u) for i, u in enumerate(units) if i not in taken]
    return score, errors


def actor_right(record: Record, prediction: Prediction, unit: Unit) -> bool | None:
    """None when the gold names no actor argument; else whether an actor entity of the event
    overlaps one of the gold actor arguments or shares a content word with it."""
    gold = [a for g in unit.mentions for a in g.actors]
    if not gold:
        return None
    event = next((v for v in record.events if v.id == prediction.event), None)
    if event is None:
        return False
    by_id = {e.id: e for e in record.entities}
    for i in event.actor:
        e = by_id.get(i)
        if e is None:
            continue
        names = entity_name_words(e)
        for s, t, text in gold:
            if any(_overlap(m.start, m.end, s, t) for m in e.mentions) or names & words(text):
                return True
    return False


def _sentence(doc: Document, at: int) -> str:
    for s, e in doc.sentence_spans:
        if s <= at < e:
            return doc.text[s:e]
    return ""


def _context(doc: Document, start: int, end: int, width: int = 90) -> str:
    sent = _sentence(doc, start)
    if not sent:
        return doc.text[max(0, start - width):end + width]
    s0 = next(s for s, e in doc.sentence_spans if s <= start < e)
    a, b = start - s0, end - s0
    lo = max(0, a - width)
    return ("…" if lo else "") + sent[lo:a] + "[" + sent[a:b] + "]" + sent[b:b + width] + (
        "…" if b + width < len(sent) else "")


def _error_rows(doc: Document, errors: dict, record: Record | None = None) -> list[dict]:
    rows = []
    events = {v.id: v for v in record.events} if record is not None else {}
    for cls in ("wrong_type", "duplicate", "false", "missed", "ignored"):
        for p, u in errors[cls]:
            where = p if p is not None else u
            row = {"doc": doc.id, "class": cls, "context": _context(doc, where.start, where.end)}
            if p is not None:
                row.update({"predicted": p.type, "trigger": p.text, "kind": p.kind, "event": p.event})
                event = events.get(p.event)
                if event is not None:
                    row.update({"confidence": event.confidence, "mode": event.mode,
                                "flags": [f for f in ("historical", "future", "hypothetical", "negated")
                                          if getattr(event, f)]})
            elif record is not None:  # a missed gold trigger inside what an event reports, with no trigger of its own
                row["inside_event"] = next((v.id for v in record.events for sp in (v.evidence, *v.mentions)
                                            if sp.start <= where.start and where.end <= sp.end), None)
            if isinstance(u, Unit):
                row.update({"gold": u.type or u.mentions[0].plover, "gold_trigger": u.text,
                            "kairos": sorted({g.kairos for g in u.mentions})})
            elif isinstance(u, GoldMention):
                row.update({"gold_excluded": u.kairos, "reason": u.reason})
            rows.append(row)
    return rows


def _halves(ids: list[str]) -> dict[str, set[str]]:
    ids = sorted(ids)
    k = (len(ids) + 1) // 2
    return {"A": set(ids[:k]), "B": set(ids[k:])}


def score_all(docs: list[Document], predictions: dict[str, list[Prediction]]) -> dict:
    """Typed and detection figures over `docs`, overall and per half."""
    halves = _halves([d.id for d in docs])
    out: dict = {}
    for label, members in (("all", {d.id for d in docs}), *halves.items()):
        typed, detect = Score(), Score()
        for d in docs:
            if d.id not in members:
                continue
            typed.add(score_document(d, predictions[d.id], typed=True)[0])
            detect.add(score_document(d, predictions[d.id], typed=False)[0])
        out[label] = {**typed.figures("typed_"), **detect.figures("detection_"),
                      "gold_units": typed.gold, "detection_units": detect.gold,
                      "predicted": typed.predicted, "ignored": typed.ignored, "paired": typed.paired,
                      "documents": len(members)}
    return out


def per_type(docs: list[Document], predictions: dict[str, list[Prediction]]) -> dict:
    counts: dict[str, Counter] = {t: Counter() for t in PLOVER_TYPES}
    for d in docs:
        _, errors = score_document(d, predictions[d.id], typed=True)
        for p, _u in errors["paired"]:
            counts[p.type]["tp"] += 1
        for cls in ("wrong_type", "duplicate", "false"):
            for p, _ in errors[cls]:
                counts[p.type]["fp"] += 1
        for _, u in errors["missed"]:
            counts[u.type]["fn"] += 1
    out = {}
    for t, c in counts.items():
        if not sum(c.values()):
            continue
        s = Score(predicted=c["tp"] + c["fp"], paired=c["tp"], gold=c["tp"] + c["fn"])
        out[t] = {"gold": s.gold, "predicted": s.predicted, "paired": s.paired,
                  **{k.split("_")[-1]: v for k, v in s.figures("").items()}}
    return out


def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None) -> dict:
    from ..ingest import InputDocument
    from ..pipeline import default_pipeline

    paths = [Path(p) for p in paths]
    data = [p for p in paths if p.suffix != ".tsv"]
    maps = [p for p in paths if p.suffix == ".tsv"]
    mapping_path = maps[0] if maps else next((p.parent / MAPPING_NAME for p in data
                                              if (p.parent / MAPPING_NAME).exists()), None)
    if mapping_path is None:
        raise FileNotFoundError(f"no {MAPPING_NAME} given or beside {', '.join(map(str, data))}")
    mapping = read_mapping(mapping_path)
    docs: list[Document] = []
    for p in data:
        docs += read_documents(p, mapping)

    pipeline = pipeline or default_pipeline()
    items = [InputDocument(d.text, source=d.id, input_id=d.id, raw=True, format="text") for d in docs]
    records: dict[str, Record | None] = {}
    failed = []
    for d, result in zip(docs, pipeline.process(items), strict=True):
        if isinstance(result, Record):
            assert result.text == d.text, f"{d.id}: the record's text is not the text given"
            records[d.id] = result
        else:
            records[d.id] = None
            failed.append(d.id)

    system = {d.id: record_predictions(records[d.id]) if records[d.id] else [] for d in docs}
    triggers_only = {d.id: record_predictions(records[d.id], mention_triggers=False) if records[d.id] else []
                     for d in docs}
    baseline_preds = {d.id: keyword_predictions(d.text) for d in docs}

    mapped = {row.plover for row in mapping if row.plover}
    within = {k: [p for p in v if p.type in mapped] for k, v in system.items()}
    scores = score_all(docs, system)
    only = score_all(docs, triggers_only)["all"]
    within_scores = score_all(docs, within)["all"]
    base = score_all(docs, baseline_preds)

    errors: list[dict] = []
    actor_scored = actor_ok = 0
    for d in docs:
        _, errs = score_document(d, system[d.id], typed=True)
        rec = records[d.id]
        errors += _error_rows(d, errs, rec)
        for p, u in errs["paired"]:
            ok = actor_right(rec, p, u) if rec is not None else None
            if ok is not None:
                actor_scored += 1
                actor_ok += ok
    error_counts = Counter(e["class"] for e in errors)

    all_ = scores["all"]
    metrics = {
        "documents": len(docs),
        **{k: all_[k] for k in ("typed_f1", "typed_precision", "typed_recall",
                                "detection_f1", "detection_precision", "detection_recall")},
        "gold_units": all_["gold_units"],
        "actor_right": round(actor_ok / actor_scored, 4) if actor_scored else 0.0,
    }
    baseline = {k: base["all"][k] for k in ("typed_f1", "typed_precision", "typed_recall",
                                            "detection_f1", "detection_precision", "detection_recall")}
    excluded = Counter((g.kairos.split(".")[0] + "." + g.kairos.split(".")[1] if "." in g.kairos else g.kairos,
                        g.reason) for d in docs for g in d.mentions if g.plover is None)
    return {
        "metrics": metrics, "baseline": baseline,
        "halves": {h: {"documents": sorted(m), "scores": scores[h], "baseline": base[h]}
                   for h, m in _halves([d.id for d in docs]).items()},
        "per_type": per_type(docs, system), "baseline_per_type": per_type(docs, baseline_preds),
        "error_counts": dict(error_counts), "actor_scored": actor_scored,
        "predicted": all_["predicted"], "ignored": all_["ignored"], "paired": all_["paired"],
        "trigger_only": {k: only[k] for k in ("typed_f1", "typed_precision", "typed_recall", "detection_f1")},
        "mapped_types_only": {"types": sorted(mapped), **{k: within_scores[k] for k in (
            "typed_f1", "typed_precision", "typed_recall", "predicted")}},
        "excluded_mentions": {f"{k} ({r})": n for (k, r), n in sorted(excluded.items())},
        "trigger_text_mismatches": sum(d.trigger_text_mismatches for d in docs),
        "failed": failed, "mapping": str(mapping_path), "errors": errors,
    }


def format_report(report: dict) -> str:
    m, b = report["metrics"], report["baseline"]
    lines = [
        f"documents {m['documents']}  gold units {m['gold_units']}  predictions {report['predicted']} "
        f"({report['ignored']} on excluded gold mentions, ignored; {report['paired']} paired)"
        + (f"  failed: {', '.join(report['failed'])}" if report["failed"] else ""),
        f"typed F1      {m['typed_f1']:.3f}  (P {m['typed_precision']:.3f}  R {m['typed_recall']:.3f})   "
        f"keyword baseline {b['typed_f1']:.3f}  (P {b['typed_precision']:.3f}  R {b['typed_recall']:.3f})",
        f"detection F1  {m['detection_f1']:.3f}  (P {m['detection_precision']:.3f}  R {m['detection_recall']:.3f})   "
        f"keyword baseline {b['detection_f1']:.3f}",
        f"events' own triggers only (mention triggers left out): typed F1 {report['trigger_only']['typed_f1']:.3f}, "
        f"detection F1 {report['trigger_only']['detection_f1']:.3f}",
        f"predictions of the types the mapping gives only ({len(report['mapped_types_only']['types'])} of 16; "
        f"{report['mapped_types_only']['predicted']} predictions): typed F1 {report['mapped_types_only']['typed_f1']:.3f} "
        f"(P {report['mapped_types_only']['typed_precision']:.3f})",
        f"actor right {m['actor_right']:.3f} over {report['actor_scored']} typed pairs whose gold names an actor",
    ]
    for h, r in report["halves"].items():
        s, bb = r["scores"], r["baseline"]
        lines.append(f"half {h} ({s['documents']} documents): typed F1 {s['typed_f1']:.3f}, detection F1 "
                     f"{s['detection_f1']:.3f}; baseline {bb['typed_f1']:.3f}, {bb['detection_f1']:.3f}")
    lines.append("false positives by class: " + ", ".join(
        f"{k} {report['error_counts'].get(k, 0)}" for k in ("wrong_type", "duplicate", "false"))
        + f"; missed {report['error_counts'].get('missed', 0)}")
    lines.append("per type:  gold  pred  P     R     F1    (keyword baseline F1)")
    for t, s in report["per_type"].items():
        bf = report["baseline_per_type"].get(t, {}).get("f1", 0.0)
        lines.append(f"  {t:<10} {s['gold']:>4} {s['predicted']:>5}  {s['precision']:.2f}  {s['recall']:.2f}  "
                     f"{s['f1']:.2f}  ({bf:.2f})")
    if report["trigger_text_mismatches"]:
        lines.append(f"warning: {report['trigger_text_mismatches']} gold triggers do not read as their text")
    return "\n".join(lines)
