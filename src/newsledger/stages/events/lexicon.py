"""The PLOVER trigger lexicon and the cue words for modes and contexts (data files).

`Lexicon.match(token)` finds the lexicon row that a token instantiates: the row's head
lemma and part of speech, the extra words of a multi-word entry ("call for", "open fire")
among the token's dependents, and the row's `requires` words among the words around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ...data import read_tsv

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from spacy.tokens import Token

    from ...document import TokenTable

PLOVER_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
PLOVER_CONFLICT_MATERIAL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
PLOVER_VERBAL_CONFLICT = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})

# A row whose `requires` holds this marker applies only when the word wraps another event.
NEEDS_EVENT = "@event"
# A `requires` word satisfied when the word's object is a person ("received the president").
PERSON_OBJECT = "@person"
# A `requires` word satisfied when a person (or a personal pronoun) is the word's object and no
# preposition gives the act a direction: "fired the manager", "they'll be fired" (a dismissal),
# not "fired at the crowd", "were fired upon".
PERSON_ONLY_OBJECT = "@person-only"
# A `requires` word satisfied when the word's complement is a question ("asked the minister
# whether ...", "asked him about ..."): a question asked is no demand.
QUESTION = "@question"
# A `requires` word satisfied when the word takes a clause as its complement ("recognize
# that ...", "we recognize this is happening"): to acknowledge a fact, not to recognise a party.
CLAUSE = "@clause"
# A `requires` word satisfied when the word takes a to-infinitive ("fighting to keep the school
# open", "the fight to save the plant"): an effort, not a fight between parties.
INFINITIVE = "@infinitive"
# A `requires` word satisfied when the word's subject is an amount ("the number of clinics
# declined", "exports declined by 5 percent"): a fall, not a refusal.
QUANTITY = "@quantity"
# A `requires` word satisfied when the word is a conjunction: "would withdraw, provided the border
# is secured" (no subject, no auxiliary, the condition after it).
CONJUNCTION = "@conjunction"
# A `requires` word satisfied when "for" gives a reason in a gerund ("attacked the governor for
# failing to act", "hit the mayor for ignoring ..."): blame, not force.
REASON = "@reason"
# A `requires` word satisfied when "with" names a reaction ("was met with outrage", "met with
# skepticism"): how something was received, no meeting.
REACTION = "@reaction"
_QUANTITY_NOUNS = frozenset({
    "number", "numbers", "rate", "rates", "price", "prices", "share", "shares", "figure", "figures", "sales",
    "production", "output", "level", "levels", "percent", "percentage", "amount", "value", "index", "stock",
    "stocks", "population", "count", "total", "revenue", "revenues", "profit", "profits", "income", "export",
    "exports", "import", "imports", "demand", "supply", "turnout", "attendance", "enrollment", "enrolment",
    "membership", "ratings", "rating", "approval", "cost", "costs", "spending", "growth", "yield", "yields",
    "volume", "earnings", "dollar", "currency", "market", "markets", "inflation", "unemployment"})
_REACTION_NOUNS = frozenset({
    "outrage", "criticism", "skepticism", "scepticism", "anger", "protest", "protests", "resistance", "opposition",
    "approval", "applause", "silence", "derision", "dismay", "condemnation", "praise", "surprise", "disbelief",
    "scorn", "concern", "alarm", "suspicion", "indifference", "enthusiasm", "hostility", "ridicule", "fury",
    "disapproval", "acclaim", "relief", "cheers", "boos", "jeers", "defiance"})
_PERSONAL_OBJECTS = frozenset({"me", "him", "her", "us", "them", "you", "i", "he", "she", "we", "they"})
_DIRECTIONS = frozenset({"at", "on", "upon", "into", "toward", "towards", "with", "from"})


@dataclass(frozen=True)
class LexEntry:
    lemma: str
    extra: tuple[str, ...]  # words that must be dependents ("for" in "call for")
    pos: str
    type: str | None  # None: the word only wraps another event (reporting verbs)
    mode: str | None
    light: int  # nouns: 1 eventive, 2 relation/state noun
    requires: frozenset[str]
    control: str | None
    frame: str | None

    @property
    def needs_event(self) -> bool:
        return NEEDS_EVENT in self.requires


def lemma_forms(token: Token) -> list[str]:
    """The token's lemma, then forms that undo the small model's lemmatizer slips
    ("staged" -> "stag", "cordoned" -> "cordone"): the lowercase word without -d, -ed, -s."""
    return list(word_forms(token.lower_, token.lemma_.lower(), token.tag_))


@lru_cache(maxsize=65536)
def word_forms(low: str, lemma: str, tag: str) -> tuple[str, ...]:
    """`lemma_forms` from the token's lowercase form, lower-cased lemma and tag."""
    forms = [lemma, low]
    if tag in ("VBD", "VBN") and low.endswith("ed"):
        forms += [low[:-1], low[:-2]]
        if low.endswith("ied"):
            forms.append(low[:-3] + "y")
        if len(low) > 4 and low[-3] == low[-4]:
            forms.append(low[:-3])  # "stopped" -> "stop"
    elif tag == "VBG" and low.endswith("ing"):
        forms += [low[:-3], low[:-3] + "e"]
    elif tag in ("VBZ", "NNS") and low.endswith("s"):
        forms.append(low[:-1])
    return tuple(dict.fromkeys(forms))


