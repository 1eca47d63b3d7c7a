"""Which place each toponym candidate names: one gazetteer sense per name per article.

Each sense of a name gets a score:
- prior: log population, kind (countries and continents first, then curated regions and
  features, first-level regions, cities; second-level regions only when named as such),
  national capitals, main names over alternate names;
- the countries the article is about (country names, adjectives for their main country,
  the places it surely names; a weak match or a transliteration guess does not vote, and
  no name votes for itself) and the first-level regions it names, weighed by how often
  (a county counts half for its state);
- closeness to the places the article names unambiguously (co-mentioned places); for a
  town, being inside a named region and being near a named place are one piece of evidence;
- "City, Region" and "City, Country" patterns (not in lists: "X, Y and Z"), administrative
  words ("the X region") and state offices ("X Gov."); a region written after a town is
  the region; a county's own population counts for less than where the article is;
- a region named only by compass words ("West Coast") only in the article's countries.
Two passes: the first finds the article's countries and its unambiguous places, the second
scores every name with them. A region loses to its namesake city when the city is big for
the region or a capital ("Aleppo", "New York"), unless the text says "region".
Facilities the gazetteer does not know ("X Street"), and sites that share their name with a
far-off hamlet, are placed in the town their paragraph names, else the article's town; a
state named in a facility's name ("X State University") gives way to the paragraph's town
in that state.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ...data import read_tsv
from ...gazetteer import GazPlace, bare_region_name, name_key
from ...geodesy import haversine_km
from .detect import ADJECTIVE, CONTEXT, NER, REGION_WORDS, SCAN, SETTLEMENT_WORDS, Candidate

if TYPE_CHECKING:
    from ...document import Document
    from ...gazetteer import Gazetteer

_ADMIN_WORDS = re.compile(
    r"(?:(?<!\s)\s*)?\b(?:autonomous republic|autonomous region|autonomous oblast|republic|region|province|district|"
    r"governorate|oblast|state|county|prefecture|municipality|rayon|city|town|village|territory|territories|"
    r"area|regions|districts|provinces)\b\s*$",
    re.I,
)
_REGION_SUFFIX = re.compile(r"\b(?:republic|region|province|district|governorate|oblast|state|county|prefecture|"
                            r"rayon|territory|regions|districts|provinces)\s*$", re.I)


def strip_parenthesised(text: str, repl: str = " ") -> str:
    r"""`text` with each parenthesis ("(" to the next ")"), the spaces before it and after it,
    replaced by `repl`: what re.sub(r"\s*\([^)]*\)\s*", repl, text) gives, in one pass (a regex
    search restarts at every "(" that no ")" follows: quadratic on "((((...")."""
    out: list[str] = []
    pos = 0
    n = len(text)
    while True:
        i = text.find("(", pos)
        if i < 0:
            break
        j = text.find(")", i + 1)
        if j < 0:
            break  # no ")" after this "(", so after none later either
        start = i
        while start > pos and text[start - 1].isspace():
            start -= 1
        end = j + 1
        while end < n and text[end].isspace():
            end += 1
        out.append(text[pos:start])
        out.append(repl)
        pos = end
    out.append(text[pos:])
    return "".join(out)
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)")
_COORDINATION = re.compile(r",?\s+(?:and|or)\s+")
_COMPASS = r"(?:north|south|east|west|northern|southern|eastern|western|central|centre|center|middle|upper|lower|" \
           r"north east|north west|south east|south west|northeast|northwest|southeast|southwest|inner|outer)"
_GENERIC_REGION = re.compile(rf"(?:{_COMPASS} )*{_COMPASS}(?: (?:coast|district|province|region|territory|"
                             r"department|division|state|area|zone|islands|island))?")
_COMPASS_PART = re.compile(r"((?:north|south)-?(?:east|west)(?:ern)?|north|south|east|west|northern|southern|"
                           r"eastern|western|central)\s+(?=[A-Z])", re.I)
_SITE_PREFIXES = {"lake", "mount", "fort", "port", "hotel", "rue", "faubourg", "saint", "st", "the"}
_SITE_TOWN = re.compile(r",[ \t]*|[ \t]+(?:in|at|near|outside)[ \t]+(?:the[ \t]+)?")
_LIST_SEP = re.compile(r",[ \t]+(?:(?:and|or)[ \t]+)?")
_LIST_GO_ON = re.compile(r"[ \t]+(?:and|or)[ \t]+")  # "X, Y and Z": Y is a list item, not X's region
_FACILITY = re.compile(r"\b(?:street|st|avenue|ave|road|rd|boulevard|square|bridge|airport|station|park|"
                       r"hospital|church|cathedral|mosque|school|university|college|stadium|arena|hall|house|"
                       r"center|centre|palace|museum|library|market|mall|plaza|court|prison|base|camp|port|"
                       r"harbour|harbor|highway|lane|drive|tower|building|hotel)\.?$", re.I)
# a word that makes an organisation's name the name of a site: "X State University", "X High School"
_FACILITY_NAME = re.compile(r"\b(?:university|college|school|academy|institute|polytechnic|hospital|clinic|"
                            r"airport|stadium|arena|court|courthouse|prison|jail|museum|library|zoo|cathedral|"
                            r"church|mosque|temple|castle|palace|park|campus|centre|center|hall|hotel)\b", re.I)
# offices of a state or province that its name stands before ("New York Gov. ...", "Ohio legislature")
STATE_OFFICES = {"gov", "governor", "legislature", "legislator", "legislators", "lawmakers", "statehouse",
                 "premier", "assemblyman", "assemblywoman"}
KIND_PRIOR = {"country": 4.0, "continent": 4.0, "feature": 2.0, "city": 0.0}
MAX_SENSES = 30
# nouns for people that a person's name stands beside ("his wife, Dora", "Georgia's father")
PERSON_NOUNS = {"wife", "husband", "son", "daughter", "daughters", "sons", "father", "mother", "brother", "sister",
                "girlfriend", "boyfriend", "partner", "friend", "coach", "children", "child", "baby", "mom", "dad",
                "parents", "family", "grandmother", "grandfather", "uncle", "aunt", "cousin", "niece", "nephew",
                "fiancee", "fiancé", "fiancée", "widow", "star", "player", "captain", "teammate", "lawyer",
                "attorney", "spokesman", "spokeswoman"}


@lru_cache(maxsize=1)
def _person_titles() -> frozenset[str]:
    """One-word titles that stand before a person's name ("Prince", "Pope", "Sheikh"), from titles.tsv."""
    return frozenset(row["title"].casefold() for row in read_tsv("titles.tsv")
                     if row.get("title") and " " not in row["title"].strip())


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(row["lemma"] for row in read_tsv("speech_verbs.tsv") if row.get("lemma"))
CURATED_WEIGHT = 1_000_000


