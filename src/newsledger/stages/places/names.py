"""What a longer proper name that holds a place name is: a toponym inside the name of a publication
("the Chicago Tribune"), a company ("Texas Instruments", "Bank of America", "Air India"), a sports
club ("Real Betis") or a person ("Paris Hilton") is no place mention; inside the name of a public
body of the place ("the Ohio State Police", "Leeds City Council", "the Chilean Army") it says whose
body it is and stays one; a word that names only a small town next to a portfolio word ("the Justice
Department", "the Minister of Commerce") is the portfolio.

The words are data (data/place_name_words.tsv), with those that make a name a site's ("the
University of Otago", "Lima Cathedral"): a site is a place wherever it stands, and the resolver
places it. The name is read two ways, either enough: the capitalised words that continue the place
name (or the one or two before it: "Bank of", "Air"), and the span of the organisation or person
entity that holds it (the actors stage's or spaCy's).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from ...data import read_tsv

if TYPE_CHECKING:
    from ...document import DocView

NOT_PLACE = frozenset({"publication", "company", "club"})
_WORD = re.compile(r"[^\w'’&-]+")
_MAX_AFTER = 4  # name words looked at after the place name


@lru_cache(maxsize=1)
def name_words() -> dict[tuple[str, str], frozenset[str]]:
    """(word, position) -> the classes that word gives a name ("after"/"before" the place name)."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in read_tsv("place_name_words.tsv"):
        out[(row["word"].casefold(), row["position"])].add(row["class"])
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def street_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words of class "street", after and before the name they end or open."""
    table = name_words()
    return (frozenset(w for (w, pos), c in table.items() if pos == "after" and "street" in c),
            frozenset(w for (w, pos), c in table.items() if pos == "before" and "street" in c))


@lru_cache(maxsize=1)
def _storm_words() -> frozenset[str]:
    return frozenset(w for (w, pos), c in name_words().items() if pos == "before" and "storm" in c)


def _key(text: str) -> str:
    return _WORD.sub("", text.casefold()).removesuffix("’s").removesuffix("'s")


def _is_name_word(text: str) -> bool:
    return text[:1].isupper()


def words_after(doc: DocView, end: int, limit: int = _MAX_AFTER) -> list[str]:
    """The capitalised words that continue a name after token `end` (folded), on the same line."""
    out: list[str] = []
    i = end
    n = len(doc)
    while i < n and len(out) < limit:
        t = doc[i]
        if "\n" in t.text_with_ws[:-1] or "\n" in doc.text[doc[i - 1].idx:t.idx]:
            break
        if t.text in ("&", "-") or (t.lower_ in ("of", "for", "and", "the") and out):
            i += 1
            continue
        if not _is_name_word(t.text):
            break
        out.append(_key(t.text))
        i += 1
    return out


def words_before(doc: DocView, start: int) -> list[str]:
    """The name word just before token `start`, across "of" and "the" ("Bank of America" -> ["bank"],
    "the Embassy of the Republic of X" -> ["embassy"])."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in ("of", "the") and i > start - 3:
        i -= 1
    if i >= 0 and i < start - 1 and doc[i + 1].lower_ == "the" and doc[i].lower_ != "of":
        return []  # "Smart the X": no name runs across a bare "the"
    if i >= 0 and _is_name_word(doc[i].text) and "\n" not in doc.text[doc[i].idx:doc[start].idx]:
        return [_key(doc[i].text)]
    return []


def storm_name(doc: DocView, start: int, lower: list[str]) -> bool:
    """Is the name at token `start` a storm's ("Hurricane Irene", "typhoons Mawar and Doksuri")? The
    word before the name, or before the list of names it is in, names storms. `lower` holds the
    document's tokens in lower case."""
    table = name_words()
    if not _storm_words().intersection(lower[max(0, start - 40):start]):
        return False  # no word for a storm anywhere before: the common case, checked cheaply
    i = start
    for _ in range(8):  # at most a few list items back
        j = i
        while j > 0 and _is_name_word(doc[j - 1].text) and "storm" not in table.get((doc[j - 1].lower_, "before"), ()):
            j -= 1
        if j > 0 and "storm" in table.get((doc[j - 1].lower_, "before"), ()):
            return True
        if j > 1 and doc[j - 1].lower_ in (",", "and", "or"):
            i = j - 1 if doc[j - 2].text != "," else j - 2
            while i > 0 and doc[i - 1].text == ",":
                i -= 1
            continue
        if j > 1 and doc[j - 1].text in (":", "—", "–"):
            # a list the clause before announces: "three hurricanes struck: X, Y and Z"
            return bool(_storm_words().intersection(lower[max(0, j - 12):j - 1]))
        return False
    return False


