"""Coreference (step 6 of the actors stage): role descriptions and pronouns to people.

"the President of Norway", "the Norwegian leader", "the president" go to the person with
that role named in the last sentences (a bare title only when one person in the window has
it); he/she/him/her go to the person last named within a few sentences whose gender does not
contradict the pronoun (`person_gender`: an honorific or gendered title written next to a
mention, "Mrs. Dahl", "Chairwoman Berg", else the first name). Each becomes a mention of
that person, so the quotes and events stages read speakers and participants
from `document.mentions`.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ...names import first_name_gender, word_gender
from ..quotes.marks import find_quote_spans
from .run import ActorsRun, Group, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_PRONOUN_WINDOW_SENTENCES = 3
_ROLE_WINDOW_SENTENCES = 6


def resolve(run: ActorsRun, groups: list[Group]) -> None:
    doc = run.doc
    resolve_roles(run, doc, groups)
    resolve_pronouns(run, doc, groups)


def person_gender(doc: Doc, g: Group) -> str | None:
    """"m", "f" or None: an honorific or gendered title right before a mention ("Mrs. Dahl",
    "Chairwoman Berg") or heading a role description resolved to the person ("the
    congresswoman"), else the first name of the person's fullest name, when they agree."""
    said: set[str] = set()
    full: tuple[int, int] | None = None
    for m in g.mentions:
        if m.source == "pronoun":
            continue
        if m.source == "role":
            gender = word_gender(doc[m.end - 1].text)
        else:
            k = m.start - 1
            if k >= 0 and doc[k].text == "," and k - 1 >= 0:
                k -= 1  # "his wife, Anna Berg"
            gender = word_gender(doc[k].text) if k >= 0 else None
            if m.end - m.start >= 2 and (full is None or m.end - m.start > full[1] - full[0]):
                full = (m.start, m.end)
        if gender:
            said.add(gender)
    if len(said) == 1:
        return said.pop()
    if said or full is None:
        return None
    return first_name_gender(doc[full[0]].text)


def resolve_roles(run: ActorsRun, doc: Doc, groups: list[Group]) -> None:
    """'the President of Norway', 'the Swedish leader', 'the president' -> the person with that role."""
    people = [g for g in groups if g.label == "PERSON"]
    if not people:
        return
    taken = {i for g in groups for m in g.mentions for i in range(m.start, m.end)}
    sent_index = run.document.token_sentence
    for token in doc:
        if token.i in taken or token.pos_ not in ("NOUN", "PROPN"):
            continue
        known, sector = run.dicts.title_sector(token.text)
        if not known and token.lower_ != "leader":
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON":
            continue  # a title before a name, not a description
        det = [c for c in token.lefts if c.dep_ == "det" and c.lower_ == "the"]
        country = None
        start = token.i
        for c in token.lefts:
            code = run.dicts.country_of_demonym(c.text) or run.dicts.country_of_name(c.text)
            if not code and c.dep_ == "poss":
                code = run.dicts.country_of_name(doc[c.left_edge.i:c.i + 1].text)
            if code:
                country = country or code
                start = min(start, c.left_edge.i)
        if not det and country is None:
            continue
        if det:
            start = min(start, det[0].i)
        end = token.i + 1
        for c in token.rights:
            if c.dep_ == "prep" and c.lower_ == "of":
                for pobj in c.children:
                    iso3 = run.dicts.country_of_name(doc[pobj.left_edge.i:pobj.i + 1].text)
                    if iso3:
                        country = country or iso3
                        end = pobj.i + 1
        if any(i in taken and doc[i].ent_type_ == "PERSON" for i in range(start, end)):
            continue
        title = token.text.casefold()
        candidates = []
        for g in people:
            earlier = [m for m in g.mentions if m.start < token.i]
            if not earlier:
                continue
            last = max(m.start for m in earlier)  # (mentions are not in text order: roles are appended)
            if sent_index[token.i] - sent_index[last] > _ROLE_WINDOW_SENTENCES:
                continue
            role_words = (g.role or "").casefold().split()
            role_ok = title in role_words or (title == "leader" and g.sector == "GOV")
            country_ok = g.country in (None, country) if country else True
            if role_ok and country_ok:
                candidates.append((max(m.start for m in earlier), g))
        if not candidates:
            continue
        if country is None and len({id(g) for _, g in candidates}) > 1:
            continue  # a bare "the president": only when one person in the window has that title
        _, g = max(candidates, key=lambda c: c[0])
        g.country = g.country or country
        g.mentions.append(Mention(start, end, "PERSON", source="role"))
        taken.update(range(start, end))


def resolve_pronouns(run: ActorsRun, doc: Doc, groups: list[Group]) -> None:
    people = [g for g in groups if g.label == "PERSON"]
    if not people:
        return
    sent_of = run.document.token_sentence
    genders = [person_gender(doc, g) for g in people]
    quoted = sorted((q.start, q.end) for q in find_quote_spans(run.document.text)[0])
    starts = [a for a, _ in quoted]

    def in_quote(char: int) -> bool:
        k = bisect.bisect_right(starts, char) - 1
        return k >= 0 and quoted[k][0] <= char < quoted[k][1]

    for token in doc:
        if token.lower_ not in _PRONOUNS or token.pos_ != "PRON":
            continue
        # outside quotes, a person named inside a quote is not whom the writer's pronoun means
        # ('“I called Berg,” he said': he is not Berg)
        outside = not in_quote(token.idx)
        best = None
        for g, gender in zip(people, genders, strict=True):
            if gender is not None and gender != _PRONOUNS[token.lower_]:
                continue
            before = [m for m in g.mentions if m.end <= token.i and m.source != "pronoun"
                      and not (outside and in_quote(doc[m.start].idx))]
            if not before:
                continue
            last = max(before, key=lambda m: m.start)
            if sent_of[token.i] - sent_of[last.start] > _PRONOUN_WINDOW_SENTENCES:
                continue
            # prefer the person last named, then one named as a subject
            score = (last.start, doc[last.start:last.end].root.dep_ in ("nsubj", "nsubjpass"))
            if best is None or score > best[0]:
                best = (score, g)
        if best is not None:
            best[1].mentions.append(Mention(token.i, token.i + 1, "PERSON", source="pronoun"))