def _km(a: GazPlace, b: GazPlace) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._translit: set[str] = set()
        self.speech_verbs = _speech_verbs()
        self.titles = _person_titles()

    # --- senses of a name ---------------------------------------------------------------------

    def forms(self, text: str) -> list[str]:
        out = [text]
        plain = strip_parenthesised(text).strip()
        if plain != text:
            out.append(plain)
        shorter = _ADMIN_WORDS.sub("", plain).strip()
        if shorter and shorter != plain:
            out.append(shorter)
        bare = bare_region_name(plain)  # "City of X", "Province of X"
        if bare and bare != name_key(plain) and bare not in out:
            out.append(bare)
        return out

    def senses(self, cand: Candidate, key: str) -> tuple[GazPlace, ...]:
        if cand.source == ADJECTIVE or cand.senses:
            return cand.senses
        forms = self.forms(cand.text)
        # a name in mixed case ("MoD", "eBay") is a place's only when it is that place's own main name
        # ("McAllen"), not an alternate name that folds to the same letters
        mixed = bool(re.search(r"[a-z][A-Z]", cand.text))
        for form in forms:
            found = self.gaz.lookup(form)
            if mixed:
                found = tuple(s for s in found if s.main_name)
            if found:
                return found[:MAX_SENSES]
        # a part of a country or a first-level region named by a compass word before its name ("western
        # Ukraine" is Ukraine's; "Western Norway", "Southern Chile"): that country or region
        # A side of a first-level region is at the mean of its towns on that side ("Southern X": where
        # most of its southern towns' people live); a side of a country or continent, too big for one point,
        # at the country's or continent's own point, as the place it is
        if cand.source in (NER, CONTEXT):
            m = _COMPASS_PART.match(cand.text)
            if m is not None:
                found = tuple(s for s in self.gaz.lookup(cand.text[m.end():])
                              if s.kind in ("country", "continent") or (s.kind == "region" and s.level == 1))
                compass = m.group(1).lower().replace("-", "").replace("ern", "")
                return tuple(self._side(s, compass, cand.text) for s in found[:MAX_SENSES])
        # a transliteration variant, for names that context says are places; not for names in
        # mixed case ("UConn", "eBay") that are no transliteration of anything
        if cand.source in (NER, CONTEXT) and not re.search(r"[a-z][A-Z]|^[A-Z]{2,}[a-z]", cand.text):
            for form in forms:
                found = self.gaz.lookup_translit(form)
                if found:
                    self._translit.add(key)  # found so, a name needs the support of its neighbours
                    return found[:MAX_SENSES]
        return ()

    def _side(self, s: GazPlace, compass: str, name: str) -> GazPlace:
        """The named side of a first-level region as a place of its own; else the place itself."""
        if s.kind != "region" or not s.admin1 or compass == "central":
            return s
        point = self.gaz.side(s.admin1, s.lat, s.lon, compass)
        if point is None:
            return s
        return GazPlace(-9, name, point[0], point[1], s.country, "region", s.population, s.admin1)

    @staticmethod
    def _subject(document: Document, c: Candidate) -> bool:
        span = document.view.char_span(c.start, c.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    def _used_as_person(self, document: Document, c: Candidate) -> str | None:
        """"said Georgia", "Georgia's father", "his wife, Dora", "his daughters Aurora and Georgia",
        "son Leo Preston", "Prince Albany": a town's name naming a person."""
        doc = document.view
        assert doc is not None
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None:
            return None
        # the name run the candidate ends, and the word before it, or before the list it is in
        i = span.start
        while i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha:
            i -= 1
            if doc[i].lower_ in self.titles and not self.gaz.lookup(doc.span_text(i, span.end)):
                return "named"  # "Prince Albany", "Pope Bruno"
        for _ in range(6):
            if i > 0 and doc[i - 1].lower_ in PERSON_NOUNS:
                return "named"
            if i > 1 and doc[i - 1].lower_ in ("and", ",") and doc[i - 2].text[:1].isupper():
                i -= 2 if doc[i - 2].text != "," else 3
                while i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha:
                    i -= 1
                continue
            break
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in self.speech_verbs \
                and not (span.start > 0 and doc[span.start - 1].pos_ == "DET"):
            return "speaker"  # "said Georgia"; not "the Elmira-based firm said"
        after = doc[span.end:span.end + 2]
        if len(after) == 2 and after[0].text in ("'s", "’s") and after[1].lower_ in PERSON_NOUNS:
            return "named"
        if root.dep_ == "appos" and root.head.lower_ in PERSON_NOUNS:
            return "named"
        before = doc[max(0, span.start - 2):span.start]
        return "named" if len(before) == 2 and before[1].text == "," and before[0].lower_ in PERSON_NOUNS else None

    # --- the article's context ------------------------------------------------------------------

    def resolve(self, document: Document, cands: list[Candidate]) -> list[tuple[Candidate, GazPlace]]:
        senses: dict[str, tuple[GazPlace, ...]] = {}
        prefer: dict[str, str] = {}
        keys: list[str] = []
        restricted: set[str] = set()
        # a name that the text uses for a person ("his daughter Georgia") is no place, and casts no vote:
        # a town's or a site's name after a word for a person or a title; a town's name as the one who
        # speaks ("said Georgia"), unless the town is a capital (a government speaks by its capital)
        # the single words of the article's people's names ("Pope Leo ... Leo said")
        name_words = {w for e in document.entities if e.type == "PERSON" and " " in e.name.strip()
                      for w in e.name.split() if w[:1].isupper()}

        def person(c: Candidate) -> bool:
            if c.source == ADJECTIVE or c.dateline:
                return False
            top = self.gaz.lookup(c.text)[:5]
            if any(s.kind in ("country", "continent") or s.capital or (s.kind == "region" and s.level == 1)
                   for s in top):
                return False  # checked first: it is cheaper than reading the parse
            if c.text in name_words and not c.site and self._subject(document, c):
                return True  # a word of a person's name the article gives in full, as the one who acts
            use = self._used_as_person(document, c)
            if use == "speaker":
                return any(s.kind == "city" for s in top) and not any(
                    s.kind == "feature" for s in top)
            return use == "named"
        cands = [c for c in cands if not person(c)]
        for c in cands:
            key = name_key(c.text) if c.source != ADJECTIVE else "adj:" + name_key(c.text)
            keys.append(key)
            # a name found inside an organisation's name keeps only its salient senses; the same
            # name elsewhere in the article ("Paris, Texas") brings all of them back
            narrow = c.source != ADJECTIVE and bool(c.senses)
            if key not in senses or (key in restricted and not narrow):
                senses[key] = self.senses(c, key)
                if narrow:
                    restricted.add(key)
                else:
                    restricted.discard(key)
            after = _WORD_AFTER.match(document.text, c.end)
            word = after.group(1).lower() if after else ""
            if c.prefer or _REGION_SUFFIX.search(c.text) or word in REGION_WORDS - {"valley", "peninsula"} \
                    or word in STATE_OFFICES:
                prefer.setdefault(key, c.prefer or "region")  # "Guizhou province", "New York Gov. ..."
            elif word in SETTLEMENT_WORDS:
                prefer.setdefault(key, "city")
        containers, contained = self._containers(document, cands, keys, senses)
        for k in contained:
            # a name that says where the town before it lies is the region ("the Bronx, New York")
            if any(s.kind == "region" and s.level == 1 for s in senses.get(k, ())) and \
                    not any(s.kind == "country" for s in senses.get(k, ())):
                prefer.setdefault(k, "region")
        mentions = Counter(keys)

        # pass 1: the countries the article names (country names and adjectives)
        focus: Counter[str] = Counter()
        for k, v in senses.items():
            top = max(v, key=lambda s: s.population) if v else None
            # a country's name, or an adjective, for its main country ("French": France, not Mayotte)
            country = top.country if top is not None and (top.kind == "country" or k.startswith("adj:")) else None
            if country is not None:
                focus[country] += mentions[k]
        chosen = {k: self._choose(v, focus, set(), [], containers.get(k), prefer.get(k))
                  for k, v in senses.items() if v}
        # coordinated names agree in kind: "California or Washington", "Lyon and Grenoble", "Niger and Chad"
        for k, kinds in self._sibling_kinds(document, cands, keys, chosen).items():
            if k not in prefer and len(kinds) == 1:
                kind = next(iter(kinds))
                if any(s.kind == kind for s in senses.get(k, ())):
                    prefer[k] = kind
        # pass 2: with the countries and regions of the other places pass 1 found (a name never
        # votes for itself), and the article's unambiguous places
        votes: dict[str, Counter] = {}
        regions: set[str] = set()
        # a weak match ("GREEN" in a headline) or a transliteration guess does not vote: it must not
        # pull the article towards its country; doubtful names vote only when no sure name does
        plausible = {k for c, k in zip(cands, keys, strict=True) if c.doubt < 2} - self._translit
        voters = {k for c, k in zip(cands, keys, strict=True) if c.doubt == 0 and chosen.get(k)} - self._translit
        for k, s in chosen.items():
            if s is None or k not in (voters or plausible):
                continue
            if s.country and s.kind in ("city", "region", "feature"):
                votes[k] = Counter({s.country: mentions[k]})
        # the first-level regions the article names, with how often; a county counts half for its
        # state, and no name counts for itself
        region_votes: dict[str, Counter] = {}
        for k, s in chosen.items():
            if s is not None and k in (voters or plausible) and s.kind == "region" and s.level in (1, 2) \
                    and s.admin1:
                region_votes[k] = Counter({s.admin1: mentions[k] * (1.0 if s.level == 1 else 0.5)})
        named_regions: Counter[str] = Counter()
        for counts in region_votes.values():
            named_regions.update(counts)
        for k, counts in region_votes.items():
            voter = chosen[k]  # not None: only a chosen sense votes for its region
            if voter is not None and voter.level == 1:
                regions.update(counts)
        others = Counter(focus)
        for counts in votes.values():
            others.update(counts)
        anchors = [(k, s) for k, s in chosen.items()
                   if s is not None and k in plausible and s.kind in ("city", "region", "feature")
                   and self._unambiguous(senses[k], s)]
        # a region named only by compass words ("West Coast", "Central District") is a region of a
        # country the article is about, or no region at all
        for k in [k for k in senses if _GENERIC_REGION.fullmatch(k)]:
            own = others - votes.get(k, Counter())
            senses[k] = tuple(s for s in senses[k] if s.kind != "region" or s.level == 0
                              or (s.country is not None and own.get(s.country)))
        chosen = {k: self._choose(v, others - votes.get(k, Counter()),
                                  Counter({a: n for a, n in (named_regions - region_votes.get(k, Counter())).items()
                                           if a not in self._own_regions(v)}),
                                  [a for a in anchors if a[0] != k], containers.get(k), prefer.get(k))
                  for k, v in senses.items() if v}
        focus = others
        # the article's town is no site's name: not a name NER only ever calls a facility ("Clemson won")
        facilities = {k for c, k in zip(cands, keys, strict=True) if c.label == "FAC"} \
            - {k for c, k in zip(cands, keys, strict=True) if c.label != "FAC"}
        local = self._local_focus({k: s for k, s in chosen.items() if k not in facilities}, mentions, focus)
        sure = {k for c, k in zip(cands, keys, strict=True) if c.doubt == 0}
        support = [(k, s) for k, s in chosen.items()
                   if s is not None and k in sure and s.kind in ("city", "feature")] + anchors
        regions.update(s.admin1 for k, s in chosen.items() if s is not None and k in sure and s.kind == "region"
                       and s.admin1)
        top_countries = {c for c, _ in focus.most_common(3)}
        out: list[tuple[Candidate, GazPlace | None]] = []
        for c, k in zip(cands, keys, strict=True):
            s = chosen.get(k)
            if s is not None and (c.doubt or k in self._translit) and not self._supported(
                    c, k, s, support, regions, top_countries, containers.get(k)) \
                    and not self._contains_neighbour(s, [chosen.get(x) for x in contained.get(k, ()) if x in sure]):
                continue
            if s is not None and c.label == "FAC" and s.kind == "city" and s.population < 50_000 \
                    and local is not None and _km(s, local) > 300:
                s = None  # a site ("Washington Square") that is also the name of a far-off hamlet
            if s is None and not (c.site or c.source == NER and c.label in ("FAC", "LOC") and _FACILITY.search(c.text)):
                continue
            out.append((c, s))
        # the towns the text surely names, where it names them: the frame of a facility's paragraph
        # (in the country of the article's own town: a stray namesake abroad frames nothing)
        towns = [(c.start, s) for (c, s), k in zip(out, [name_key(c.text) for c, _ in out], strict=True)
                 if s is not None and s.kind == "city" and k in sure and k not in self._translit
                 and (local is None or s.country == local.country)]
        result: list[tuple[Candidate, GazPlace]] = []
        for c, s in out:
            if s is None:
                # a facility the gazetteer does not know ("Press Street"): in the town written right after
                # it ("X Hospital in Leeds"), else the town its paragraph is about, else the article's
                town = self._town_after(document, c, out) or self._frame(document, towns, c.start) or local \
                    or self._place_in_name(c.text, focus)
                if town is None:
                    continue
                s = GazPlace(-9, c.text, town.lat, town.lon, town.country, "feature", 0, town.admin1)
            elif c.within is not None and s.kind == "region" and s.level == 1 and \
                    _FACILITY_NAME.search(document.text[c.within[0]:c.within[1]]):
                # a state named in a facility's name ("Colorado State University") while the paragraph
                # is about one of its towns: the facility is in that town
                town = self._frame(document, towns, c.start)
                w0, w1 = c.within
                if town is not None and town.admin1 == s.admin1 \
                        and not any(o is not c and o.start < w1 and w0 < o.end for o, _ in out):
                    name = document.text[w0:w1]
                    c = replace(c, start=w0, end=w1, text=name)
                    s = GazPlace(-9, name, town.lat, town.lon, town.country, "feature", 0, town.admin1)
            result.append((c, s))
        return result

    def _place_in_name(self, name: str, focus: Counter) -> GazPlace | None:
        """The well-known place a site is named after, when the text names no town for it: "Lima
        Cathedral", "Lake Ardmore"."""
        words = [w for w in re.findall(r"[A-Z][\w’'.-]*", name) if not _FACILITY.fullmatch(w)
                 and w.lower().rstrip(".") not in _SITE_PREFIXES]
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                senses = [s for s in self.gaz.lookup(" ".join(words[i:i + n]))
                          if s.main_name and (s.kind in ("country", "region") or s.population >= 50_000)]
                if senses:
                    return max(senses, key=lambda s: (bool(focus.get(s.country)), s.kind == "city", s.population))
        return None

    @staticmethod
    def _town_after(document: Document, c: Candidate, out: list[tuple[Candidate, GazPlace | None]]) -> GazPlace | None:
        """The town named right after a site: "St Mary's Hospital in Leeds", "Elm Street, Salem"."""
        m = _SITE_TOWN.match(document.text, c.end)
        if m is None:
            return None
        for o, s in out:
            if o.start == m.end() and s is not None and s.kind in ("city", "region"):
                return s
        return None

    @staticmethod
    def _frame(document: Document, towns: list[tuple[int, GazPlace]], at: int) -> GazPlace | None:
        """The town a paragraph is about at offset `at`: the nearest town named before it in the
        paragraph, else the first named after it there."""
        para = document.paragraph_of(at)
        here = [(pos, s) for pos, s in towns if document.paragraph_of(pos) == para]
        before = [t for t in here if t[0] <= at]
        if before:
            return before[-1][1]
        return here[0][1] if here else None

    def _containers(self, document: Document, cands: list[Candidate], keys: list[str],
                    senses: dict[str, tuple[GazPlace, ...]]) -> tuple[dict[str, list[GazPlace]], dict[str, list[str]]]:
        """"Edmonton, Alberta": the senses of a region or country written right after a name, and for
        each such region the names written before it. Not in a list: "Washington, New York and Boston"."""
        out: dict[str, list[GazPlace]] = defaultdict(list)
        before: dict[str, list[str]] = defaultdict(list)
        text = document.text
        pairs = list(zip(cands, keys, strict=True))
        for i, ((a, ka), (b, kb)) in enumerate(zip(pairs, pairs[1:], strict=False)):
            between = text[a.end:b.start]
            if not (between and between.strip() in (",", "") and "\n" not in between):
                continue
            after = text[b.end:pairs[i + 2][0].start] if i + 2 < len(pairs) else ""
            before_a = text[pairs[i - 1][0].end:a.start] if i > 0 else ""
            if _LIST_GO_ON.fullmatch(after) or (_LIST_SEP.fullmatch(before_a) and _LIST_SEP.fullmatch(after)):
                continue  # "X, Y and Z", "W, X, Y, and Z"
            found = [s for s in senses.get(kb, ()) if s.kind in ("region", "country")]
            if found:
                out[ka].extend(found)
                before[kb].append(ka)
        return out, before

    @staticmethod
    def _contains_neighbour(s: GazPlace, neighbours: list[GazPlace | None]) -> bool:
        """"Gatineau, Que.": a region or country that the sure place written before it lies in."""
        return any(n is not None and ((s.kind == "region" and s.admin1 and n.admin1 == s.admin1 and n is not s)
                                      or (s.kind == "country" and n.country == s.country))
                   for n in neighbours)

    @staticmethod
    def _supported(c: Candidate, key: str, s: GazPlace, support: list[tuple[str, GazPlace]], regions: set[str],
                   top_countries: set[str], containers: list[GazPlace] | None) -> bool:
        """Do the article's other places back a doubtful or weak candidate?"""
        near = min((_km(s, a) for k, a in support if k != key), default=1e9)
        if containers and any(s.admin1 == x.admin1 or (x.kind == "country" and s.country == x.country)
                              for x in containers):
            return True
        if c.doubt >= 2:
            return near <= 150 or (s.kind == "city" and s.admin1 in regions)
        well_known = s.kind in ("country", "continent", "feature") or (s.geonameid < 0 and s.level == 0)
        # the article's country backs a name NER doubts unless it is a small town's: a company's or a
        # person's name often is one ("the maker Elmcrest said", "Hollis spoke first")
        in_country = s.country in top_countries and s.main_name and (
            s.kind != "city" or s.population >= 20_000 or c.dateline)
        return well_known or near <= 300 or (s.admin1 in regions) or in_country \
            or (s.main_name and s.population >= 100_000)

    @staticmethod
    def _sibling_kinds(document: Document, cands: list[Candidate], keys: list[str],
                       chosen: dict[str, GazPlace | None]) -> dict[str, set[str]]:
        """The kinds (city, first-level region or country) of the names joined to each name by "and"/"or"."""
        out: dict[str, set[str]] = defaultdict(set)
        pairs = list(zip(cands, keys, strict=True))
        for (a, ka), (b, kb) in zip(pairs, pairs[1:], strict=False):
            if ka == kb or not _COORDINATION.fullmatch(document.text[a.end:b.start]):
                continue
            for here, there in ((ka, kb), (kb, ka)):
                s = chosen.get(there)
                if s is not None and (s.kind in ("city", "country") or (s.kind == "region" and s.level == 1)):
                    out[here].add(s.kind)
        return out

    @staticmethod
    def _own_regions(senses: tuple[GazPlace, ...]) -> set[str]:
        """The first-level regions a name could itself be (not those its counties lie in)."""
        return {s.admin1 for s in senses if s.kind == "region" and s.level == 1 and s.admin1}

    @staticmethod
    def _unambiguous(senses: tuple[GazPlace, ...], best: GazPlace) -> bool:
        others = [s for s in senses if s.geonameid != best.geonameid and _km(s, best) > 100]
        return not others or best.population >= 20 * max(s.population for s in others)

    @staticmethod
    def _local_focus(chosen: dict[str, GazPlace | None], mentions: Counter, focus: Counter) -> GazPlace | None:
        """The town the article is about: the most mentioned city of its main country."""
        main = focus.most_common(1)[0][0] if focus else None
        # not a site's name that the gazetteer happens to know as a neighbourhood ("X Square")
        cities = [(mentions[k], s.population, s) for k, s in chosen.items()
                  if s is not None and s.kind == "city" and (main is None or s.country == main)
                  and not _FACILITY.search(k)]
        if not cities:
            return None
        return max(cities, key=lambda t: (t[0], t[1]))[2]

    # --- choosing ----------------------------------------------------------------------------------

    def _choose(self, senses: tuple[GazPlace, ...], focus: Counter, regions: Counter | set[str],
                anchors: list[tuple[str, GazPlace]], containers: list[GazPlace] | None,
                prefer: str | None) -> GazPlace | None:
        top = max(focus.values()) if focus else 0

        def score(s: GazPlace) -> float:
            curated = (s.geonameid < 0 and s.kind == "region" or s.kind == "feature") and s.level == 0
            # a curated place is well known by definition: weigh it like a big city
            sc = math.log10(max(s.population, CURATED_WEIGHT if curated else 0) + 10)
            if s.kind == "region" and s.level == 2:
                sc /= 2  # few counties are known beyond their state: where the article is counts more
            if s.kind == "region":
                sc += 3.0 if s.level == 0 else 1.5 if s.level == 1 else (-1.0 if prefer != "region" else 0.5)
            else:
                sc += KIND_PRIOR.get(s.kind, 0.0)
            if s.capital:
                sc += 1.5
            if not s.main_name:
                sc -= 1.0
            if top and s.country and focus.get(s.country):
                sc += 2.0 + 2.0 * focus[s.country] / top
            # nearness to the article's other places: inside a region it names, or close to a place it
            # names unambiguously. For a town that is one piece of evidence, not two; a county ("Dallas
            # County") has no other to go by
            inside = 0.0
            if s.admin1 and s.admin1 in regions and (s.kind == "city" or s.level == 2):
                # the more the article names the region, the surer: 2 for a region named as often as
                # the article's most named one, down to 1
                share = regions[s.admin1] / max(regions.values()) if isinstance(regions, Counter) else 1.0
                inside = 1.0 + share
            close = 0.0
            if anchors and s.kind in ("city", "region", "feature"):
                d = min(_km(s, a) for _, a in anchors)
                close = 3.0 if d < 50 else 2.0 if d < 200 else 1.0 if d < 500 else 0.0
            sc += inside + close if s.level == 2 else max(inside, close)
            if containers:
                for c in containers:
                    if (c.kind == "country" and s.country == c.country) or \
                            (c.kind == "region" and s.admin1 and s.admin1 == c.admin1 and s.geonameid != c.geonameid):
                        sc += 6.0
                        break
            if prefer == "region" and s.kind == "region":
                sc += 3.0
            elif prefer == "city" and s.kind == "city":
                sc += 2.0
            elif prefer == "country" and s.kind == "country":
                sc += 3.0
            return sc

        best = max(senses, key=score)
        if best.kind == "region" and best.level == 1 and prefer != "region":
            # the namesake city of a region, when big for it or a capital ("Aleppo", "New York")
            for s in senses:
                if s.kind == "city" and s.country == best.country and \
                        (s.capital or (s.population >= 0.2 * best.population and _km(s, best) < 300)):
                    return s
        return best


__all__ = ["ADJECTIVE", "CONTEXT", "NER", "SCAN", "Resolver"]
