"""Every regular expression in the project against strings built to make it backtrack.

The patterns are found, not listed (fuzz/regexes.py): an AST scan of `src/newsledger`
finds every call of `re.compile/search/match/fullmatch/finditer/findall/sub/subn/split`,
and importing every module finds every compiled pattern it keeps (in globals, lists,
dicts and dataclass fields: the times grammar's rules and keys included), with how the
code uses it. A call site whose pattern is neither a literal nor a kept pattern must be
listed in `DYNAMIC` with the reason it cannot backtrack badly; a new regex anywhere in
src is therefore tested without anyone adding it here.

For each pattern the attack strings are derived from its parse tree: long runs of
every character it repeats, each repetition pumped thousands of times inside an
otherwise matching string and then broken at the end (the classic near-miss), the
whole sample repeated, and runs of every literal, 20,000 characters each (or the
longest slice the code gives the pattern, `INPUT_BOUNDS`). Each pattern, used as the
code uses it (anchored, or searching), must get through every attack string within
half a second; a super-linear pattern (quadratic search or exponential backtracking)
does not. The patterns that failed were rewritten to be linear, with the same results
(the differential tests at the end).
"""

from __future__ import annotations

import importlib
import re
import time

import pytest

from fuzz.regexes import (
    ATTACK_LENGTH,
    DYNAMIC,
    INPUT_BOUNDS,
    all_patterns,
    call_sites,
    kept_patterns,
    slow_attacks,
)

PATTERNS = all_patterns()


def test_hardening_regex_every_call_site_is_covered():
    sites = call_sites()
    assert len(sites) > 100  # the scan sees the project (it has well over a hundred)
    kept_sources = {p.pattern for p in kept_patterns().values()}
    uncovered = []
    for site in sites:
        if site.literal is not None:
            continue
        if (site.path, site.function) in DYNAMIC:
            continue
        if site.function is None:
            continue  # a module-level compile of a built pattern: held by the module, harvested
        uncovered.append(f"{site.path}:{site.line} in {site.function}()")
    assert not uncovered, ("regex call sites with a run-time pattern that is neither kept by a module "
                           f"nor explained in DYNAMIC: {uncovered}")
    # every DYNAMIC entry still exists (no stale excuses)
    live = {(s.path, s.function) for s in sites if s.literal is None}
    assert set(DYNAMIC) <= live, f"stale DYNAMIC entries: {set(DYNAMIC) - live}"
    scopes = {t.scope for t in PATTERNS.values()} | set(PATTERNS)
    assert set(INPUT_BOUNDS) <= scopes, f"stale INPUT_BOUNDS entries: {set(INPUT_BOUNDS) - scopes}"
    assert len(kept_sources) > 50


def test_hardening_regex_harness_catches_backtracking():
    # the harness must see the classic bad shapes, or its green light means nothing
    assert slow_attacks(r"(a+)+b", 0, length=5_000, limit=0.2, first=True)
    assert slow_attacks(r"(\w+\s?)+$", 0, length=5_000, limit=0.2, first=True)
    assert slow_attacks(r"\s*,\s*$", 0, length=20_000, limit=0.2, first=True)  # quadratic search
    assert slow_attacks(r"x\s*(?:y)?\s*:", 0, length=20_000, limit=0.2, first=True)  # quadratic match
    assert not slow_attacks(r"\b\w+\b", 0, length=20_000, limit=0.2)
    assert not slow_attacks(r"\s*,\s*$", 0, methods={"match"}, length=20_000, limit=0.2)


@pytest.mark.parametrize("where", sorted(PATTERNS))
def test_hardening_regex_finishes_fast(where):
    target = PATTERNS[where]
    length, _why = INPUT_BOUNDS.get(where) or INPUT_BOUNDS.get(target.scope) or (ATTACK_LENGTH, "")
    slow = slow_attacks(target.source, target.flags, target.methods, length=length)
    assert not slow, f"{where} ({'/'.join(sorted(target.methods))}) is slow on {slow[:3]} (pattern {target.source!r:.200})"