_POS_KEY = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}


# Dependencies only a noun phrase takes: a word there that the tagger called an adverb is a noun
# ("poured scorn on", tagged RB).
NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj"})
_MISTAGGED = frozenset({"ADV", "X", "INTJ"})


def _pos_of(token: Token) -> str | None:
    if token.pos_ == "VERB":
        return "VERB"
    if token.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    if token.pos_ == "ADJ":
        return "ADJ"
    return "NOUN" if nominal_pos(token.pos_, token.dep_) == "NOUN" else None


def nominal_pos(pos: str, dep: str) -> str:
    """The part of speech a word is looked up with: a mistagged noun in a noun's slot is a noun."""
    return "NOUN" if pos in _MISTAGGED and dep in NOMINAL_DEPS else pos


def context_words(token: Token) -> set[str]:
    """Words that can satisfy a row's `requires`: dependents (and the objects of their
    prepositions), left modifiers, the governing word, and for nouns the verb that governs
    the noun's preposition ("imposed a ban on ..."). Hyphenated words count whole and in parts."""
    words: set[str] = set()

    def add(t: Token) -> None:
        words.add(t.lemma_.lower())
        words.add(t.lower_)
        if t.pos_ == "VERB":
            words.update(lemma_forms(t))

    for c in token.children:
        add(c)
        if c.dep_ in ("prep", "agent", "prt"):
            for g in c.children:
                add(g)
                for gg in g.children:
                    if gg.dep_ in ("compound", "amod"):
                        add(gg)
        if c.dep_ in ("ccomp", "xcomp"):  # "allowed aid workers to enter"
            for g in c.children:
                if g.dep_ in ("nsubj", "dobj"):
                    add(g)
                    for x in g.children:
                        if x.dep_ in ("compound", "amod"):
                            add(x)
        if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "conj"):
            for g in c.children:  # modifiers and their modifiers: "the fugitive drug lord"
                if g.dep_ in ("compound", "amod", "nmod"):
                    add(g)
                    for gg in g.children:
                        if gg.dep_ in ("compound", "amod"):
                            add(gg)
            for g in c.conjuncts:
                add(g)
            for g in c.children:  # "a state of emergency", "tonnes of relief supplies", "access to the website"
                if g.dep_ == "acl":  # "planes loaded with food"
                    for x in g.children:
                        if x.dep_ == "prep":
                            for y in x.children:
                                add(y)
                                for z in y.conjuncts:
                                    add(z)
                if g.dep_ == "prep" and g.lower_ in ("of", "to"):
                    for gg in g.children:
                        add(gg)
                        for x in gg.children:
                            if x.dep_ in ("compound", "amod"):
                                add(x)
    for t in token.subtree:
        if t.i >= token.i:
            break
        add(t)
    head = token.head
    if head != token:
        add(head)
        if token.dep_ in ("dobj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN"):
            for c in head.children:  # "launched the operation against ...": the verb's phrases
                if c.dep_ == "prep":
                    add(c)
        if head.dep_ in ("prep", "agent") and head.head != head:
            add(head.head)
        if head.pos_ == "AUX" or head.lemma_ == "be":
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    add(c)
    for w in list(words):
        if "-" in w:
            words.update(p for p in w.split("-") if p)
    return words


