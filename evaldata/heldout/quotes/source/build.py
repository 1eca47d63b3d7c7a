"""Build text/NAME.txt and attributions/NAME_hx01.ann from the marked-up articles.

Markup: {{Sn|...}} Source, {{Cn|...}} Cue, {{Qn|...}} Content of attribution n. Pieces of one
role with the same n form one discontinuous span; every span is also cut at paragraph breaks
and trimmed of surrounding whitespace. Attributions without a Source are written as
Attribution-no-source. All offsets are computed here from the text.
"""
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
ANNO = "hx01"
sys.path.insert(0, str(HERE))
from articles_1_6 import ARTICLES as A1  # noqa: E402
from articles_7_12 import ARTICLES as A2  # noqa: E402

MARK = re.compile(r"\{\{([SCQ])(\d+)\|(.*?)\}\}", re.S)
ROLE = {"S": "Source", "C": "Cue", "Q": "Content"}


def parse(marked: str):
    marked = marked.strip("\n")
    out, pos, pieces = [], 0, []
    length = 0
    for m in MARK.finditer(marked):
        plain = marked[pos:m.start()]
        assert "{{" not in plain and "}}" not in plain, plain
        out.append(plain)
        length += len(plain)
        inner = m.group(3)
        assert "{{" not in inner, inner
        pieces.append((m.group(1), int(m.group(2)), length, length + len(inner)))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    tail = marked[pos:]
    assert "{{" not in tail and "}}" not in tail
    out.append(tail)
    text = "".join(out) + "\n"
    return text, pieces


def fragments(text, a, b):
    """Cut [a, b) at newlines and trim whitespace."""
    frags = []
    for m in re.finditer(r"[^\n]+", text[a:b]):
        s, e = a + m.start(), a + m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            frags.append((s, e))
    return frags


def build(name, marked):
    text, pieces = parse(marked)
    # checks on the text itself
    assert "\n\n\n" not in text and "  " not in text, name
    attrs = {}
    for role, n, a, b in pieces:
        attrs.setdefault(n, {"S": [], "C": [], "Q": []})[role].extend(fragments(text, a, b))
    # univocal: no character in two spans
    used = {}
    for n, roles in attrs.items():
        assert roles["C"] and roles["Q"], (name, n)
        for r, frs in roles.items():
            for s, e in frs:
                for i in range(s, e):
                    assert i not in used, (name, n, r, text[s:e], used[i])
                    used[i] = (n, r)
    order = sorted(attrs, key=lambda n: min(s for frs in attrs[n].values() for s, _ in frs))
    lines, t, counts = [], 0, {"attributions": 0, "no_source": 0, "direct": 0}
    for e_i, n in enumerate(order, 1):
        roles = attrs[n]
        ids = {}
        for r in ("S", "C", "Q"):
            frs = sorted(roles[r])
            if not frs:
                continue
            t += 1
            ids[r] = f"T{t}"
            offs = ";".join(f"{s} {e}" for s, e in frs)
            lines.append(f"T{t}\t{ROLE[r]} {offs}\t{' '.join(text[s:e] for s, e in frs)}")
        t += 1
        label = "Attribution" if "S" in ids else "Attribution-no-source"
        cue = sorted(roles["C"])
        offs = ";".join(f"{s} {e}" for s, e in cue)
        lines.append(f"T{t}\t{label} {offs}\t{' '.join(text[s:e] for s, e in cue)}")
        ev = f"E{e_i}\t{label}:T{t} Content:{ids['Q']} Cue:{ids['C']}"
        if "S" in ids:
            ev += f" Source:{ids['S']}"
        lines.append(ev)
        counts["attributions"] += 1
        counts["no_source"] += "S" not in ids
        first = text[sorted(roles["Q"])[0][0]]
        counts["direct"] += first in "\"“”‘’'"
    (OUT / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    (OUT / "attributions" / f"{name}_{ANNO}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    words = len(re.findall(r"\w+", text))
    return words, counts


if __name__ == "__main__":
    arts = {**A1, **A2}
    assert len(arts) == 12
    for name, marked in sorted(arts.items()):
        words, c = build(name, marked)
        print(f"{name:55s} words={words:4d} {c}")
