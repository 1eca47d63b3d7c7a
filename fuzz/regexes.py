"""Every regular expression in newsledger, and strings built to make each one backtrack.

`all_patterns()` finds them: an AST scan of `src/newsledger` for every call of
`re.compile/search/match/fullmatch/finditer/findall/sub/subn/split`, and every compiled
pattern an imported module keeps (in globals, lists, dicts and dataclass fields: the
times grammar's rules and keys included), each with how the code uses it (anchored
`match`/`fullmatch`, or searching). `Sampler(pattern).attacks(n)` derives attack
strings from a pattern's parse tree: long runs of every character it repeats, each
repetition pumped inside an otherwise matching string and then broken (the near-miss),
the whole sample repeated, runs of every literal. `slow_attacks` times a pattern on them.

Used by tests/test_hardening_regex.py (each pattern on its own) and by
tests/test_bad_input_regex_docs.py and the fuzz targets (the strings inside articles).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
import re
import re._constants as C  # noqa: N812 - the names of sre's opcodes
import re._parser as sre_parse
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import newsledger

SRC = Path(newsledger.__file__).resolve().parent
REGEX_FUNCTIONS = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "finditer": 2, "findall": 2,
                   "sub": 4, "subn": 4, "split": 3}

# Call sites whose pattern is built at run time and is not kept in a module: why each is safe.
# Keyed by (path under src/newsledger, enclosing function).
DYNAMIC = {
    ("stages/actors/learn.py", "_contains_form"): "re.escape(form) between lookarounds: a literal, linear",
    ("stages/actors/learn.py", "_organisation"): "re.escape(head) between lookarounds: a literal, linear",
    ("store/dedup.py", "_names_in"): "re.escape(name) between lookarounds: a literal, linear",
    ("stages/times/grammar.py", "_key"): "compiled into grammar._KEYS, harvested from the module",
    ("stages/times/grammar.py", "_rule"): "compiled into grammar.RULES, harvested from the module",
    ("stages/times/normalize.py", "_quarter_ago"): r"fullmatch of \d{4}-[QH]\d: no repetition at all",
    ("evaluation/plover_gsr.py", "current_type"): "evaluation only: patterns are the evaluator's own recoding rules",
}

# How long the longest attack string is (characters). Linear patterns take a few ms on it;
# a quadratic search takes seconds; exponential backtracking never ends (the alarm stops it).
ATTACK_LENGTH = 20_000
LIMIT_S = 0.5

# Patterns that only ever see short slices, tested at that length: (characters, where from).
# Keyed by the module attribute that holds the pattern, or "path::function" of a call site.
_WINDOW = (30, "grammar._acceptable gives the checks text[start - 30:start] and text[end:end + 30]")
INPUT_BOUNDS: dict[str, tuple[int, str]] = {
    "newsledger.stages.times.grammar._AMOUNT_BEFORE": _WINDOW,
    "stages/times/grammar.py::_check_season": _WINDOW,
}


# --- finding the patterns ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class CallSite:
    path: str
    line: int
    function: str | None
    literal: str | None  # the pattern, when it is a literal
    flags: int
    method: str  # compile, search, match...


def _flags_of(node: ast.Call, position: int) -> int:
    expr = None
    if len(node.args) > position:
        expr = node.args[position]
    for kw in node.keywords:
        if kw.arg == "flags":
            expr = kw.value
    if expr is None:
        return 0
    return int(eval(compile(ast.Expression(expr), "<flags>", "eval"), {"re": re}))  # noqa: S307 - re.I | re.S


def call_sites() -> list[CallSite]:
    sites: list[CallSite] = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(SRC).as_posix()

        def visit(node: ast.AST, function: str | None, rel=rel) -> None:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                function = node.name
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in REGEX_FUNCTIONS and node.args):
                try:
                    literal = ast.literal_eval(node.args[0])
                except ValueError:
                    literal = None
                if not isinstance(literal, str | bytes):
                    literal = None
                flags = _flags_of(node, REGEX_FUNCTIONS[node.func.attr]) if literal is not None else 0
                sites.append(CallSite(rel, node.lineno, function, literal, flags, node.func.attr))
            for child in ast.iter_child_nodes(node):
                visit(child, function)

        visit(tree, None)
    return sites


def _walk_values(value, where: str, depth: int = 0) -> Iterator[tuple[str, re.Pattern]]:
    if isinstance(value, re.Pattern):
        yield where, value
        return
    if depth >= 3:
        return
    if isinstance(value, list | tuple | set | frozenset):
        for i, item in enumerate(value):
            yield from _walk_values(item, f"{where}[{i}]", depth + 1)
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _walk_values(item, f"{where}[{k!r}]", depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _walk_values(getattr(value, f.name, None), f"{where}.{f.name}", depth + 1)


def kept_patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern held by a newsledger module, by where it is held."""
    found: dict[str, re.Pattern] = {}
    for info in pkgutil.walk_packages(newsledger.__path__, "newsledger."):
        if info.name.endswith("__main__"):
            continue  # runs the command line when imported
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if getattr(value, "__module__", info.name) != info.name and not isinstance(value, list | tuple | dict | re.Pattern):
                continue
            for where, pattern in _walk_values(value, f"{info.name}.{name}"):
                found.setdefault(where, pattern)
    return found


