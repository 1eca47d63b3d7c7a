"""What the command line shows besides its results: log messages (standard `logging`, a
rich handler on a terminal), progress bars with totals and time left, the first-run build
of the gazetteer, and tables that fit the terminal.

Results go to standard output; everything here goes to standard error, so a pipe or a
redirected file only ever holds results.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger("newsledger")

_HANDLER_FLAG = "_newsledger_cli"


class _StderrHandler(logging.StreamHandler):
    """Plain lines on whatever sys.stderr is at the time (tests swap it)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(_Plain())

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # logging.StreamHandler.__init__ sets it
        pass


class _Plain(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            return f"newsledger: error: {message}"
        if record.levelno >= logging.WARNING:
            return f"newsledger: warning: {message}"
        return f"newsledger: {message}"


def setup_logging(verbose: int = 0, quiet: int = 0) -> None:
    """Messages of the `newsledger` loggers on standard error: warnings and information by
    default, debugging with -v, only warnings with -q, only errors with -qq. A rich handler
    when standard error is a terminal, plain `newsledger: ...` lines otherwise."""
    level = {-2: logging.ERROR, -1: logging.WARNING, 0: logging.INFO}.get(verbose - quiet,
                                                                         logging.DEBUG if verbose > quiet else logging.ERROR)
    root = logging.getLogger("newsledger")
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_FLAG, False):
            root.removeHandler(handler)
    handler: logging.Handler
    if _is_tty(sys.stderr):
        from rich.console import Console
        from rich.logging import RichHandler

        handler = RichHandler(console=Console(stderr=True), show_time=False, show_path=False, markup=False,
                              rich_tracebacks=False, show_level=True)
    else:
        handler = _StderrHandler()
    setattr(handler, _HANDLER_FLAG, True)
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def stdout_is_terminal() -> bool:
    return _is_tty(sys.stdout)


def stderr_is_terminal() -> bool:
    return _is_tty(sys.stderr)


def quiet() -> bool:
    return not logging.getLogger("newsledger").isEnabledFor(logging.INFO)


# --- progress -------------------------------------------------------------------------------------

class Progress:
    """A progress line on standard error: done / total, a bar and the time left when the total
    is known, a rate, and extra fields. Does nothing when disabled."""

    def __init__(self, label: str, total: int | None, *, enabled: bool, unit: str = "documents",
                 fields: Sequence[str] = ()) -> None:
        self.label, self.total, self.enabled, self.unit, self.fields = label, total, enabled, unit, tuple(fields)
        self._bar: Any = None
        self._task: Any = None
        self.started = time.monotonic()

    def __enter__(self) -> Progress:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns: list[Any] = [SpinnerColumn(), TextColumn(self.label)]
        if self.total is not None:
            columns += [BarColumn(bar_width=24), MofNCompleteColumn(), TextColumn(self.unit),
                        TextColumn("eta"), TimeRemainingColumn()]
        else:
            columns += [TextColumn("{task.completed} " + self.unit)]
        columns += [TextColumn("{task.fields[rate]:.2f}/s")]
        if self.fields:
            columns.append(TextColumn(" · ".join(f"{f} {{task.fields[{f}]}}" for f in self.fields)))
        columns.append(TimeElapsedColumn())
        self._bar = __import__("rich.progress", fromlist=["Progress"]).Progress(
            *columns, console=Console(stderr=True), transient=False)
        self._bar.start()
        self._task = self._bar.add_task(self.label, total=self.total, rate=0.0, **dict.fromkeys(self.fields, 0))
        return self

    def update(self, done: int, **fields: Any) -> None:
        if self._bar is None:
            return
        elapsed = time.monotonic() - self.started
        self._bar.update(self._task, completed=done, rate=done / elapsed if elapsed > 0 else 0.0, **fields)

    def __exit__(self, *exc: Any) -> None:
        if self._bar is not None:
            self._bar.stop()


def count_inputs(paths: Iterable[str], input_format: str = "auto") -> int | None:
    """How many documents `paths` hold, as `ingest.read_inputs` will read them; None when it
    cannot be known beforehand (standard input). Cheap: files are counted, not read, except
    JSON Lines (lines counted) and web archives and feeds (their records counted)."""
    from .ingest import _JSONL_SUFFIXES, _container_reader

    total = 0
    for path in paths:
        if path == "-":
            return None
        p = Path(path)
        files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")) if p.is_dir() else [p]
        for f in files:
            try:
                container = _container_reader(f, input_format)
                if container is not None:
                    total += sum(1 for _ in container(f))
                elif input_format == "jsonl" or (input_format == "auto" and f.suffix.lower() in _JSONL_SUFFIXES):
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                else:
                    total += 1
            except Exception:  # noqa: BLE001 - a file that cannot be read is one (error) document
                total += 1
    return total


# --- the gazetteer on first use ----------------------------------------------------------------------