# The patterns this file made linear, against what they were: same results on random
# strings of the characters and words they care about.
_FIXED = [
    ("newsledger.ingest.plaintext", "_NAME_SPLIT", r"\s*(?:,|\band\b|&|\|)\s*", 0,
     ["a", " ", ",", "and", "&", "|", "  ", "\n", "Roe"]),
    ("newsledger.ingest.plaintext", "_AUTHOR_TRAIL", r"[\s,|–—\-·•]+$", 0,
     ["a", " ", ",", "|", "—", "-", "·", "b"]),
    ("newsledger.ingest.plaintext", "_CAPTION_MARK", None, re.I,
     ["photo", "image", "credit", ":", " ", "  ", "x", "(", ")", "/", "©", "reuters"]),
    ("newsledger.gazetteer.lookup", "_ADMIN_SUFFIX", None, 0, ["a", " ", "  ", "republic", "state", "oblast", "x"]),
    ("newsledger.stages.places.resolve", "_ADMIN_WORDS", None, re.I,
     ["a", " ", "  ", "Republic", "state", "region", "x", "-"]),
    ("newsledger.evaluation.timex", "_ATTR", r'([\w:-]+)\s*=\s*"([^"]*)"', 0, ["a", " ", "=", '"', ":", "-", "b"]),
]


def _previous(module: str, name: str, source: str | None) -> re.Pattern:
    """The pattern before the fix: given, or the fixed one without its lookbehind guard."""
    current = getattr(importlib.import_module(module), name)
    if source is not None:
        return re.compile(source, current.flags)
    undo = {"_CAPTION_MARK": (r"\s*(?:credit\s*)?:", r"\s*(?:credit)?\s*:"),
            "_ADMIN_SUFFIX": (r"(?<!\s)\s+", r"\s+"),
            "_ADMIN_WORDS": (r"(?:(?<!\s)\s*)?\b", r"\s*\b")}[name]
    assert undo[0] in current.pattern
    return re.compile(current.pattern.replace(undo[0], undo[1], 1), current.flags)


@pytest.mark.parametrize("module,name,source,flags,alphabet", _FIXED, ids=[f[1] for f in _FIXED])
def test_hardening_regex_fix_keeps_behaviour(module, name, source, flags, alphabet):
    import random

    new = getattr(importlib.import_module(module), name)
    old = _previous(module, name, source)
    assert old.pattern != new.pattern
    rng = random.Random(11)
    for _ in range(20_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert old.split(s) == new.split(s), s
        assert old.sub("#", s) == new.sub("#", s), s
        assert [m.groups() for m in old.finditer(s)] == [m.groups() for m in new.finditer(s)], s


def test_hardening_regex_tag_reader_keeps_behaviour_on_markup():
    # TimeML tags: '<' never occurs inside a tag, so refusing it there changes nothing
    from newsledger.evaluation.timex import _TAG

    old = re.compile(r"<(/?)([A-Za-z][\w:-]*)([^>]*?)(/?)>", re.S)
    text = ('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2024-02-20" functionInDocument="CREATION_TIME">'
            'Feb 20</TIMEX3></DCT> a &lt; b <EVENT eid="e1"/> text</TimeML>')
    assert [m.groups() for m in old.finditer(text)] == [m.groups() for m in _TAG.finditer(text)]
    assert len(list(_TAG.finditer(text))) == 7


def test_hardening_regex_author_split_keeps_behaviour():
    import random

    from newsledger.ingest.html import split_authors

    rng = random.Random(5)
    for _ in range(20_000):
        s = "".join(rng.choice("ab,;() ") for _ in range(rng.randint(0, 14)))
        assert split_authors(s) == re.split(r";|,(?![^()]*\))", s), s
    t0 = time.perf_counter()
    assert len(split_authors("," * 200_000)) == 200_001
    assert time.perf_counter() - t0 < 1.0


def test_hardening_parenthesis_stripping_is_linear_and_keeps_the_regex_behaviour():
    """The places stage's parenthesis stripping was a regex (quadratic on "((((..."); the loop
    that replaced it gives what the regex gave."""
    import random
    import time

    from newsledger.stages.places.resolve import strip_parenthesised

    old = re.compile(r"\s*\([^)]*\)\s*")
    rng = random.Random(11)
    for _ in range(20_000):
        s = "".join(rng.choice(["a", " ", "(", ")", "  ", "x", "\n"]) for _ in range(rng.randint(0, 10)))
        assert old.sub("#", s) == strip_parenthesised(s, "#"), s
    assert strip_parenthesised("Holy See (Vatican City State)") == "Holy See "
    for attack in ("(" * 100_000, "(" * 100_000 + ")", " (" * 50_000):
        t0 = time.perf_counter()
        strip_parenthesised(attack)
        assert time.perf_counter() - t0 < 0.5
