"""Is an event stated as having happened? The factuality of a trigger, read off the parse.

A news sentence names many events it does not report as facts: wanted, planned or attempted
ones ("wants to attack", "were sent to destroy the depot"), possible ones ("could bring
charges"), conditions ("if they strike"), denials and failures ("did not accuse", "failed to
agree", "denied attacking"), questions, and the content of a noun of intention or ability
("efforts to stop", "the ability to travel", "the threat of sanctions"). Following FactBank
(Saurí & Pustejovsky 2009), the status is found by walking from the event's word up the
dependency tree: each clause on the way may add a modal, a negation or a condition, and the way
each clause hangs on the next (an infinitive under "want", a that-clause under "deny", a purpose
clause) says whether the lower event is asserted. The predicates and their classes are data
(`data/factuality_predicates.tsv`).

Statuses: realis (stated as happened or happening), reported (stated by a speaker or
document: still asserted, attributed), future (will happen), and the non-asserted ones:
hypothetical, conditional, negated, irrealis (wanted, planned, attempted, possible, ordered:
"stop the killing!"), question, generic (a characterisation: "this is an attack on our country").
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ...data import read_tsv
from .coder import HEDGES
from .lexicon import people_nouns, word_forms

if TYPE_CHECKING:
    from spacy.tokens import Token

ASSERTED = frozenset({"realis", "reported", "future"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
POSSIBLE_AUX = frozenset({"could", "might", "may", "should", "must", "ought", "can", "ca"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
# Marks of a clause that, in the present tense, names what has not happened yet: "until Iraq
# pays", "before the army withdraws", "once the rebels disarm" (but "until the army attacked").
PENDING_MARKS = frozenset({"until", "till", "before", "once"})
# Nouns whose content clause is what someone perceives or fears, not a happening the text asserts:
# "the perception that the US wants to destroy X", "fears that the army will attack".
BELIEF_NOUNS = frozenset({"perception", "impression", "belief", "fear", "fears", "idea", "notion", "suspicion",
                          "suspicions", "speculation", "rumor", "rumors", "rumour", "rumours", "myth", "theory",
                          "assumption", "hope", "hopes", "worry", "worries", "sense", "feeling", "illusion",
                          "suggestion", "possibility", "prospect", "risk", "danger", "threat"})
# Prepositions that place one event in time by another: the other event is presupposed to have
# happened ("after the shooting", "since their arrests", "amid protests").
TEMPORAL_PREPS = frozenset({"after", "since", "following", "amid", "amidst", "during", "throughout", "before",
                            "until", "despite"})
# Purposes that name what the act itself was ("rallied to protest", "marched to demand").
MOTIVE_VERBS = frozenset({"protest", "demonstrate", "denounce", "condemn", "mark", "commemorate", "show",
                          "express", "voice"})
# Verbs of permission and ability: in the simple present they state a standing rule ("the law
# allows ..."), not an act.
STANDING_VERBS = frozenset({"allow", "permit", "enable", "let"})
# Nouns of an attempt: what was attempted was done, if unsuccessfully (the manual codes attempts).
ATTEMPT_NOUNS = frozenset({"attempt", "bid"})
# Verbs of using a means: their purpose clause is the act done with it.
INSTRUMENT_VERBS = frozenset({"use", "employ", "deploy"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "csubj", "conj", "parataxis"})


@lru_cache(maxsize=1)
def predicates() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for row in read_tsv("factuality_predicates.tsv"):
        out.setdefault((row["lemma"], row["pos"]), row["class"])
    return out


def _class(token: Token) -> str | None:
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else "ADJ" if token.pos_ == "ADJ" else "NOUN"
    if token.dep_ in ("acomp", "amod") or token.tag_ == "JJ":  # "is thrilled to": a predicative adjective
        adjective = predicates().get((token.lower_, "ADJ"))
        if adjective is not None:
            return adjective
    table = predicates()
    for form in word_forms(token.lower_, token.lemma_.lower(), token.tag_):  # ("hopes" lemmatised "hop")
        cls = table.get((form, pos))
        if cls is not None:
            return cls
    return None


def _is_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _under_report(verb: Token) -> bool:
    t = verb
    for _ in range(6):
        if t.head is t or t.head == t:
            return False
        if t.dep_ in ("ccomp", "conj", "advcl") and _class(t.head) == "report":
            return True
        t = t.head
    return False


def clause_verb(token: Token) -> Token:
    """The verb (or predicative adjective) whose clause `token` belongs to."""
    t = token
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.head == t:
            return t
        if t.dep_ in ("compound", "dobj", "nsubjpass", "nsubj", "attr", "oprd", "dative", "appos", "npadvmod",
                      "amod", "nmod", "poss", "conj"):
            t = t.head
        elif t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent", "dative"):
            prep = t.head
            if prep.head.pos_ in ("NOUN", "PROPN", "ADJ"):
                return t  # a noun's complement ("the threat of sanctions"): judged by `_noun_frame`
            t = prep.head
        else:
            return t
    return t


def _imperative(verb: Token) -> bool:
    """"Stop the war!", "Free the prisoners": a bare verb with no subject heading its clause."""
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "ccomp", "conj", "parataxis"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark", "expl") for c in verb.children):
        return False
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _imperative(verb.head)  # "X came and stop ..." shares X's subject; "free ... and stop ...!" not
    return True


def standing_position(verb: Token) -> bool:
    """"has long called for", "have long opposed": a position held for long, no happening."""
    return any(c.dep_ == "advmod" and c.lower_ == "long" for c in verb.children) and any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _asked_clause(verb: Token) -> bool:
    """A clause that is a question inside a longer sentence ("'Why go to war?' asked a trader"): its
    own question mark, among its words or right after them."""
    if verb.dep_ == "ROOT":
        return False
    end = verb.right_edge.i + 1
    return any(c.dep_ == "punct" and c.text == "?" for c in verb.children) or (
        end < len(verb.doc) and verb.doc[end].text == "?")


def _own_status(verb: Token, sentence_question: bool) -> str | None:
    """What the clause of `verb` itself says: a modal, a negation, a condition, a question, an
    order."""
    for c in verb.children:
        low = c.lower_
        if c.dep_ in ("aux", "auxpass"):
            if low in FUTURE_AUX:
                return "future"
            if low in ("would", "'d"):
                return "future" if _under_report(verb) else "hypothetical"
            if low in POSSIBLE_AUX:
                return "hypothetical"
        elif c.dep_ == "neg":
            return "negated"
        elif c.dep_ == "mark" and low in CONDITION_MARKS:
            return "conditional"
        elif c.dep_ == "advmod" and low in HEDGES:
            return "irrealis"
        elif c.dep_ == "mark" and low in PENDING_MARKS and verb.tag_ in ("VBZ", "VBP", "VB") and verb.dep_ == "advcl":
            return "hypothetical"

    if verb.dep_ == "advcl" and verb.left_edge.i >= 2 and verb.doc[verb.left_edge.i - 1].lower_ in ("and", "or") \
            and verb.doc[verb.left_edge.i - 2].lower_ in CONDITION_MARKS:
        return "conditional"  # "If and when the appeal goes to court, ...": the parser hangs "if" elsewhere
    if standing_position(verb):
        return "generic"
    if verb.lemma_.lower() == "go" and any(c.dep_ == "xcomp" for c in verb.children) and verb.tag_ == "VBG":
        return "future"  # "is going to attack"
    if sentence_question and verb.dep_ == "ROOT" or _asked_clause(verb):
        return "question"
    if verb.pos_ == "VERB" and _imperative(verb):
        return "irrealis"
    return None


def _noun_frame(noun: Token) -> str | None:
    """The status an event noun gets from the noun phrase it completes: "the threat of
    sanctions", "calls for a ceasefire", "the possibility of talks" are not happenings."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    holder = prep.head
    if prep.lower_ == "without":
        return "negated"
    if holder.pos_ in ("NOUN", "PROPN", "ADJ"):
        cls = _class(holder)
        if cls in ("irrealis", "negative"):
            return "irrealis" if cls == "irrealis" else "negated"
    return None