_METHOD_USE = re.compile(r"\b([A-Za-z_]\w*)\.(match|fullmatch|search|finditer|findall|sub|subn|split)\(")
ANCHORED = {"match", "fullmatch"}


def methods_by_name() -> dict[str, set[str]]:
    """How each name holding a compiled pattern is used in src: `NAME.match(`, `NAME.sub(`..."""
    uses: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for m in _METHOD_USE.finditer(path.read_text(encoding="utf-8")):
            if m.group(1) != "re":
                uses.setdefault(m.group(1), set()).add(m.group(2))
    return uses


@dataclasses.dataclass(frozen=True)
class Target:
    source: str | bytes
    flags: int
    # "match"/"fullmatch" when only ever used anchored (cost linear in the input by
    # construction of the attempt); "search" (finditer, sub, split...) otherwise
    methods: frozenset[str]
    scope: str = ""  # "path::function" of a literal call site


def all_patterns() -> dict[str, Target]:
    """Every pattern with how it is used, by a readable name; deduplicated."""
    uses = methods_by_name()
    seen: dict[tuple, str] = {}
    out: dict[str, Target] = {}
    for where, p in sorted(kept_patterns().items()):
        key = (p.pattern, p.flags & ~re.UNICODE)
        name = where.rsplit(".", 1)[-1]
        used = uses.get(name) if "[" not in name else None
        methods = frozenset(m if m in ANCHORED else "search" for m in used) if used else frozenset({"search"})
        if key in seen:
            prior = out[seen[key]]
            out[seen[key]] = dataclasses.replace(prior, methods=prior.methods | methods)
            continue
        seen[key] = where
        out[where] = Target(p.pattern, p.flags, methods)
    for site in call_sites():
        if site.literal is None:
            continue
        compiled = re.compile(site.literal, site.flags)
        key = (compiled.pattern, compiled.flags & ~re.UNICODE)
        if site.method == "compile" and key in seen:
            continue  # kept by its module: how it is used was found above
        method = site.method if site.method in ANCHORED else "search"
        if key in seen:
            prior = out[seen[key]]
            out[seen[key]] = dataclasses.replace(prior, methods=prior.methods | {method})
            continue
        where = f"{site.path}:{site.line}"
        seen[key] = where
        out[where] = Target(compiled.pattern, compiled.flags, frozenset({method}),
                            f"{site.path}::{site.function}")
    return out


# --- attack strings ------------------------------------------------------------------------

_SAMPLES = " a1.,-(\n'\"Z_é"