def ensure_gazetteer(cache_dir: Path, *, show: bool | None = None) -> Path:
    """The offline gazetteer index, built now (about a minute, once) with a progress bar if
    it is not there yet, instead of silently on first use inside the pipeline."""
    from .gazetteer import ensure_built, index_path

    path = index_path(cache_dir)
    if path.exists():
        return path
    show = stderr_is_terminal() if show is None else show
    log.info("building the offline gazetteer in %s (first run only; `newsledger gazetteer build` "
             "or `make install` does it ahead of time)", cache_dir)
    started = time.monotonic()
    if not show:
        last = [-1]

        def report(fraction: float, what: str) -> None:
            step = int(fraction * 4)
            if step != last[0]:
                last[0] = step
                log.info("gazetteer: %d%% (%s)", round(100 * fraction), what)

        built = ensure_built(cache_dir, report)
    else:
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        with RichProgress(TextColumn("gazetteer"), BarColumn(bar_width=30), TextColumn("{task.percentage:>3.0f}%"),
                          TextColumn("{task.fields[what]}"), TimeElapsedColumn(), TextColumn("eta"),
                          TimeRemainingColumn(), console=Console(stderr=True)) as bar:
            task = bar.add_task("gazetteer", total=100, what="starting")
            built = ensure_built(cache_dir, lambda f, what: bar.update(task, completed=100 * f, what=what))
    log.info("gazetteer ready: %s (%.0f s)", built, time.monotonic() - started)
    return built


# --- tables that fit ------------------------------------------------------------------------------------

@dataclass
class Col:
    """A column of a terminal table: its header, its values, and how it may be sized."""

    header: str
    values: list[str]
    min_width: int = 0  # never narrower (the header always fits)
    max_width: int | None = None  # never wider
    flex: int = 0  # shares the room left (0: as wide as its content, up to max_width)
    drop: int = 0  # dropped first when even the minimum widths do not fit (higher first; 0 never)
    align: str = "left"


def fit_columns(columns: list[Col], width: int, gap: int = 2) -> list[tuple[Col, int]]:
    """The columns that fit in `width` characters and their widths. Every kept column is at
    least as wide as its header and its minimum (columns with a `drop` rank go, highest
    first, until that fits); then fixed columns grow to their content (up to their maximum)
    and flexible ones share what is left by weight."""
    cols = list(columns)

    def minimum(c: Col) -> int:
        return max(len(c.header), c.min_width)

    def natural(c: Col) -> int:
        w = max([len(c.header), *(len(" ".join(v.split())) for v in c.values)])
        return max(minimum(c), min(w, c.max_width) if c.max_width else w)

    while sum(minimum(c) for c in cols) + gap * (len(cols) - 1) > width and any(c.drop for c in cols):
        cols.remove(max((c for c in cols if c.drop), key=lambda c: c.drop))
    widths = {id(c): minimum(c) for c in cols}
    room = width - gap * (len(cols) - 1) - sum(widths.values())
    for c in cols:
        if not c.flex and room > 0:
            grow = min(room, natural(c) - widths[id(c)])
            widths[id(c)] += grow
            room -= grow
    flexible = [c for c in cols if c.flex]
    while room > 0 and flexible:
        hungry = [c for c in flexible if natural(c) > widths[id(c)]]
        if not hungry:
            break
        weights = sum(c.flex for c in hungry)
        given = 0
        for c in hungry:
            share = max(1, room * c.flex // weights)
            grow = min(share, natural(c) - widths[id(c)], room - given)
            widths[id(c)] += grow
            given += grow
        if given == 0:
            break
        room -= given
    return [(c, widths[id(c)]) for c in cols]


def clip(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else (text[:max(0, width - 1)] + "…" if width > 0 else "")


def render_table(columns: list[Col], width: int | None, *, gap: int = 2) -> list[str]:
    """Lines of a plain table: a header, a rule, one line per row; no line longer than
    `width` (None: as wide as the content)."""
    if width is None:
        sized = [(c, max([len(c.header), *(len(" ".join(v.split())) for v in c.values)])) for c in columns]
    else:
        sized = fit_columns(columns, width, gap)
    sep = " " * gap

    def cell(c: Col, w: int, value: str) -> str:
        value = clip(value, w)
        return value.rjust(w) if c.align == "right" else value.ljust(w)

    lines = [sep.join(cell(c, w, c.header) for c, w in sized).rstrip(),
             sep.join("─" * w for _, w in sized)]
    n = max((len(c.values) for c in columns), default=0)
    for i in range(n):
        lines.append(sep.join(cell(c, w, c.values[i] if i < len(c.values) else "") for c, w in sized).rstrip())
    return lines


def print_table(columns: list[Col], *, width: int | None, out: Callable[[str], None], footer: str | None = None) -> None:
    lines = render_table(columns, width)
    out(lines[0])
    for line in lines[1:]:
        out(line)
    if footer:
        out(footer)