class Lexicon:
    def __init__(self, rows: list[dict[str, str]]) -> None:
        by_key: dict[tuple[str, str], list[LexEntry]] = {}
        for row in rows:
            words = row["lemma"].split()
            entry = LexEntry(
                lemma=words[0], extra=tuple(words[1:]), pos=row["pos"],
                type=None if row["type"] in ("", "-") else row["type"],
                mode=row.get("mode") or None, light=int(row.get("light") or 0),
                requires=frozenset(x for x in (row.get("requires") or "").split("|") if x),
                control=row.get("control") or None, frame=row.get("frame") or None)
            by_key.setdefault((entry.lemma, entry.pos), []).append(entry)
        # multi-word entries first, then rows with conditions, then the bare rows (file order kept)
        self._by_key = {k: sorted(v, key=lambda e: (not e.extra, not (e.requires - {NEEDS_EVENT})))
                        for k, v in by_key.items()}

    def entries(self, lemma: str, pos: str) -> list[LexEntry]:
        return self._by_key.get((lemma, pos), [])

    def may_match(self, low: str, lemma: str, tag: str, pos: str) -> bool:
        """False when no row can match a word with these forms and part of speech (spaCy's
        `pos_`): neither as itself (`match`) nor as an anaphoric noun ("this exercise")."""
        key = _POS_KEY.get(pos)
        if key is None:
            return False
        if any((form, key) in self._by_key for form in word_forms(low, lemma, tag)):
            return True
        return key == "NOUN" and (lemma, "NOUN") in self._by_key

    def match(self, token: Token, has_event_complement: bool | None = None) -> LexEntry | None:
        """The first row that `token` instantiates, or None."""
        pos = _pos_of(token)
        if pos is None:
            return None
        candidates = None
        for form in lemma_forms(token):
            candidates = self._by_key.get((form, pos))
            if candidates:
                break
        if not candidates:
            return None
        words: set[str] | None = None
        deps: set[str] | None = None
        for entry in candidates:
            if entry.extra:
                if deps is None:
                    deps = {c.lemma_.lower() for c in token.children} | {c.lower_ for c in token.children}
                if not all(w in deps for w in entry.extra):
                    continue
                if any((c.lemma_.lower() in entry.extra or c.lower_ in entry.extra) and any(
                        g.dep_ == "neg" for g in c.children) for c in token.children):
                    continue  # "pleaded not guilty": the required word is negated
            conditions = entry.requires - {NEEDS_EVENT}
            if conditions:
                if words is None:
                    words = context_words(token)
                    # the markers any row of this word asks about, each worked out once
                    asked = frozenset().union(*(e.requires for e in candidates))
                    words.update(m for m, holds in _MARKERS.items() if m in asked and holds(token))
                if not words & (entry.requires - {NEEDS_EVENT}):
                    continue
            return entry
        return None


@lru_cache(maxsize=1)
def people_nouns() -> frozenset[str]:
    """Nouns that name people (data/participant_nouns.tsv, data/speaker_nouns.tsv people rows)."""
    out = {r["noun"].lower() for r in read_tsv("participant_nouns.tsv")}
    out |= {r["noun"].lower() for r in read_tsv("speaker_nouns.tsv") if r.get("kind") == "person"}
    out |= {"people", "person", "persons", "tourist", "tourists", "missionary", "missionaries", "citizen",
            "citizens", "national", "nationals", "crew", "sailor", "sailors", "fisherman", "fishermen", "pilot",
            "pilots", "nurse", "nurses", "doctor", "doctors", "priest", "priests", "nun", "nuns"}
    return frozenset(out)


def _asks_a_question(token: Token) -> bool:
    """Does `token` take a question: a clause opened by "whether"/"if" or a wh-word, or "about"? Or
    a quoted question in its sentence ("'Why have a war?' asked a shopkeeper"), when nothing asks
    for an act ("asked them to ...", "asked for ...")?"""
    if not any(c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VB" and any(g.lower_ == "to" for g in c.children)
               or (c.dep_ == "prep" and c.lower_ == "for") for c in token.children) \
            and any(t.text == "?" for t in token.sent):
        return True
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "about":
            return True
        if c.dep_ in ("ccomp", "advcl") and c.i > token.i:
            first = c.left_edge
            if first.lower_ in ("whether", "if") or first.tag_ in ("WDT", "WP", "WRB") or any(
                    g.dep_ == "mark" and g.lower_ in ("whether", "if") for g in c.children):
                return True
    return False


def _object_is_a_person(token: Token) -> bool:
    """"received the visiting president", "released two aid workers"."""
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.ent_type_ == "PERSON" or _people_noun(c)) for c in token.children)


def _takes_clause(token: Token) -> bool:
    return any(c.dep_ == "ccomp" for c in token.children)