def classes_of(after: list[str], before: list[str]) -> tuple[set[str], set[str]]:
    """The classes the words after and before give: (of the first listed word after, of the word before)."""
    table = name_words()
    first_after: set[str] = set()
    for w in after:
        found = table.get((w, "after"))
        if found:
            first_after = set(found)
            break
    return first_after, set(table.get((before[0], "before"), ())) if before else set()


def office_beside(doc: DocView, start: int, end: int) -> bool:
    """A portfolio word right after the name ("Justice Department", "Defense officials") or a
    portfolio phrase before it ("Minister of Commerce", "Department of Justice")."""
    table = name_words()
    if end < len(doc) and "office" in table.get((_key(doc[end].text), "after"), ()):
        return True
    return start >= 2 and doc[start - 1].lower_ == "of" and \
        "office" in table.get((_key(doc[start - 2].text), "before"), ())


def verdict(doc: DocView, start: int, end: int, holder: tuple[int, int] | None, holder_label: str | None,
            titles: frozenset[str] = frozenset()) -> str:
    """What the name around tokens start..end-1 makes of them: "place" (no longer name, or the name
    of a public body or a site, or a title that the place qualifies: "the Russian Minister"), or
    "name" (a publication's, company's, club's, person's or other organisation's name). `holder` is
    the span of the entity that holds them, `holder_label` its type; `titles` are folded titles."""
    if end < len(doc) and doc[end].text in ("'s", "’s", "'", "’"):
        return "place"  # "Chile's Finance Minister", "Peru's ruling party": the place owns what follows
    if (end + 1 < len(doc) and doc[end].text == "&" and _is_name_word(doc[end + 1].text)) or \
            (start >= 2 and doc[start - 1].text == "&" and _is_name_word(doc[start - 2].text)):
        return "name"  # "Johnson & Johnson", "Bed Bath & Beyond": a firm's name joined by "&"
    after = words_after(doc, end)
    if after and (after[0] in titles or " ".join(after[:2]) in titles):
        return "place"  # "the Alberta Premier", "the French Minister"
    before = words_before(doc, start)
    holder_words: list[str] = []
    if holder is not None:
        # the holder's words that run on from the place name: "the Syrian Observatory", not "the Chilean
        # handler Juan Soto" (a description, then a name) nor "U.S. and European officials"
        i = start
        while i > holder[0] and (_is_name_word(doc[i - 1].text) or doc[i - 1].lower_ in ("of", "the", "-", "&")):
            i -= 1
        k = end
        while k < holder[1] and (_is_name_word(doc[k].text) or doc[k].lower_ in ("of", "-", "&")):
            k += 1
        holder_words = [_key(doc[j].text) for j in (*range(i, start), *range(end, k))
                        if doc[j].text[:1].isalpha() and _is_name_word(doc[j].text) and doc[j].lower_ != "the"]
    first_after, before_classes = classes_of(after, before)
    table = name_words()
    held = {c for w in holder_words for pos in ("after", "before") for c in table.get((w, pos), ())}
    if "institution" in first_after | before_classes | held:
        return "place"  # "the Idaho State Police", "the Central Bank of Chile", "the Ghanaian Air Force"
    if (first_after | before_classes) & NOT_PLACE:
        return "name"  # "the Chicago Tribune", "Texas Instruments", "Bank of America", "Real Madrid"
    # held by a person's name ("Paris Hilton", "Georgia May Jagger"): one with capitalised words of its
    # own, not a description the actors stage made an entity of ("the Chilean government", "40 Chilean
    # diplomats"). Other organisations ("the Peru Heart Foundation") keep the place their name gives.
    if not holder_words or "site" in held:
        return "place"
    return "name" if holder_label == "PERSON" else "place"