def _class_char(items, flags: int) -> str:
    """A character the class [items] matches (for negated classes: one it does not exclude)."""
    negate = any(op is C.NEGATE for op, _ in items)
    body = [(op, av) for op, av in items if op is not C.NEGATE]
    if not negate:
        for op, av in body:
            if op is C.LITERAL:
                return chr(av)
            if op is C.RANGE:
                return chr(av[0])
            if op is C.CATEGORY:
                return {C.CATEGORY_SPACE: " ", C.CATEGORY_DIGIT: "1", C.CATEGORY_WORD: "a",
                        C.CATEGORY_NOT_SPACE: "a", C.CATEGORY_NOT_DIGIT: "a",
                        C.CATEGORY_NOT_WORD: " "}.get(av, "a")
    return _first_matching(items, flags) or "a"


def _first_matching(items, flags: int) -> str | None:
    pattern = re.compile(_unparse_class(items), flags & (re.I | re.UNICODE | re.ASCII))
    for ch in _SAMPLES + "".join(chr(c) for c in range(33, 127)):
        if pattern.fullmatch(ch):
            return ch
    return None


def _unparse_class(items) -> str:
    parts, negate = [], ""
    for op, av in items:
        if op is C.NEGATE:
            negate = "^"
        elif op is C.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is C.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is C.CATEGORY:
            parts.append({C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_DIGIT: r"\d",
                          C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}.get(av, ""))
    return f"[{negate}{''.join(parts)}]" if parts else "[\\s\\S]"