def _amount_subject(token: Token) -> bool:
    return any(c.dep_ == "nsubj" and (c.lemma_.lower() in _QUANTITY_NOUNS or c.lower_ in _QUANTITY_NOUNS)
               for c in token.children)


def _gerund_reason(token: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
               for c in token.children)


def _met_with_reaction(token: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in _REACTION_NOUNS for g in c.children) for c in token.children)


def _takes_infinitive(token: Token) -> bool:
    return any(c.dep_ in ("xcomp", "acl", "advcl") and c.i > token.i and c.tag_ == "VB"
               and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in token.children)


def _conjunction_use(token: Token) -> bool:
    """"provided"/"providing" heading a condition: no subject or auxiliary of its own and not the
    participle of a noun ("the aid provided by ...")."""
    if token.lower_ not in ("provided", "providing"):
        return False
    if token.dep_ in ("acl", "amod", "relcl") or (token.i and token.doc[token.i - 1].lower_ in ("be", "been", "being")):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent") for c in token.children) and (
        token.dep_ in ("prep", "mark", "ccomp", "advcl", "conj", "cc") or any(
            c.dep_ in ("ccomp", "advcl", "pobj") for c in token.children))


def _person_only_object(token: Token) -> bool:
    """Is a person or a personal pronoun the object of `token` (or its passive subject), with no
    preposition of direction among its dependents? ("fired two managers", "she was fired")"""
    if any(c.dep_ == "prep" and c.lower_ in _DIRECTIONS for c in token.children):
        return False
    return any(c.dep_ in ("dobj", "nsubjpass") and (
        c.ent_type_ == "PERSON" or _people_noun(c) or c.lower_ in _PERSONAL_OBJECTS) for c in token.children)


def _people_noun(token: Token) -> bool:
    return token.lemma_.lower() in people_nouns() or token.lower_ in people_nouns()


# What each `requires` marker asks of the word (see the constants above).
_MARKERS: dict[str, Callable[[Token], bool]] = {
    PERSON_OBJECT: _object_is_a_person, PERSON_ONLY_OBJECT: _person_only_object, QUESTION: _asks_a_question,
    CLAUSE: _takes_clause, INFINITIVE: _takes_infinitive, QUANTITY: _amount_subject,
    CONJUNCTION: _conjunction_use, REASON: _gerund_reason, REACTION: _met_with_reaction,
}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(read_tsv("plover_lexicon.tsv"))


@dataclass(frozen=True)
class Cues:
    modes: dict[str, list[tuple[tuple[str, ...], str]]]  # type -> [(cue words, mode)]
    contexts: list[tuple[tuple[str, ...], str]]


@lru_cache(maxsize=1)
def cues() -> Cues:
    modes: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    contexts: list[tuple[tuple[str, ...], str]] = []
    for row in read_tsv("plover_cues.tsv"):
        words = tuple(row["cue"].lower().split())
        if row["kind"] == "mode":
            modes.setdefault(row["type"], []).append((words, row["value"]))
        elif row["kind"] == "context":
            contexts.append((words, row["value"]))
    return Cues(modes, contexts)


_CUE_INDEX: dict[int, tuple[list, dict[str, list[tuple[int, tuple[str, ...], str]]]]] = {}


def _cue_index(table: list[tuple[tuple[str, ...], str]]) -> dict[str, list[tuple[int, tuple[str, ...], str]]]:
    cached = _CUE_INDEX.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    index: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
    for rank, (words, value) in enumerate(table):
        index.setdefault(words[0], []).append((rank, words, value))
    _CUE_INDEX[id(table)] = (table, index)
    return index


def find_cues_at(words: TokenTable, indices: Iterable[int], table: list[tuple[tuple[str, ...], str]]) -> list[str]:
    """Values of the cues that occur at the tokens `indices` of a document's token table (by
    lemma or lowercase form), in table order."""
    return _cues_in([(words.lemma[i], words.lower[i]) for i in indices], table)


def _cues_in(forms: list[tuple[str, str]], table: list[tuple[tuple[str, ...], str]]) -> list[str]:
    index = _cue_index(table)
    hits: dict[str, int] = {}
    for i, (lemma, low) in enumerate(forms):
        for key in {lemma, low}:
            for rank, words, value in index.get(key, ()):
                n = len(words)
                if n > 1 and not all(i + k < len(forms) and words[k] in forms[i + k] for k in range(1, n)):
                    continue
                if value not in hits or rank < hits[value]:
                    hits[value] = rank
    return [v for v, _ in sorted(hits.items(), key=lambda kv: kv[1])]