def intervening(inner: Token, top: Token, chain: set[int] | frozenset[int]) -> str | None:
    """The status a word between a wrapped event and the word that wraps it gives the event
    ("said the mayor hopes that her successor will push for ...": the push is only hoped for), or None.
    Words of the coder's chain (`chain`) are not read: their meaning is in the event's type."""
    verb = clause_verb(inner)
    if verb.i != inner.i and verb.i != top.i and verb.i not in chain and inner.dep_ in ("dobj", "xcomp", "ccomp"):
        status = _FRAME_STATUS.get(_class(verb) or "")  # "is contemplating an attack", "weighs sanctions"
        if status is not None:
            return status
    for _ in range(6):
        if verb.i == top.i or verb.head == verb:
            return None
        head, dep = verb.head, verb.dep_
        if head.i != top.i and head.i not in chain and (dep in ("ccomp", "xcomp") or dep == "acl" and head.pos_ == "NOUN"):
            # ("said X has no right to attack": a noun frames its infinitive too)
            status = _FRAME_STATUS.get(_class(head) or "")
            if status is not None:
                return status
            if dep in ("ccomp", "xcomp") and any(c.dep_ == "neg" for c in head.children):
                return "negated"  # "insisted the purpose isn't to invade": a negated frame between
        verb = clause_verb(head) if head.pos_ not in ("VERB", "AUX") else head
    return None


