"""Cross-article grouping vs. incidents reported by several articles (eval/dedup/gvc-dev).

The gold is a JSON Lines file of articles, `{"id", "text", "published", "incident"}`:
articles of the same incident report one happening. The articles go, without their
`incident`, through `newsledger ingest` into a fresh temporary store (the real
pipeline, the store's knowledge base and the ledger's grouping). Two articles are
**linked** when they share at least one ledger event: of type ASSAULT for the main
figures (`assault_*`), of any type for the second ones (`any_*`).

Figures, for each of the two link kinds:
- pairwise precision, recall and F1 over unordered article pairs (gold pairs: the pairs
  of articles of one incident); precision is None when nothing is linked;
- B-cubed precision, recall and F1 over articles, clustering them by the transitive
  closure of the links (singletons included), against the incidents.

Baselines scored in the same run: every article alone, and "same publication day = same
incident".

Halves: the incidents are split in two by a hash of their id (`half_of`). Each half is
scored by grouping the reports of its articles alone (`dedup.group_reports`, the same
relation the ledger applies): what ingesting only that half would give. Grouping rules
are written looking at half A; half B confirms them.

For the developer: with `NEWSLEDGER_DEDUP_RECORDS=FILE` set, the extracted records are
written to FILE on the first run and read from it (no extraction) on the next ones, so
that grouping can be iterated on in seconds. The figures of record never use it.
`missed` counts the gold pairs no ledger event links, by the first check that kept them
apart (`explain_pair`), for the lead's view of what extraction misses.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..store.backend import Store

TITLE = "cross-article grouping vs. gun-violence incidents (eval/dedup/gvc-dev)"
CACHE_ENV = "NEWSLEDGER_DEDUP_RECORDS"
KINDS = ("assault", "any")


def default_inputs(shared: Path) -> list[Path]:
    p = shared / "eval" / "dedup" / "gvc-dev" / "articles.jsonl"
    return [p] if p.is_file() else []


def read_articles(paths: Iterable[Path]) -> list[dict]:
    out = []
    for path in paths:
        with Path(path).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    out.append({"id": str(row["id"]), "text": row["text"], "published": row.get("published"),
                                "incident": str(row["incident"])})
    return out


def half_of(incident: str) -> str:
    """'A' or 'B': a fixed split of incidents by a hash of their id."""
    return "AB"[hashlib.sha256(incident.encode()).digest()[0] % 2]


# --- scores ------------------------------------------------------------------------------------

def _pairs(clusters: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for c in clusters for p in combinations(sorted(set(c)), 2)}


def closure(items: Iterable[str], links: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Clusters of `items` by the transitive closure of `links` (singletons included)."""
    parent = {i: i for i in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = defaultdict(set)
    for i in parent:
        groups[find(i)].add(i)
    return list(groups.values())


def _f1(p: float | None, r: float | None) -> float:
    return 2 * p * r / (p + r) if p and r else 0.0


def score(gold: dict[str, str], links: set[tuple[str, str]]) -> dict:
    """Pairwise and B-cubed figures of predicted `links` over the articles of `gold`
    (article id -> incident)."""
    by_incident: dict[str, set[str]] = defaultdict(set)
    for a, inc in gold.items():
        by_incident[inc].add(a)
    gold_pairs = _pairs(by_incident.values())
    links = {tuple(sorted(p)) for p in links if p[0] in gold and p[1] in gold and p[0] != p[1]}
    clusters = closure(gold, links)
    predicted_pairs = links
    tp = len(predicted_pairs & gold_pairs)
    precision = tp / len(predicted_pairs) if predicted_pairs else None
    recall = tp / len(gold_pairs) if gold_pairs else None
    cluster_of = {a: c for c in clusters for a in c}
    bp = br = 0.0
    for a, inc in gold.items():
        same = cluster_of[a] & by_incident[inc]
        bp += len(same) / len(cluster_of[a])
        br += len(same) / len(by_incident[inc])
    n = len(gold) or 1
    bp, br = bp / n, br / n
    return {"pair_precision": _round(precision), "pair_recall": _round(recall), "pair_f1": round(_f1(precision, recall), 4),
            "bcubed_precision": round(bp, 4), "bcubed_recall": round(br, 4), "bcubed_f1": round(_f1(bp, br), 4),
            "linked_pairs": len(predicted_pairs), "gold_pairs": len(gold_pairs), "true_pairs": tp}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def baselines(articles: list[dict]) -> dict:
    gold = {a["id"]: a["incident"] for a in articles}
    by_day: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        if a.get("published"):
            by_day[a["published"][:10]].append(a["id"])
    return {"alone": score(gold, set()), "same_day": score(gold, _pairs(by_day.values()))}


# --- the ledger's links --------------------------------------------------------------------------

def ledger_links(store: Store, *, event_type: str | None = None) -> set[tuple[str, str]]:
    """Pairs of input ids whose articles share a ledger event (of `event_type`, or any)."""
    members: dict[int, set[str]] = defaultdict(set)
    for input_id, ledger_id, type_ in _report_rows(store):
        if event_type is None or type_ == event_type:
            members[ledger_id].add(input_id)
    return _pairs(members.values())


def _report_rows(store: Store) -> list[tuple[str, int, str]]:
    # Every input document (duplicates of an article too) with the ledger events of its article.
    return [(r[0], r[1], r[2]) for r in store.rows(
        "SELECT d.input_id, e.ledger_event_id, e.type FROM documents d JOIN events e ON e.article_id = d.article_id "
        "WHERE d.input_id IS NOT NULL AND e.ledger_event_id IS NOT NULL")]


def regrouped_links(store: Store, input_ids: set[str], *, event_type: str | None = None) -> set[tuple[str, str]]:
    """The links that grouping only the articles of `input_ids` gives (a store of those alone)."""
    from ..store.dedup import group_reports, load_reports

    article_of = {r[0]: r[1] for r in store.rows("SELECT input_id, article_id FROM documents WHERE input_id IS NOT NULL")}
    inputs_of: dict[int, set[str]] = defaultdict(set)
    for i in input_ids:
        if i in article_of:
            inputs_of[article_of[i]].add(i)
    reports = load_reports(store, sorted(inputs_of))
    members = [{i for r in g if event_type is None or r.type == event_type for i in inputs_of[r.article_id]}
               for g in group_reports(reports)]
    return _pairs(members)


# --- why a gold pair was missed --------------------------------------------------------------

def missed_reasons(store: Store, gold: dict[str, str], links: set[tuple[str, str]],
                   event_type: str = "ASSAULT") -> tuple[Counter, dict[str, list[tuple[str, str]]]]:
    """Every gold pair not linked, by the first check that kept its articles' `event_type`
    reports apart (see `store.dedup.relation`; `split`: linked, but kept in two ledger events
    because other reports of the two tell them apart); with up to five example pairs per reason."""
    from ..store.dedup import explain, load_reports

    article_of = {r[0]: r[1] for r in store.rows("SELECT input_id, article_id FROM documents WHERE input_id IS NOT NULL")}
    reports = defaultdict(list)
    for r in load_reports(store, sorted(set(article_of.values()))):
        if r.type == event_type:
            reports[r.article_id].append(r)
    by_incident: dict[str, list[str]] = defaultdict(list)
    for a, inc in gold.items():
        by_incident[inc].append(a)
    counts: Counter = Counter()
    examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair in sorted(_pairs(by_incident.values()) - links):
        ra, rb = (reports.get(article_of.get(x), []) for x in pair)
        if not ra or not rb:
            reason = "no_event"
        else:
            reason = min((explain(x, y) for x in ra for y in rb), key=_REASON_ORDER.index)
            reason = "split" if reason == "linked" else reason  # linked, but kept apart by a third report
        counts[reason] += 1
        if len(examples[reason]) < 5:
            examples[reason].append(pair)
    return counts, dict(examples)


_REASON_ORDER = ("linked", "identity", "actors", "place", "date", "undated", "polarity", "same_article", "no_event")


# --- the evaluation ------------------------------------------------------------------------------

def _ingest(store: Store, articles: list[dict], workdir: Path, pipeline: Pipeline | None) -> dict:
    from ..store.ingest import ingest_paths, ingest_records, read_record_files

    cache = os.environ.get(CACHE_ENV)
    if cache and Path(cache).is_file():
        return ingest_records(store, read_record_files([cache])).to_dict() | {"from_cache": cache}
    corpus = workdir / "articles.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for a in articles:  # without the incident
            fh.write(json.dumps({"id": a["id"], "text": a["text"], "published": a["published"]},
                                ensure_ascii=False) + "\n")
    options = {}
    if pipeline is not None:
        options = {"nlp": pipeline.nlp, "settings": pipeline.settings}
    report = ingest_paths(store, [str(corpus)], **options).to_dict()
    if cache:
        with open(cache, "w", encoding="utf-8") as fh:
            for (text,) in store.rows("SELECT record FROM articles ORDER BY id"):
                fh.write(text + "\n")
    return report


def evaluate(paths: list[Path], *, pipeline: Pipeline | None = None) -> dict:
    from ..store.opening import open_store

    articles = read_articles(paths)
    gold = {a["id"]: a["incident"] for a in articles}
    halves = {h: {a for a, inc in gold.items() if half_of(inc) == h} for h in "AB"}
    with tempfile.TemporaryDirectory(prefix="newsledger-eval-dedup-") as tmp:
        store = open_store(Path(tmp) / "ledger.db")
        try:
            ingest = _ingest(store, articles, Path(tmp), pipeline)
            results = {}
            for kind in KINDS:
                event_type = "ASSAULT" if kind == "assault" else None
                results[kind] = {"all": score(gold, ledger_links(store, event_type=event_type))}
                for h, ids in halves.items():
                    results[kind][h] = score({a: gold[a] for a in ids},
                                             regrouped_links(store, ids, event_type=event_type))
            missed, examples = missed_reasons(store, gold, ledger_links(store, event_type="ASSAULT"))
            stats = {"assault_reports": store.scalar("SELECT count(*) FROM events WHERE type = 'ASSAULT'"),
                     "articles_with_assault": store.scalar(
                         "SELECT count(DISTINCT article_id) FROM events WHERE type = 'ASSAULT'"),
                     "ledger_events": store.scalar("SELECT count(*) FROM ledger_events"),
                     "ledger_assault_events": store.scalar("SELECT count(*) FROM ledger_events WHERE type = 'ASSAULT'")}
        finally:
            store.close()
    base = baselines(articles)
    metrics = {}
    for kind in KINDS:
        for name, value in results[kind]["all"].items():
            if name.endswith(("precision", "recall", "f1")):
                metrics[f"{kind}_{name}"] = value
        for h in "AB":
            for name in ("pair_precision", "pair_f1", "bcubed_f1"):
                metrics[f"{kind}_{name}_half_{h.lower()}"] = results[kind][h][name]
    metrics["articles"] = len(articles)
    metrics["incidents"] = len(set(gold.values()))
    return {"metrics": metrics, "results": results,
            "baseline": {k: v for k, v in base.items()},
            "halves": {h: {"articles": len(ids), "incidents": len({gold[a] for a in ids})} for h, ids in halves.items()},
            "missed_assault_pairs": dict(missed), "missed_examples": examples,
            "ingest": ingest, "store": stats}


def _fmt(x) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def format_report(report: dict) -> str:
    m = report["metrics"]
    lines = [f"articles {m['articles']}, incidents {m['incidents']}; "
             f"halves A {report['halves']['A']['articles']} / B {report['halves']['B']['articles']} articles",
             f"{'':28}{'pair P':>7}{'pair R':>7}{'pair F1':>8}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}"]

    def row(label: str, s: dict) -> str:
        return (f"{label:28}{_fmt(s['pair_precision'])} {_fmt(s['pair_recall'])} {_fmt(s['pair_f1'])}  "
                f"{_fmt(s['bcubed_precision'])} {_fmt(s['bcubed_recall'])} {_fmt(s['bcubed_f1'])}")

    for kind in KINDS:
        label = "ASSAULT" if kind == "assault" else "any type"
        lines.append(row(f"newsledger, {label}", report["results"][kind]["all"]))
        for h in "AB":
            lines.append(row(f"  half {h}", report["results"][kind][h]))
    lines.append(row("baseline: every article alone", report["baseline"]["alone"]))
    lines.append(row("baseline: same publication day", report["baseline"]["same_day"]))
    st = report.get("store") or {}
    if st.get("assault_reports") is not None:
        lines.append(f"ASSAULT reports {st['assault_reports']} in {st.get('articles_with_assault')} articles, "
                     f"grouped into {st.get('ledger_assault_events')} ledger events")
    missed = report.get("missed_assault_pairs") or {}
    if missed:
        lines.append("missed ASSAULT pairs by what kept them apart: "
                     + ", ".join(f"{k} {v}" for k, v in sorted(missed.items(), key=lambda kv: -kv[1])))
    return "\n".join(lines)