class Sampler:
    """Strings shaped by a parse tree: `sample(pump=node_id, times=k)` repeats one node k times."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.flags = flags
        self.tree = sre_parse.parse(pattern, flags)
        self.repeats: list[tuple] = []
        self.chars: set[str] = set()
        self._index(self.tree)

    def _index(self, seq) -> None:
        for op, av in seq:
            if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                lo, hi, body = av
                if hi is C.MAXREPEAT or hi > 8:
                    self.repeats.append(body)
                self._index(body)
            elif op is C.BRANCH:
                for alt in av[1]:
                    self._index(alt)
            elif op in (C.SUBPATTERN, C.ATOMIC_GROUP):
                self._index(av[-1] if op is C.SUBPATTERN else av)
            elif op in (C.ASSERT, C.ASSERT_NOT):
                self._index(av[1])
            elif op is C.LITERAL:
                self.chars.add(chr(av))
            elif op is C.IN:
                self.chars.add(_class_char(av, self.flags))
            elif op is C.NOT_LITERAL:
                self.chars.add("a" if av != ord("a") else "b")

    def sample(self, seq=None, pump=None, times: int = 1, branch: int = 0) -> str:
        seq = self.tree if seq is None else seq
        out = []
        for op, av in seq:
            if op is C.LITERAL:
                out.append(chr(av))
            elif op is C.NOT_LITERAL:
                out.append("a" if av != ord("a") else "b")
            elif op is C.IN:
                out.append(_class_char(av, self.flags))
            elif op is C.ANY:
                out.append("a")
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                lo, hi, body = av
                n = times if body is pump else max(lo, 1)
                if hi is not C.MAXREPEAT:
                    n = min(n, hi)
                out.append(self.sample(body, pump, times, branch) * n)
            elif op is C.BRANCH:
                alts = av[1]
                out.append(self.sample(alts[branch % len(alts)], pump, times, branch))
            elif op is C.SUBPATTERN:
                out.append(self.sample(av[-1], pump, times, branch))
            elif op is C.ATOMIC_GROUP:
                out.append(self.sample(av, pump, times, branch))
            elif op is C.GROUPREF_EXISTS:
                out.append(self.sample(av[1], pump, times, branch))
            # AT, ASSERT, ASSERT_NOT, GROUPREF: nothing to add
        return "".join(out)

    def attacks(self, length: int) -> Iterator[tuple[str, str]]:
        for i, body in enumerate(self.repeats):
            one = self.sample(pump=body, times=1)
            two = self.sample(pump=body, times=2)
            step = max(1, len(two) - len(one))
            pumped = self.sample(pump=body, times=max(2, length // step))
            yield f"pump{i}", pumped
            yield f"pump{i}+!", pumped + "!\x00"
            yield f"pump{i}-last", pumped[:-1]
            unit = self.sample(body) or "a"
            yield f"run{i}", (unit * (length // len(unit) + 1))[:length]
            yield f"run{i}+!", (unit * (length // len(unit) + 1))[:length] + "\x00"
        for branch in range(3):
            whole = self.sample(branch=branch)
            if whole:
                yield f"whole{branch}x", (whole * (length // len(whole) + 1))[:length]
                yield f"whole{branch}-last x", ((whole[:-1] + " ") * (length // len(whole) + 1))[:length]
        for ch in sorted(self.chars):
            yield f"chars {ch!r}", ch * length
            yield f"chars {ch!r} spaced", (ch + " ") * (length // 2)


class _Alarm(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Alarm()


def time_pattern(pattern: re.Pattern, text, methods, limit: float) -> float:
    """Seconds the pattern takes on text, used as `methods` say (search: every match, as
    finditer, sub and split go); inf past 4 x `limit` (sre checks signals, the alarm stops it)."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit * 4)
    t0 = time.perf_counter()
    try:
        if "search" in methods:
            for _ in pattern.finditer(text):
                pass
        if "match" in methods:
            pattern.match(text)
        if "fullmatch" in methods:
            pattern.fullmatch(text)
        return time.perf_counter() - t0
    except _Alarm:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def slow_attacks(source: str | bytes, flags: int, methods=frozenset({"search", "fullmatch"}),
                 length: int = ATTACK_LENGTH, limit: float = LIMIT_S,
                 first: bool = False) -> list[tuple[str, float]]:
    """The attacks of `length` characters on which the pattern takes longer than `limit` s.

    Each attack is first tried at a quarter of the length: a linear pattern is done in a
    few milliseconds there and is not tried again; only the others are timed at full length
    (a quadratic one is 16 times slower there, an exponential one never finishes)."""
    pattern = re.compile(source, flags)
    quarter = max(1, length // 4)
    sampler = Sampler(source.decode("latin-1") if isinstance(source, bytes) else source, flags)
    slow = []
    for (name, short), (_, full) in zip(sampler.attacks(quarter), sampler.attacks(length), strict=True):
        if isinstance(source, bytes):
            short, full = short.encode("latin-1", "replace"), full.encode("latin-1", "replace")
        if time_pattern(pattern, short, methods, limit) < min(0.005, limit / 16):
            continue
        seconds = time_pattern(pattern, full, methods, limit)
        if seconds > limit:
            # once more: the machine is shared, one slow run may be someone else's doing
            seconds = min(seconds, time_pattern(pattern, full, methods, limit))
        if seconds > limit:
            slow.append((name, seconds))
            if first:
                break
    return sorted(slow, key=lambda s: -s[1])


ATTACK_DOC_LENGTH = 1_000  # characters of attack per document (an article is a few thousand)


def attack_documents(length: int = ATTACK_DOC_LENGTH, every: bool = False,
                     per_pattern: int | None = None) -> list[tuple[str, str]]:
    """(name, text): per pattern its first pumped near-miss (with `every`, all its attacks, or
    `per_pattern` of them spread over the list), each between paragraphs of an article."""
    from fuzz.corpus import ARTICLE, SENTENCE

    head, _, tail = ARTICLE.partition("\n\n")
    docs = []
    for where, target in sorted(all_patterns().items()):
        source = target.source.decode("latin-1") if isinstance(target.source, bytes) else target.source
        attacks = list(Sampler(source, target.flags).attacks(length))
        if per_pattern and len(attacks) > per_pattern:
            step = len(attacks) / per_pattern
            picked = [attacks[int(i * step)] for i in range(per_pattern)]
        elif every or per_pattern:
            picked = attacks
        else:
            picked = ([a for a in attacks if a[0].endswith("+!")] or attacks)[:1]
        for name, attack in picked:
            attack = attack.replace("\x00", " ")
            docs.append((f"{where} {name}", f"{head}\n\n{attack} {SENTENCE}\n\n{tail}"))
    return docs
