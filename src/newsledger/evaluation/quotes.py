"""Quote attribution against brat-standoff data in the PolNeAR layout (direct quotes).

The corpus folder holds `text/NAME.txt` (the article, headline first) and
`attributions/NAME_ANNOTATOR.ann` (brat standoff: `T` lines are Source, Cue and
Content spans, possibly discontinuous `a b;c d`; `E` lines tie them into one
attribution, `Attribution:` or `Attribution-no-source:`, with `Content2:` ... for
extra content parts). A text annotated by several annotators (the agreement
articles) is scored once, against the first annotation file in name order.

What is scored (the task the PolNeAR README of the shared set defines):
- gold direct quotes are the Content spans whose first character (in text order,
  over all of their fragments) is a quote mark: " “ ” „ ‟ « » ‘ ’ ‚ ‛ ' (which
  covers the doubled apostrophes '' some archives print for quotation marks);
  their speaker is the attribution's Source span (a few have none: they count for
  quote P/R but not for speaker accuracy);
- predicted quotes are the record's quotes of kind "direct" (mixed and indirect
  ones are reported speech, not direct quotes); textacy's `direct_quotations`,
  run on the same spaCy parse, is the baseline. textacy raises on an odd number
  of quote marks: such a document counts as no output for the baseline (its gold
  quotes are misses), and the number of such documents is reported.

Matching, the same for both systems:
- words are maximal runs of word characters (`\\w+`), so quote marks and
  punctuation never decide a match. A predicted quote matches a gold quote when
  they share at least one word. Quote precision is the share of predicted quotes
  that match some gold quote, recall the share of gold quotes matched by some
  prediction (two linked parts of a split quote may both match the one gold
  split quote; a prediction that swallows two gold quotes matches both, which the
  word-level figures below expose);
- the speaker of a matched gold quote is judged on the prediction that shares the
  most words with it. It is right when
  (a) the words the prediction names as speaker (our `speaker_span`, textacy's
      speaker tokens) share a word with the gold Source span, or
  (b) (ours only; textacy has no entities) the predicted speaker entity has a
      mention that shares a word with the gold Source span: the gold source words
      are a mention of the entity we named, e.g. a gold Source "he" that our
      record resolves to the entity whose speaker_text is "Mr. Smith" at another
      cue. A resolution error there costs us, never the gold.
  Speaker accuracy is over matched gold quotes that have a Source.
- end-to-end: a gold quote counts when it is matched and its speaker is right; a
  predicted quote counts when it matches a gold quote (the one it shares most
  words with) whose speaker it names rightly. End-to-end F1 is their F1.
- word-level precision/recall/F1 (micro, over every word inside a predicted or
  gold direct quote) are reported beside, for the extent of the spans;
- both systems are also scored over only the documents textacy accepts
  (`accepted_only`), to separate its refusals from its extraction quality.

Entity-level speakers (`speaker_entity_accuracy`, ours only). The span rules above
accept a speaker whose words overlap the gold Source ("he" for "he"), whoever the
entity behind them is. This figure asks whether the speaker entity of the record is
the person the gold Source refers to. The gold Source is resolved to a referent by the
article's own words and the annotators' spans, with these rules (newsledger-independent,
in `referents.resolve_sources`):
- a Source that names someone: its head name is the run of capitalised words that ends
  its first part (the text before the first comma, bracket, dash, or " of ", " who ",
  " at "...), without what stands before the last title or honorific, leading
  determiners and sentence-initial function words, and trailing "Jr."
  ("Holm campaign spokesman Ola Berg" -> Ola Berg, "Ohio Sen.
  Eva Dahl" -> Eva Dahl, "Mr. Holm" -> Holm); when that first part is
  a description or a bare title and the next part is a name, the name ("Another critic,
  Karl J. Lind", "Secretary of State Per Moen"). A one-word name the text
  also writes in lower case at the start of the Source is a common noun ("Critics").
  A name of one word is completed by the full name (two words or more) ending in it
  that the text writes (the nearest earlier writing, else the first later one) when
  the text gives only one such full name that an honorific's gender allows ("Holm" ->
  Anders Holm); with two ("Eva Lund", "Olof Lund") the surname stays alone;
- "he"/"she" (him, his, her): the nearest earlier Source of the same annotation that
  names someone whose gender does not contradict the pronoun; a name's gender comes
  from an honorific in the Source, else from the first name (`data/first_names.tsv`,
  US Social Security baby-name counts), else from honorifics before the surname in the
  text ("Mr. Clarke") when they agree;
- "it"/"they"/"which": the nearest earlier Source that names something with no gender
  (an organisation, a publication);
- "who": the name written right before it ("Holm, who");
- a description ending in a title ("the president") whose title the text writes before
  a name earlier on ("President Holm"): that name;
- a Source holding only a reporting verb ("said": an annotation slip) is left out of
  the figure (counted as `slip`);
- anything else (descriptions, "I") refers to no named referent: the gold speaker is
  unnamed.
A resolved referent is matched when the record's speaker entity, by its fullest name
(its name or its longest capitalised mention), ends in the referent's last word and
either one name ends the other ("Holm", "Ruiz Ortega") or both start with the
same first name ("Anders J. Holm" for Anders Holm); an organisation also matches by
the start of its name ("Nordkraft" for Nordkraft Energy). An unnamed referent is matched
when the record leaves the speaker null or names an entity one of whose mentions
overlaps the gold Source span (the description itself). The figure is over the matched
gold quotes whose Source is not a slip, judged on the same prediction as the span
rules; it is reported for the two halves of the documents by sorted name too.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..stages.base import Stage
from .referents import UNNAMED, Referent, entity_matches, resolve_sources

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Pipeline

TITLE = "Quotes: direct quotes and their speakers (PolNeAR layout, brat standoff)"

QUOTE_CHARS = "\"“”„‟«»‘’‚‛'`"
_WORD = re.compile(r"\w+")

Spans = tuple[tuple[int, int], ...]


@dataclass
class GoldQuote:
    content: Spans
    source: Spans | None


@dataclass
class GoldDoc:
    name: str
    text: str
    quotes: list[GoldQuote]
    annotation: str = ""
    # the Source spans of every attribution of the annotation (any kind), for the referent rules
    sources: tuple[Spans, ...] = ()


@dataclass
class Predicted:
    content: Spans
    speaker: Spans = ()
    # character spans of every mention of the predicted speaker entity (ours only)
    entity_mentions: Spans = ()
    # the speaker entity's name and its capitalised mentions (ours only; () when speaker is null)
    entity_names: tuple[str, ...] = ()
    entity_is_person: bool = True


# --- reading the corpus ---------------------------------------------------------------------

def _parse_ann(text: str) -> tuple[dict[str, tuple[str, Spans]], list[dict[str, str]]]:
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                nums = frag.split()
                if len(nums) == 2:
                    frags.append((int(nums[0]), int(nums[1])))
            spans[parts[0]] = (label, tuple(sorted(frags)))
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            roles = {}
            for item in parts[1].split():
                role, _, tid = item.partition(":")
                roles[role] = tid
            events.append(roles)
    return spans, events


def read_document(text_path: Path, ann_path: Path) -> GoldDoc:
    text = text_path.read_text(encoding="utf-8").replace("\r\n", "\n")
    spans, events = _parse_ann(ann_path.read_text(encoding="utf-8"))
    quotes = []
    sources = []
    for roles in events:
        src = spans.get(roles.get("Source", ""))
        if src and src[1]:
            sources.append(src[1])
        content: list[tuple[int, int]] = []
        for role, tid in roles.items():
            if role.startswith("Content") and tid in spans:
                content.extend(spans[tid][1])
        if not content:
            continue
        content.sort()
        first = text[content[0][0]:content[0][1]].lstrip()
        if not first or first[0] not in QUOTE_CHARS:
            continue
        src = spans.get(roles.get("Source", ""))
        quotes.append(GoldQuote(tuple(content), src[1] if src else None))
    return GoldDoc(text_path.stem, text, quotes, ann_path.name, tuple(sources))


def _corpus_folders(paths: list[Path]) -> list[Path]:
    folders = []
    for p in paths:
        p = Path(p)
        if p.is_dir() and (p / "text").is_dir() and (p / "attributions").is_dir():
            folders.append(p)
        elif p.is_file() and p.parent.name in ("text", "attributions"):
            folders.append(p.parent.parent)
    return list(dict.fromkeys(folders))


def read_corpus(paths: list[Path]) -> list[GoldDoc]:
    """Every annotated text under the corpus folders named by `paths` (folders or their files)."""
    docs = []
    wanted = {Path(p).stem.rsplit("_", 1)[0] if Path(p).suffix == ".ann" else Path(p).stem
              for p in paths if Path(p).is_file()}
    for folder in _corpus_folders(paths):
        anns: dict[str, Path] = {}
        for ann in sorted((folder / "attributions").glob("*.ann")):
            stem = ann.stem.rsplit("_", 1)[0]  # NAME_ANNOTATOR
            anns.setdefault(stem, ann)
        for text_path in sorted((folder / "text").glob("*.txt")):
            if wanted and text_path.stem not in wanted:
                continue
            ann = anns.get(text_path.stem)
            if ann is not None:
                docs.append(read_document(text_path, ann))
    return docs


def default_inputs(shared: Path) -> list[Path]:
    """The PolNeAR dev folder (a folder stands for every file under it)."""
    folder = shared / "eval" / "quotes" / "polnear-dev"
    return [folder] if (folder / "text").is_dir() and (folder / "attributions").is_dir() else []


# --- scoring ----------------------------------------------------------------------------------

def _words(text: str, spans: Spans) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        out.update(m.start() for m in _WORD.finditer(text, a, b))
    return out


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    pred_matched: int = 0
    gold_matched: int = 0
    with_source: int = 0
    speaker_right: int = 0
    entity_right: int = 0
    entity_scored: int = 0
    # gold Sources of matched quotes by how the referent rules resolved them
    referents: dict[str, int] = field(default_factory=dict)
    pred_e2e: int = 0
    gold_e2e: int = 0
    words_pred: int = 0
    words_gold: int = 0
    words_both: int = 0
    misses: list[str] = field(default_factory=list)
    entity_misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("predicted", "gold", "pred_matched", "gold_matched", "with_source", "speaker_right",
                     "entity_right", "entity_scored", "pred_e2e", "gold_e2e", "words_pred", "words_gold", "words_both"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, n in other.referents.items():
            self.referents[kind] = self.referents.get(kind, 0) + n
        self.misses.extend(other.misses)
        self.entity_misses.extend(other.entity_misses)

    def metrics(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        p, r = ratio(self.pred_matched, self.predicted), ratio(self.gold_matched, self.gold)
        ep, er = ratio(self.pred_e2e, self.predicted), ratio(self.gold_e2e, self.gold)
        wp, wr = ratio(self.words_both, self.words_pred), ratio(self.words_both, self.words_gold)
        return {
            "quote_precision": round(p, 4), "quote_recall": round(r, 4), "quote_f1": round(f1(p, r), 4),
            "speaker_accuracy": round(ratio(self.speaker_right, self.with_source), 4),
            "speaker_entity_accuracy": round(ratio(self.entity_right, self.entity_scored), 4),
            "e2e_precision": round(ep, 4), "e2e_recall": round(er, 4), "e2e_f1": round(f1(ep, er), 4),
            "word_precision": round(wp, 4), "word_recall": round(wr, 4), "word_f1": round(f1(wp, wr), 4),
        }


def _speaker_right(text: str, pred: Predicted, source: Spans) -> bool:
    gold_words = _words(text, source)
    if _words(text, pred.speaker) & gold_words:
        return True
    return any(_words(text, (m,)) & gold_words for m in pred.entity_mentions)


def _entity_right(text: str, pred: Predicted, source: Spans, ref: Referent) -> bool:
    if ref.named:
        return entity_matches(ref, pred.entity_names, pred.entity_is_person)
    # nobody named: right when we name nobody, or name the description itself
    return not pred.entity_names or any(a < source[-1][1] and source[0][0] < b for a, b in pred.entity_mentions)


def score_document(doc: GoldDoc, predicted: list[Predicted], *, keep_misses: bool = False,
                   entities: bool = True) -> Tally:
    text = doc.text
    referents = resolve_sources(text, doc.sources or [g.source for g in doc.quotes if g.source]) if entities else {}
    t = Tally(predicted=len(predicted), gold=len(doc.quotes))
    gold_words = [_words(text, g.content) for g in doc.quotes]
    pred_words = [_words(text, p.content) for p in predicted]
    all_gold = set().union(*gold_words) if gold_words else set()
    all_pred = set().union(*pred_words) if pred_words else set()
    t.words_gold, t.words_pred, t.words_both = len(all_gold), len(all_pred), len(all_gold & all_pred)

    def show(spans: Spans, n: int = 70) -> str:
        s = " … ".join(text[a:b] for a, b in spans)
        return repr(s[:n] + ("…" if len(s) > n else ""))

    for pi, pw in enumerate(pred_words):
        overlaps = [(len(pw & gw), gi) for gi, gw in enumerate(gold_words) if pw & gw]
        if not overlaps:
            if keep_misses:
                t.misses.append(f"{doc.name}: extra {show(predicted[pi].content)}")
            continue
        t.pred_matched += 1
        gi = max(overlaps)[1]
        src = doc.quotes[gi].source
        if src and _speaker_right(text, predicted[pi], src):
            t.pred_e2e += 1
    for gi, gw in enumerate(gold_words):
        overlaps = [(len(pw & gw), pi) for pi, pw in enumerate(pred_words) if pw & gw]
        gold = doc.quotes[gi]
        if not overlaps:
            if keep_misses:
                t.misses.append(f"{doc.name}: missed {show(gold.content)}")
            continue
        t.gold_matched += 1
        if gold.source is None:
            continue
        t.with_source += 1
        pred = predicted[max(overlaps)[1]]
        if _speaker_right(text, pred, gold.source):
            t.speaker_right += 1
            t.gold_e2e += 1
        elif keep_misses:
            t.misses.append(f"{doc.name}: speaker of {show(gold.content, 40)}: gold {show(gold.source, 40)}, "
                            f"predicted {show(pred.speaker, 40)}")
        if not entities:
            continue
        ref = referents.get(gold.source, UNNAMED)
        t.referents[ref.kind] = t.referents.get(ref.kind, 0) + 1
        if ref.kind == "slip":
            continue  # the Source span holds only the cue word: no referent to judge
        t.entity_scored += 1
        if _entity_right(text, pred, gold.source, ref):
            t.entity_right += 1
        elif keep_misses:
            ours = pred.entity_names[0] if pred.entity_names else None
            t.entity_misses.append(f"{doc.name}: speaker of {show(gold.content, 40)}: gold {show(gold.source, 30)} "
                                   f"-> {ref.name or '(unnamed)'!r} [{ref.kind}], predicted entity {ours!r} "
                                   f"(words {show(pred.speaker, 30)})")
    return t


# --- running the pipeline and the baseline ------------------------------------------------

class _TextacyObserver(Stage):
    """Runs textacy's direct_quotations on each document's parse (no work of its own)."""

    name = "quotes-baseline-observer"
    reads = ("doc",)
    writes = ()

    def __init__(self) -> None:
        self.quotes: dict[str | None, list[Predicted] | None] = {}

    def __call__(self, document: Document) -> None:
        from textacy.extract.triples import direct_quotations

        assert document.doc is not None
        try:
            found = [Predicted(((q.content.start_char, q.content.end_char),),
                               tuple((t.idx, t.idx + len(t.text)) for t in q.speaker))
                     for q in direct_quotations(document.doc)]
        except ValueError:  # odd number of quote marks: textacy refuses the document
            found = None
        self.quotes[document.article.input_id] = found


def _is_name(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0][:1].isupper() and words[-1][:1].isupper() and text.casefold() not in (
        "he", "she", "him", "his", "her", "it", "they", "i", "we")


def _predicted_from_record(record) -> list[Predicted]:
    mentions = {e.id: tuple((m.start, m.end) for m in e.mentions) for e in record.entities}
    # the entity's name and the mentions that are names (first and last word capitalised: not
    # "he", not a role description such as "the Norwegian president")
    names = {e.id: (e.name, *(m.text for m in e.mentions if _is_name(m.text))) for e in record.entities}
    persons = {e.id for e in record.entities if e.type == "PERSON"}
    out = []
    for q in record.quotes:
        if q.kind != "direct":
            continue
        speaker = ((q.speaker_span.start, q.speaker_span.end),) if q.speaker_span else ()
        out.append(Predicted(((q.start, q.end),), speaker, mentions.get(q.speaker or "", ()),
                             names.get(q.speaker or "", ()), q.speaker in persons))
    return out


def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None) -> dict:
    from ..ingest import InputDocument
    from ..model import Record
    from ..pipeline import Pipeline, default_pipeline

    docs = read_corpus([Path(p) for p in paths])
    base = pipeline or default_pipeline()
    try:
        observer: _TextacyObserver | None = _TextacyObserver()
        import textacy.extract.triples  # noqa: F401
    except ImportError:  # the eval extra is not installed: no baseline
        observer = None
    stages = [*base.stages, observer] if observer is not None else list(base.stages)
    run = Pipeline(nlp=base.nlp, stages=stages, settings=base.settings)
    items = [InputDocument(d.text, source=d.name, input_id=d.name, raw=True, format="text") for d in docs]
    t0 = time.monotonic()
    results = list(run.process(items))
    seconds = time.monotonic() - t0

    ours, theirs = Tally(), Tally()
    ours_accepted, theirs_accepted = Tally(), Tally()  # only the documents textacy accepts
    halves = (Tally(), Tally())  # the documents by sorted name: first half (A), second half (B)
    order = {d.name: n for n, d in enumerate(sorted(docs, key=lambda d: d.name))}
    failed: list[str] = []
    baseline_failed = 0
    kinds = {"direct": 0, "indirect": 0, "mixed": 0}
    warned = 0
    for doc, result in zip(docs, results, strict=True):
        if isinstance(result, Record):
            predicted = _predicted_from_record(result)
            for q in result.quotes:
                kinds[q.kind] = kinds.get(q.kind, 0) + 1
            warned += any(w.code.startswith("unbalanced") for w in result.warnings)
        else:
            failed.append(f"{doc.name}: {result.error.code}: {result.error.message}")
            predicted = []
        mine = score_document(doc, predicted, keep_misses=True)
        ours.add(mine)
        halves[order[doc.name] >= (len(docs) + 1) // 2].add(mine)
        if observer is not None:
            found = observer.quotes.get(doc.name)
            if found is None:
                baseline_failed += 1
            other = score_document(doc, found or [], entities=False)
            theirs.add(other)
            if found is not None:
                ours_accepted.add(mine)
                theirs_accepted.add(other)

    report: dict = {
        "metrics": ours.metrics(),
        "counts": {"documents": len(docs), "gold_quotes": ours.gold, "predicted": ours.predicted,
                   "gold_with_source": sum(1 for d in docs for g in d.quotes if g.source), "documents_failed": len(failed),
                   "documents_with_unbalanced_marks": warned, "quotes_by_kind": kinds},
        "docs_per_second": round(len(docs) / seconds, 2) if seconds else None,
        "failed": failed,
        "misses": ours.misses,
        "entity_misses": ours.entity_misses,
        "referents": dict(sorted(ours.referents.items())),
        "halves": {"A": _half(halves[0]), "B": _half(halves[1])},
    }
    if observer is not None:
        report["baseline"] = _without_entities(theirs.metrics())
        report["baseline_name"] = "textacy.extract.triples.direct_quotations (same parse)"
        report["baseline_counts"] = {"predicted": theirs.predicted, "documents_refused": baseline_failed}
        # beside: both systems over the documents textacy accepts (an odd number of quote marks
        # makes it refuse a document; there it has no output at all)
        report["accepted_only"] = {"documents": len(docs) - baseline_failed, "gold_quotes": ours_accepted.gold,
                                   "metrics": ours_accepted.metrics(),
                                   "baseline": _without_entities(theirs_accepted.metrics())}
    return report


def _without_entities(metrics: dict[str, float]) -> dict[str, float]:
    """A baseline with no entities has no entity-level figure."""
    return {k: v for k, v in metrics.items() if k != "speaker_entity_accuracy"}


def _half(t: Tally) -> dict:
    m = t.metrics()
    return {"gold_with_source": t.with_source, "entity_scored": t.entity_scored, **{k: m[k] for k in ("quote_f1", "speaker_accuracy",
                                                                   "speaker_entity_accuracy")}}


def format_report(report: dict) -> str:
    m, b = report["metrics"], report.get("baseline")
    c = report["counts"]
    lines = [f"{c['documents']} documents, {c['gold_quotes']} gold direct quotes "
             f"({c['gold_with_source']} with a source); we predict {c['predicted']} direct quotes"]
    if b is not None:
        bc = report["baseline_counts"]
        lines.append(f"baseline: {report['baseline_name']}: {bc['predicted']} quotes; "
                     f"it refused {bc['documents_refused']} documents (odd number of quote marks), "
                     f"counted as no output")
    lines.append(f"{'metric':<23} {'newsledger':>10} {'textacy':>9}")
    for k, v in m.items():
        other = f"{b[k]:>9.3f}" if b is not None and k in b else ""
        lines.append(f"{k:<23} {v:>10.3f} {other}")
    halves = report.get("halves")
    if halves:
        lines.append("by half of the documents (sorted by name): " + "; ".join(
            f"{h} ({v['gold_with_source']} sources): quote_f1 {v['quote_f1']:.3f}, speaker_accuracy "
            f"{v['speaker_accuracy']:.3f}, speaker_entity_accuracy {v['speaker_entity_accuracy']:.3f}"
            for h, v in halves.items()))
    if report.get("referents"):
        lines.append(f"gold Sources of matched quotes by referent rule: {report['referents']}")
    acc = report.get("accepted_only")
    if acc is not None:
        keys = ("quote_f1", "speaker_accuracy", "e2e_f1")
        lines.append(f"over the {acc['documents']} documents textacy accepts ({acc['gold_quotes']} gold quotes): "
                     + ", ".join(f"{k} {acc['metrics'][k]:.3f} vs {acc['baseline'][k]:.3f}" for k in keys))
    lines.append(f"quotes by kind: {c['quotes_by_kind']}; documents with unbalanced-mark warnings: "
                 f"{c['documents_with_unbalanced_marks']}; {report['docs_per_second']} docs/s")
    for f in report["failed"]:
        lines.append(f"  failed: {f}")
    if report["misses"]:
        lines.append(f"first of {len(report['misses'])} differences:")
        lines.extend(f"  - {x}" for x in report["misses"][:25])
    if report.get("entity_misses"):
        lines.append(f"first of {len(report['entity_misses'])} speaker entities that are not the gold referent:")
        lines.extend(f"  - {x}" for x in report["entity_misses"][:25])
    return "\n".join(lines)