# The status a predicate's class gives what it frames.
_FRAME_STATUS = {"irrealis": "irrealis", "negative": "negated"}


def factuality(token: Token, stop: set[int] | frozenset[int] = frozenset()) -> tuple[str, Token | None]:
    """(status, the word that decided it) for the event named by `token`. Words in `stop`
    (a wrapping word the coder already combined with the event: "threatened to attack") are
    not read as making the event irrealis: their meaning is in the event's type."""
    question = _is_question(token.sent)
    if token.lemma_.lower() in STANDING_VERBS and token.tag_ in ("VBZ", "VBP") and not any(
            c.dep_ in ("aux", "auxpass") for c in token.children):
        return "generic", token  # "the programme allows investors to ...": a standing rule, no happening
    status = "realis"
    t = token
    seen = 0
    while seen < 12:
        seen += 1
        if t.dep_ == "pobj" and t.head.lower_ in TEMPORAL_PREPS and t.head.dep_ == "prep":
            return status, None  # a presupposed event: "after the shooting", "amid protests"
        if t.pos_ == "NOUN" and t.dep_ == "attr" and t.head.lemma_ == "be" and any(
                c.dep_ in ("nsubj", "expl") and c.pos_ in ("PRON", "DET") for c in t.head.children):
            return "generic", t.head  # a characterisation: "this is an attack on our country"
        if t.pos_ in ("NOUN", "PROPN"):
            frame = _noun_frame(t)
            if frame is not None and t.head.head.i not in stop:
                return frame, t.head.head
        verb = clause_verb(t)
        if t is token and token.pos_ == "NOUN" and verb is not token and _wh_clause(verb):
            if verb.i not in stop and _own_status(verb, question) == "conditional":
                return "conditional", verb  # "if and when the appeal goes to court"
            if _asked_clause(verb):
                return "question", verb  # "'Why have a war?' asked a trader": no war is said to happen
            return status, None  # "what caused the shooting", "why the attack happened": presupposed
        if verb.i not in stop:
            own = _own_status(verb, question)
            if own == "future":
                status = "future"
            elif own is not None:
                return own, verb
        if verb.head == verb or verb.dep_ == "ROOT":
            return status, None
        head = verb.head
        dep = verb.dep_
        if head.i in stop:
            t = head
            continue
        cls = _class(head)
        if dep == "xcomp" or (dep == "ccomp" and _is_infinitive(verb)):
            if cls == "factive" or head.lemma_.lower() in INSTRUMENT_VERBS and not any(
                    c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
                t = head
                continue
            if cls == "negative":
                return "negated", head
            if cls == "irrealis" or _is_infinitive(verb) and head.pos_ in ("VERB", "AUX", "ADJ") and \
                    head.lemma_.lower() != "be":
                return "irrealis", head
            t = head
            continue
        if dep == "ccomp":
            if cls == "negative":
                return "negated", head
            if cls == "irrealis":
                return "irrealis", head
            if cls == "report" and status == "realis":
                status = "reported"
            t = head
            continue
        if dep == "advcl":
            if _is_infinitive(verb) and verb.lemma_.lower() in MOTIVE_VERBS:
                t = head  # "walked off the job to protest the reform": the walkout is the protest
                continue
            if _is_infinitive(verb) and head.lemma_.lower() in INSTRUMENT_VERBS and not any(
                    c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
                t = head  # "used drones to attack a refinery": the attack was made (not "was used to")
                continue
            if _is_infinitive(verb):
                return "irrealis", head  # a purpose: "sent to destroy the depot"
            t = head
            continue
        if dep in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in BELIEF_NOUNS and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
            return "irrealis", head  # "the perception that X wants to destroy Y": perceived, not asserted
        if dep in ("acl", "relcl"):
            if (_is_infinitive(verb) or verb.tag_ == "VB") and head.lemma_.lower() in ATTEMPT_NOUNS:
                t = head  # "an attempt to assassinate the governor": the attempt is the act (PLOVER)
                continue
            if _is_infinitive(verb) or verb.tag_ == "VB":
                return "irrealis", head  # "efforts to stop", "the ability to travel"
            if dep == "relcl" and verb.tag_ in ("VBZ", "VBP") and not any(
                    c.dep_ in ("aux", "auxpass") for c in verb.children):
                left = verb.left_edge.i
                restrictive = left == 0 or verb.doc[left - 1].text != ","
                # the event word is itself the clause's verb ("the program, which allows ...")
                describes = verb.i == token.i and _class(verb) != "report"
                defining = restrictive and token.pos_ != "NOUN" and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in verb.children)
                if describes or defining:
                    # "the program, which allows ...", "supporters who say they approve of X": what
                    # they do or are, not a happening ("a boy who police say was shot": a report;
                    # "a streak that includes a shooting": the shooting happened)
                    return "generic", verb
            return status, None  # a relative clause describes its noun: its own status counts
        if dep == "pcomp":
            prep = head
            holder = prep.head
            if prep.lower_ == "without":
                return "negated", prep
            if prep.lower_ in ("including", "like"):  # a member of a list: as asserted as the list
                t = holder
                continue
            hcls = _class(holder)
            if hcls == "negative":
                return "negated", holder
            if hcls == "irrealis" and holder.pos_ in ("NOUN", "ADJ"):
                return "irrealis", holder
            t = holder
            continue
        if dep == "conj":
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                return status, None  # a clause of its own: "..., but offices were raided"
            t = head
            continue
        if dep in ("csubj", "parataxis"):
            t = head
            continue
        t = head
    return status, None


def _wh_clause(verb: Token) -> bool:
    """An embedded question ("police have not said what caused the shooting"): a clause
    under another word, opened by a wh-word that is one of its own parts."""
    if verb.dep_ not in ("ccomp", "pcomp", "xcomp", "advcl") or verb.head == verb:
        return False
    return any(c.tag_ in ("WP", "WRB", "WDT") and c.i < verb.i and c.dep_ in ("nsubj", "nsubjpass", "dobj", "advmod", "attr")
               for c in verb.children)


def _is_question(sent) -> bool:
    """Does the sentence end with a question mark (before closing quotes and brackets)? Read
    from its last tokens, not its text (building a sentence's text makes every token)."""
    doc = sent.doc
    i = sent.end - 1
    for _ in range(4):
        if i < sent.start:
            return False
        t = doc[i].text.strip()
        if t and t.rstrip("\"'”’»)"):
            return t.rstrip("\"'”’»)").endswith("?")
        i -= 1
    return False


_PERSON_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "him", "her", "them", "who"})


