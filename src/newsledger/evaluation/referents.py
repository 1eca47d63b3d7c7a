"""Who a gold attribution Source refers to: the referent rules of the entity-level speaker figure.

These rules read only the article's text and the annotators' Source spans (never newsledger's
output), so the figure they feed measures the pipeline rather than echoing it. They are stated
in the docstring of `newsledger.evaluation.quotes` and tested in tests/test_quotes_eval.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..data import read_tsv

Spans = tuple[tuple[int, int], ...]

# a word of a name: letters first, then letters, digits, apostrophes, hyphens; an optional final dot
_WORD = re.compile(r"[^\W\d_][\w'’\-]*\.?")
# where the head part of a Source ends: "X, the ...", "X (D-N.C.)", "X of Y", "X, who ..."
_CUT = re.compile(r",|\(|;|--|—|–|\s(?:of|who|whom|which|whose|at|from|with|for|in|on)\s")
_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "madam": "f"}
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
             "she": "f", "her": "f", "hers": "f", "herself": "f"}
_GROUP_PRONOUNS = {"it", "its", "they", "them", "their", "which"}
_RELATIVE = {"who", "whom"}
_FIRST_SECOND = {"i", "we", "you", "me", "us", "my", "our"}
# capitalised words before a name that are not part of it: determiners, and the function words
# that stand capitalised at the start of a sentence ("But Mr. Holm said")
_LEAD = {
    "the", "a", "an", "another", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "former", "then", "late", "top", "senior", "u.s.", "us", "state", "but", "and", "or", "so", "yet",
    "for", "what", "when", "while", "where", "why", "how", "if", "as", "at", "in", "on", "of", "to", "by",
    "with", "after", "before", "since", "until", "though", "although", "because", "many", "some", "most",
    "both", "all", "even", "still", "now", "also", "only", "just", "meanwhile", "later", "earlier", "today",
    "yesterday", "tomorrow", "instead", "indeed", "here", "there", "like", "unlike", "among", "during",
    "from", "under", "over", "about", "against", "without", "asked", "says", "said", "according", "dear",
}
# lowercase particles inside a name ("Bill de Blasio", "Ludwig van Beethoven")
_PARTICLES = {"de", "da", "del", "della", "di", "dos", "du", "la", "le", "van", "von", "der", "den", "ter",
              "al", "el", "bin", "ibn", "ben", "abu", "y"}
# capitalised words written before a name that are not part of it: titles, ranks, offices
_TITLES = {
    "president", "president-elect", "vice", "vp", "sen", "senator", "rep", "representative", "congressman",
    "congresswoman", "gov", "governor", "lt", "gen", "general", "col", "colonel", "maj", "major", "capt",
    "captain", "sgt", "sergeant", "adm", "admiral", "cmdr", "commander", "dr", "doctor", "prof", "professor",
    "chief", "judge", "justice", "secretary", "minister", "prime", "premier", "mayor", "speaker", "attorney",
    "rev", "reverend", "pastor", "father", "bishop", "pope", "king", "queen", "prince", "princess", "sheikh",
    "ambassador", "chairman", "chairwoman", "chair", "director", "press", "spokesman", "spokeswoman",
    "spokesperson", "candidate", "nominee", "leader", "officer", "detective", "deputy", "commissioner",
    "chancellor", "ceo", "founder", "host", "anchor", "coach", "lady", "lord", "first", "former",
    "democratic", "republican", "democrat", "gop", "presidential", "sheriff", "trooper", "agent", "inspector",
    "superintendent", "councilman", "councilwoman", "councillor", "assemblyman", "assemblywoman", "delegate",
    "supreme", "st", "saint",
}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_POSSESSIVE = re.compile(r"[’']s?$")
# a Source span that holds only a reporting verb: an annotation slip, left out of the figure
_CUE_WORDS = {"said", "says", "say", "told", "tells", "added", "asked", "wrote", "explained", "according", "noted"}


@dataclass(frozen=True)
class Referent:
    """What a gold Source refers to: a name (`words` folded, first to last) or nothing named."""

    kind: str  # name | pronoun | group | relative | title | unnamed | slip
    name: str = ""  # the fullest name the text gives, as written
    words: tuple[str, ...] = ()
    gender: str | None = None

    @property
    def named(self) -> bool:
        return bool(self.words)


UNNAMED = Referent("unnamed")


def fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    return {r["name"]: r["gender"] for r in read_tsv("first_names.tsv")}


@dataclass(frozen=True)
class _Word:
    text: str  # without a possessive ending
    start: int
    end: int
    dot_breaks: bool  # a full stop that ends a sentence here
    possessive: bool


def _words(text: str, start: int = 0, end: int | None = None) -> list[_Word]:
    out = []
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        w = m.group()
        possessive = bool(_POSSESSIVE.search(w)) and len(w) > 2
        core = _POSSESSIVE.sub("", w) if possessive else w
        bare = core.rstrip(".")
        low = fold(bare)
        dot = core.endswith(".") and not (len(bare) <= 1 or low in _HONORIFICS or low in _TITLES
                                          or low in _SUFFIXES or "." in bare)
        if dot:
            core = bare  # the sentence's full stop is not part of the word
        out.append(_Word(core, m.start(), m.start() + len(core), dot, possessive))
    return out


def _capitalised(w: _Word) -> bool:
    return w.text[:1].isupper()


def _in_name(words: Sequence[_Word], n: int) -> bool:
    """A capitalised word, or a particle between two capitalised words."""
    w = words[n]
    if _capitalised(w):
        return True
    return (_key(w) in _PARTICLES and 0 < n < len(words) - 1 and _capitalised(words[n - 1])
            and _capitalised(words[n + 1]))


def _key(w: _Word) -> str:
    return fold(w.text.rstrip("."))


def _name_of(run: Sequence[_Word]) -> tuple[list[_Word], str | None]:
    """A run of capitalised words without leading determiners, titles and honorifics (everything up
    to the last title: "Ohio Sen. Eva Dahl" -> Eva Dahl) and trailing
    suffixes; the gender an honorific in it gives. The last word always stays ("Mr. King")."""
    words = list(run)
    while len(words) > 1 and _key(words[-1]) in _SUFFIXES:
        words.pop()
    gender = None
    stripped = False
    last_title = max((n for n, w in enumerate(words[:-1]) if _key(w) in _TITLES or _key(w) in _HONORIFICS),
                     default=-1)
    for w in words[:last_title + 1]:
        gender = _HONORIFICS.get(_key(w), gender)
    if last_title >= 0:
        words, stripped = words[last_title + 1:], True
    while len(words) > 1 and (_key(words[0]) in _LEAD or _key(words[0]) in _PARTICLES):
        words.pop(0)
        stripped = True
    if len(words) == 1 and stripped and _key(words[0]) in _TITLES and not gender:
        return [], None  # "The President": a description
    return words, gender


def _runs(text: str) -> list[list[_Word]]:
    """Runs of capitalised words in `text`, separated by single spaces only, never across a
    sentence's full stop or a possessive."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    words = _words(text)
    for n, w in enumerate(words):
        joined = current and text[current[-1].end:w.start] in (" ", "\u00a0") and not current[-1].dot_breaks \
            and not current[-1].possessive
        if joined and _in_name(words, n):
            current.append(w)
            continue
        if current:
            runs.append(current)
        current = [w] if _capitalised(w) else []
    if current:
        runs.append(current)
    return runs


