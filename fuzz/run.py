"""`make fuzz`: every hardening input source, bounded, with one report.

    .venv/bin/python -m fuzz.run [--seconds 300] [--examples 500] [--json fuzz-report.json]

1. the bad-input corpus (fuzz/corpus.py), each document alone, default settings (its
   budget: NEWSLEDGER_TIME_BUDGET, 60 s): results by code, slowest document;
2. attack strings of every regular expression (fuzz/regexes.py; six per pattern, spread
   over its list) inside an article;
3. the Hypothesis property tests (tests/test_property_contract.py) with `--examples`
   examples each;
4. atheris on fuzz/fuzz_ingest_extract.py for `--seconds`, seeded from the corpus.

A crash is an exception out of the pipeline or a result that breaks the contract (an
error code that is not documented, a span that does not quote its text); the report
counts inputs tried, crashes, and timeouts (documents that used up their budget: coded
errors, not crashes). Exit status 1 on any crash.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATTACKS_PER_PATTERN = 6  # of the 30 to 60 each pattern has (all of them: 8,000+ documents)
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def counting_pipeline(**settings):
    from newsledger.config import Settings
    from newsledger.model import ErrorRecord
    from newsledger.pipeline import Pipeline

    class CountingPipeline(Pipeline):
        """Counts what comes out: documents, and error records by code."""

        def __init__(self, **kw):
            super().__init__(**kw)
            self.documents = 0
            self.codes: Counter[str] = Counter()

        def process(self, items):
            for result in super().process(items):
                self.documents += 1
                if isinstance(result, ErrorRecord):
                    self.codes[result.error.code] += 1
                else:
                    self.codes["record"] += 1
                yield result

    return CountingPipeline(settings=Settings(**settings) if settings else Settings())


def run_corpus(report: dict) -> None:
    from fuzz.corpus import cases, write
    from fuzz.targets import ContractBroken, check_result
    from newsledger.ingest import read_inputs

    pipeline = counting_pipeline()
    slowest, crashes = (0.0, ""), []
    with tempfile.TemporaryDirectory() as tmp:
        for case, path in write(Path(tmp), cases()):
            for item in read_inputs([str(path)]):
                t0 = time.monotonic()
                try:
                    for result in pipeline.process([item]):
                        check_result(result)
                except (ContractBroken, Exception) as exc:  # noqa: BLE001 - a crash, reported
                    crashes.append(f"{case.name}: {type(exc).__name__}: {exc}")
                seconds = time.monotonic() - t0
                slowest = max(slowest, (seconds, case.name))
    report["corpus"] = {"documents": pipeline.documents, "results": dict(pipeline.codes), "crashes": crashes,
                        "slowest": {"case": slowest[1], "seconds": round(slowest[0], 2)},
                        "budget_s": pipeline.settings.time_budget}


def run_regex_attacks(report: dict) -> None:
    from fuzz.regexes import all_patterns, attack_documents
    from fuzz.targets import check_result
    from newsledger.ingest import InputDocument
    from newsledger.model import ErrorRecord

    docs = attack_documents(per_pattern=ATTACKS_PER_PATTERN)
    pipeline = counting_pipeline(min_english_ratio=0.0)
    items = [InputDocument(text, input_id=name, raw=True, format="text") for name, text in docs]
    crashes, timeouts = [], []
    t0 = time.monotonic()
    try:
        for item, result in zip(items, pipeline.process(items), strict=True):
            try:
                check_result(result)
            except AssertionError as exc:
                crashes.append(f"{item.input_id}: {exc}")
            if isinstance(result, ErrorRecord) and result.error.code == "timeout":
                timeouts.append(item.input_id)
    except Exception as exc:  # noqa: BLE001 - a crash of the batch, reported
        crashes.append(f"batch: {type(exc).__name__}: {exc}")
    report["regex_attacks"] = {"patterns": len(all_patterns()), "documents": pipeline.documents,
                               "results": dict(pipeline.codes), "timeouts": timeouts, "crashes": crashes,
                               "seconds": round(time.monotonic() - t0, 1)}


def run_properties(report: dict, examples: int) -> None:
    os.environ["NEWSLEDGER_FUZZ_EXAMPLES"] = str(examples)
    import tests.test_property_contract as props  # reads NEWSLEDGER_FUZZ_EXAMPLES when imported

    pipeline = counting_pipeline()
    seed_text = (ROOT / "src" / "newsledger" / "examples" / "seed" / "article.txt").read_text(encoding="utf-8")
    crashes, per_test = [], {}
    for name in sorted(dir(props)):
        if not name.startswith("test_property_"):
            continue
        fn = getattr(props, name)
        before = pipeline.documents
        try:
            fn(pipeline, seed_text) if "seed" in name else fn(pipeline)
        except Exception:  # noqa: BLE001 - a falsified property: reported with its example
            crashes.append(f"{name}: {traceback.format_exc(limit=3)[-1500:]}")
        per_test[name] = pipeline.documents - before
    report["properties"] = {"documents": pipeline.documents, "per_test": per_test, "results": dict(pipeline.codes),
                            "crashes": crashes, "examples_per_test": examples}


def run_atheris(report: dict, seconds: int, out: Path) -> None:
    try:
        import atheris  # noqa: F401
    except ImportError:
        report["atheris"] = {"skipped": "atheris is not installed; the Hypothesis fallback ran in make test"}
        return
    target = ROOT / "fuzz" / "fuzz_ingest_extract.py"
    seeds, work, artifacts = out / "seeds", out / "corpus", out / "artifacts"
    for d in (work, artifacts):
        d.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(target), "--write-seeds", str(seeds), "65536"], check=True)
    proc = subprocess.run([sys.executable, str(target), f"-max_total_time={seconds}", "-timeout=120",
                           "-rss_limit_mb=6144", "-max_len=65536", f"-artifact_prefix={artifacts}/",
                           str(work), str(seeds)], capture_output=True, text=True, cwd=out)
    output = proc.stdout + proc.stderr
    (out / "atheris.log").write_text(output, encoding="utf-8")
    done = re.search(r"Done (\d+) runs in (\d+) second", output)
    cov = re.findall(r"cov: (\d+) ft: (\d+)", output)
    report["atheris"] = {"runs": int(done.group(1)) if done else None, "seconds": int(done.group(2)) if done else None,
                         "coverage": {"edges": int(cov[-1][0]), "features": int(cov[-1][1])} if cov else None,
                         "exit": proc.returncode, "artifacts": sorted(p.name for p in artifacts.iterdir()),
                         "crashes": [] if proc.returncode == 0 else [output[-3000:]], "log": str(out / "atheris.log")}


def summary(report: dict) -> dict:
    tried = report["corpus"]["documents"] + report["regex_attacks"]["documents"] + report["properties"]["documents"]
    tried += report["atheris"].get("runs") or 0
    crashes = sum(len(report[k]["crashes"]) for k in ("corpus", "regex_attacks", "properties", "atheris")
                  if "crashes" in report[k])
    timeouts = (report["corpus"]["results"].get("timeout", 0) + len(report["regex_attacks"]["timeouts"])
                + report["properties"]["results"].get("timeout", 0))
    return {"inputs_tried": tried, "crashes": crashes, "timeouts": timeouts}


def main() -> int:
    parser = argparse.ArgumentParser(description="Bounded fuzzing of ingest + extract, with a report.")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", "300")))
    parser.add_argument("--examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "300")))
    parser.add_argument("--out", default="fuzz-out", help="atheris corpus, artifacts and log")
    parser.add_argument("--json", dest="json_path", default="fuzz-report.json")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    report: dict = {}
    t0 = time.monotonic()
    for step, fn in (("corpus", lambda: run_corpus(report)), ("regex attacks", lambda: run_regex_attacks(report)),
                     ("properties", lambda: run_properties(report, args.examples)),
                     ("atheris", lambda: run_atheris(report, args.seconds, out))):
        t1 = time.monotonic()
        fn()
        print(f"{step}: done in {time.monotonic() - t1:.0f} s", flush=True)
    report["summary"] = {**summary(report), "seconds": round(time.monotonic() - t0)}
    Path(args.json_path).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    s = report["summary"]
    c, r, p, a = report["corpus"], report["regex_attacks"], report["properties"], report["atheris"]
    print(f"bad-input corpus: {c['documents']} documents {c['results']}; slowest {c['slowest']}")
    print(f"regex attacks: {r['patterns']} patterns, {r['documents']} documents {r['results']}; "
          f"timeouts {len(r['timeouts'])}")
    print(f"property tests: {p['documents']} documents ({args.examples} examples per test) {p['results']}")
    print(f"atheris: {a}")
    print(f"inputs tried {s['inputs_tried']:,}; crashes {s['crashes']}; timeouts (coded errors) {s['timeouts']}; "
          f"{s['seconds']} s; report in {args.json_path}")
    return 1 if s["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