def accidental(token: Token) -> bool:
    """Is the happening of `token` said to be an accident: a modifier of class accident on it
    ("detonated accidentally", "an accidental explosion") or on the happening it came about in
    ("were killed in two accidental explosions")?"""
    def marked(t: Token) -> bool:
        return any(c.dep_ in ("amod", "advmod") and predicates().get(
            (c.lower_, "ADV" if c.pos_ == "ADV" else "ADJ")) == "accident" for c in t.children)

    def someone(t: Token, deps: tuple[str, ...]) -> bool:
        return any(c.dep_ in deps and (
            c.ent_type_ == "PERSON" or c.lower_ in _PERSON_PRONOUNS or c.dep_ == "agent" or
            c.lemma_.lower() in people_nouns()) for c in t.children)

    def direct(t: Token) -> bool:
        # a person acts, or is acted on by the accidental act itself: "X accidentally shot Y",
        # "Y was accidentally shot" stay one person's act on another; a thing's accident ("the
        # device detonated accidentally", "were killed in an accidental explosion") is no event
        if marked(t):
            return not someone(t, ("nsubj", "nsubjpass", "agent"))
        return not someone(t, ("nsubj", "agent")) and any(
            c.dep_ == "prep" and c.lower_ in ("in", "by", "from") and any(
                g.dep_ == "pobj" and marked(g) for g in c.children) for c in t.children)

    # ("exploded prematurely, killing the bomber": the killing is the accident's result)
    return direct(token) or token.dep_ in ("advcl", "xcomp") and token.tag_ == "VBG" and direct(token.head)


def asserted(status: str) -> bool:
    return status in ASSERTED


__all__ = ["ASSERTED", "accidental", "asserted", "clause_verb", "factuality", "intervening", "predicates", "standing_position"]