class ArticleNames:
    """The full names an article writes, to complete a surname and to tell a name's gender."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.full: list[tuple[int, list[_Word]]] = []  # (start, name words), names of 2+ words
        self.honorific: dict[str, set[str]] = {}  # folded last word -> genders of the honorifics before it
        self.titled: list[tuple[int, str, list[_Word]]] = []  # (start, folded title, name) for "President Holm"
        for run in _runs(text):
            name, gender = _name_of(run)
            if not name:
                continue
            if len(name) >= 2:
                self.full.append((name[0].start, name))
            lead = run[:len(run) - len(name)] if run[-1] is name[-1] else []
            if gender:
                self.honorific.setdefault(_key(name[-1]), set()).add(gender)
            for w in lead:
                if _key(w) in _TITLES:
                    self.titled.append((name[0].start, _key(w), name))

    def complete(self, words: list[_Word], before: int, gender: str | None = None) -> list[_Word]:
        """A one-word name completed by the full name ending in it (the nearest earlier writing of
        it, else the first later one), when the text gives only one: full names whose first name
        contradicts an honorific's gender do not count, and middle names do not make two. With two
        ("Eva Lund", "Olof Lund") the one word stays: the referent is that surname."""
        if len(words) != 1:
            return words
        last = _key(words[0])
        found = [(start, name) for start, name in self.full if _key(name[-1]) == last
                 and (gender is None or first_name_genders().get(_key(name[0]), gender) == gender)]
        if len({_key(name[0]) for _, name in found}) != 1:
            return words
        earlier = [x for x in found if x[0] < before]
        return earlier[-1][1] if earlier else found[0][1]

    def gender(self, words: list[_Word], honorific: str | None) -> str | None:
        if honorific:
            return honorific
        if len(words) >= 2:
            g = first_name_genders().get(_key(words[0]))
            if g:
                return g
        said = self.honorific.get(_key(words[-1]), set())
        return next(iter(said)) if len(said) == 1 else None

    def referent(self, words: list[_Word], honorific: str | None, before: int, kind: str = "name") -> Referent:
        full = self.complete(words, before, honorific)
        return Referent(kind, " ".join(w.text for w in full), tuple(_key(w) for w in full),
                        self.gender(full, honorific))


def _head_name(text: str, spans: Spans) -> tuple[str, list[_Word], str | None]:
    """(kind, name words, honorific gender) of a Source: kind is name, pronoun word, or description."""
    a, b = spans[0][0], spans[-1][1]
    source = text[a:b]
    parts = [(m.start(), m.end()) for m in _CUT.finditer(source)]
    bounds, prev = [], 0
    for s, e in parts:
        bounds.append((prev, s))
        prev = e
    bounds.append((prev, len(source)))
    bounds = [(s, e) for s, e in bounds if source[s:e].strip()]
    for n, (s, e) in enumerate(bounds[:2]):
        words = _words(text, a + s, a + e)
        if not words:
            continue
        if n == 0 and len(words) == 1 and fold(words[0].text) in (_PRONOUNS.keys() | _GROUP_PRONOUNS | _RELATIVE):
            return fold(words[0].text), [], None
        if n == 0 and len(words) == 1 and fold(words[0].text) in _FIRST_SECOND:
            break  # the narrator or an interviewee speaking of themselves: nobody the text names
        if not _capitalised(words[-1]):
            if n == 0:
                continue  # a description: its apposition may name the person
            break
        run = [words[-1]]
        for k in range(len(words) - 2, -1, -1):
            w = words[k]
            if not _in_name(words, k) or w.possessive or w.dot_breaks:
                break
            run.insert(0, w)
        if n == 1 and len(run) != len(words):
            break  # the second part must be a name and nothing else
        name, gender = _name_of(run)
        if len(name) == 1 and not gender and (_key(name[0]) in _TITLES
                                              or name[0] is words[0] and n == 0 and _common_word(text, name[0])):
            continue  # "Secretary of State X": a title alone; "Critics said": a common noun
        if name:
            return "name", name, gender
    words = _words(text, a, b)
    return "description", words, None


def _common_word(text: str, word: _Word) -> bool:
    """A one-word "name" the text also writes in lower case ("Critics said", "critics"): a common
    noun capitalised at the start of a sentence."""
    low = word.text.rstrip(".").lower()
    return low != word.text and low in _text_words(text)


_TEXT_WORD = re.compile(r"[\w'’-]+")


@lru_cache(maxsize=8)
def _text_words(text: str) -> frozenset[str]:
    return frozenset(_TEXT_WORD.findall(text))


def resolve_sources(text: str, sources: Sequence[Spans]) -> dict[Spans, Referent]:
    """The referent of every Source span of one annotation (all its attributions, any kind)."""
    names = ArticleNames(text)
    ordered = sorted(set(sources), key=lambda s: s[0])
    out: dict[Spans, Referent] = {}
    named: list[tuple[int, Referent]] = []  # (start, referent) of the Sources that name someone
    pending: list[tuple[Spans, str, list[_Word]]] = []
    for spans in ordered:
        kind, words, gender = _head_name(text, spans)
        if kind == "description" and len(words) == 1 and _key(words[0]) in _CUE_WORDS:
            out[spans] = Referent("slip")
            continue
        if kind == "name":
            ref = names.referent(words, gender, spans[0][0])
            out[spans] = ref
            named.append((spans[0][0], ref))
        else:
            pending.append((spans, kind, words))
    for spans, kind, words in pending:
        start = spans[0][0]
        earlier = [r for s, r in named if s < start]
        ref = UNNAMED
        if kind in _PRONOUNS:
            want = _PRONOUNS[kind]
            ref = next((r for r in reversed(earlier) if r.gender in (None, want)), UNNAMED)
            ref = Referent("pronoun", ref.name, ref.words, ref.gender) if ref.named else UNNAMED
        elif kind in _GROUP_PRONOUNS:
            ref = next((r for r in reversed(earlier) if r.gender is None), UNNAMED)
            ref = Referent("group", ref.name, ref.words) if ref.named else UNNAMED
        elif kind in _RELATIVE:
            ref = _name_right_before(names, start)
        elif kind == "description" and words and _key(words[-1]) in _TITLES:
            title = _key(words[-1])
            titled = [(s, n) for s, t, n in names.titled if t == title and s < start]
            if titled:
                s, name = titled[-1]
                r = names.referent(name, None, s, kind="title")
                ref = r
        out[spans] = ref
    return out


def _name_right_before(names: ArticleNames, start: int) -> Referent:
    """ "Holm, who said": the name that ends right before a relative pronoun."""
    text = names.text
    for run in _runs(text[:start]):
        if run[-1].end <= start and re.fullmatch(r"[\s,]*", text[run[-1].end:start]):
            name, gender = _name_of(run)
            if name:
                return names.referent(name, gender, run[0].start, kind="relative")
    return UNNAMED


def entity_matches(ref: Referent, entity_names: Sequence[str], person: bool = True) -> bool:
    """A named referent is the entity when the entity's fullest name ends in the referent's last
    word and one name is the end of the other ("Holm", "Ruiz Ortega") or both start with
    the same first name ("Anders J. Holm"). An organisation may also be named by the start of
    its name ("Nordkraft" for Nordkraft Energy)."""
    best: tuple[str, ...] = ()
    for n in entity_names:
        words, _ = _name_of(_words(n))
        key = tuple(_key(w) for w in words)
        if len(key) > len(best):
            best = key
    want = ref.words
    if not best or not want:
        return False
    if not person and best[:len(want)] == want:
        return True
    if best[-1] != want[-1]:
        return False
    short, long_ = sorted((best, want), key=len)
    return long_[len(long_) - len(short):] == short or best[0] == want[0]
