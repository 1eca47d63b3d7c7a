"""atheris (libFuzzer) target: arbitrary bytes through ingest + extract, contract checked.

    .venv/bin/python fuzz/fuzz_ingest_extract.py -max_total_time=60 CORPUS_DIR [SEED_DIR...]
    .venv/bin/python fuzz/fuzz_ingest_extract.py --write-seeds DIR [MAX_BYTES]  # from fuzz/corpus.py
    make fuzz                                                        # the bounded run with a report

The first byte of an input chooses what the rest is given as (raw bytes, text, an HTML
page, a JSON Lines batch, a feed or a web-archive file, see fuzz/targets.py), the second
whether it is raw body text. An exception out of the pipeline, or a result that breaks
the record contract, is a crash: libFuzzer stops and writes the input as an artifact.
libFuzzer's own per-input timeout (-timeout) reports an input that hangs.

The newsledger package is instrumented for coverage (spaCy and the other native code
are not). The pipeline is built once, with a per-document budget of 5 s.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED_LIMIT = 256 * 1024  # bytes: bigger corpus cases are not seeds (libFuzzer's -max_len)


def kind_of(filename: str) -> str:
    name = filename.lower()
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith((".rss", ".xml", ".atom")):
        return "feed"
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    return "bytes"


def write_seeds(directory: Path, limit: int = SEED_LIMIT) -> int:
    from fuzz.corpus import ARTICLE, cases
    from fuzz.targets import KINDS

    directory.mkdir(parents=True, exist_ok=True)
    n = 0
    seeds = [(c.name, kind_of(c.filename), c.data) for c in cases() if not callable(c.content)]
    seeds += [("article-text", "text", ARTICLE.encode()), ("article-bytes", "bytes", ARTICLE.encode("utf-16")),
              ("article-html", "html", ("<html><body><article><p>" + ARTICLE.replace("\n\n", "</p><p>")
                                        + "</p></article></body></html>").encode())]
    for name, kind, data in seeds:
        if len(data) > limit:
            continue
        (directory / name).write_bytes(bytes([KINDS.index(kind), 0]) + data)
        n += 1
    return n


def main() -> None:
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--write-seeds":
        limit = int(sys.argv[3]) if len(sys.argv) == 4 else SEED_LIMIT
        print(f"{write_seeds(Path(sys.argv[2]), limit)} seeds written to {sys.argv[2]}")
        return

    import atheris

    with atheris.instrument_imports(include=["newsledger", "fuzz"]):
        from fuzz.targets import KINDS, run_input
        from newsledger.config import Settings
        from newsledger.pipeline import Pipeline

    pipeline = Pipeline(settings=Settings(time_budget=5.0))

    def test_one_input(data: bytes) -> None:
        if len(data) < 2:
            return
        run_input(pipeline, KINDS[data[0] % len(KINDS)], data[2:], raw=bool(data[1] & 1))

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
