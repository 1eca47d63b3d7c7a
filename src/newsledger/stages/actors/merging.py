"""Merging mentions into entities (step 3 of the actors stage).

Countries merge by code, demonyms by country and form, group descriptions by country and
sector, places and organisations by name key; people by the words of their names
("Lindqvist" joins "Maria Lindqvist"). A part of a person's full name that NER tagged as
something else becomes a mention of that person, and a surname of a person named in full
that NER did not tag elsewhere in the article becomes a mention too.

A person's name is read with care where NER is least reliable: in a headline (a title-case
line, "Minister Says Talks Will Resume") a person span keeps only the words that the body's
person names confirm ("Holm Says" -> "Holm"; none: no person), and a span that is another full name with
words before it that are no first name ("Crooked Maria Lindqvist") loses them. The entity is
named by its full name written most often.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ...document import span_text
from ...names import first_name_gender, name_key
from .run import ActorsRun, Group, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def merge(run: ActorsRun, doc: Doc, mentions: list[Mention]) -> list[Group]:
    groups: dict[tuple, Group] = {}
    people: list[Group] = []
    full_names = [frozenset(name_key(t.text) for t in doc[m.start:m.end] if not t.is_punct)
                  for m in mentions if m.label == "PERSON" and m.end - m.start > 1]
    for m in mentions:
        # a part of a person's full name that NER tagged as something else ("Lindqvist" as ORG)
        if m.label in ("ORG", "NORP", "GPE", "LOC") and not m.country and m.source == "ner":
            words = frozenset(name_key(t.text) for t in doc[m.start:m.end] if not t.is_punct)
            if words and any(words < full for full in full_names):
                m.label, m.sector = "PERSON", None
    trim_person_spans(run, doc, [m for m in mentions if m.label == "PERSON"])
    mentions = [m for m in mentions if m.label]
    persons = sorted((m for m in mentions if m.label == "PERSON"), key=lambda m: -(m.end - m.start))
    for m in mentions:
        if m.label == "PERSON":
            continue
        text = span_text(doc, m.start, m.end)
        key: tuple[str | None, ...]
        if m.label == "GPE" and m.country and m.name:  # a country name: one entity per country
            key = ("GPE", m.country)
            name = m.name
        elif m.label == "NORP" and m.country:
            key = ("NORP", m.country, text.casefold())
            name = text
        elif m.label == "ORG" and m.source == "group" or m.label == "ORG" and m.sector and m.country:
            key = ("ORG-GROUP", m.country, m.sector) if m.country else ("ORG", text.casefold())
            name = text
        elif m.label in PLACE_LABELS:
            key = ("PLACE", name_key(text))  # a region tagged GPE once and LOC once is one place
            name = text
        else:
            key = (m.label, name_key(text))
            name = text
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(m.label, key, name=name, country=m.country, sector=m.sector)
        else:
            if len(name) > len(g.name) and m.label == "ORG" and m.source != "group":
                g.name = name  # prefer the proper name over a description
            if g.label != m.label and m.label == "GPE":
                g.label = "GPE"
            g.country = g.country or m.country
            g.sector = g.sector or m.sector
        g.mentions.append(m)
    for m in persons:
        words = frozenset(name_key(t.text) for t in doc[m.start:m.end] if not t.is_punct)
        target = None
        for g in people:
            if words <= g.name_tokens:
                target = g
                break
        if target is None:
            target = Group("PERSON", ("PERSON", len(people)), name=doc[m.start:m.end].text, name_tokens=words)
            people.append(target)
        target.mentions.append(m)
        target.role = target.role or m.role
        target.sector = target.sector or m.sector
        target.country = target.country or m.country
    for g in people:
        g.name = _usual_full_name(doc, g) or g.name
    for g in groups.values():
        if g.key[0] == "ORG-GROUP" and len(g.mentions) > 1:
            g.name = _usual_description(doc, g) or g.name
    return list(groups.values()) + people


def _usual_description(doc: Doc, g: Group) -> str | None:
    """The name of one side's officials named by several descriptions ("60 Russian diplomats",
    "the Russian government", "Russian officials"): the description the text uses most, one
    without a count before it rather than one with, the first among equals."""
    texts = [doc[m.start:m.end].text for m in sorted(g.mentions, key=lambda m: m.start)]
    if not texts:
        return None
    counts = Counter(texts)
    return max(texts, key=lambda t: (counts[t], not t[:1].isdigit(), -texts.index(t)))


def _usual_full_name(doc: Doc, g: Group) -> str | None:
    """The full name (two words or more) the article writes most often for the person; among
    equals the longest, then the first."""
    counts: dict[str, list[int]] = {}
    for n, m in enumerate(g.mentions):
        if m.end - m.start >= 2 and m.source in ("ner", "knowledge", "dict"):
            counts.setdefault(doc[m.start:m.end].text, []).append(n)
    if not counts:
        return None
    return max(counts, key=lambda t: (len(counts[t]), len(t), -counts[t][0]))


def headline_tokens(run: ActorsRun) -> set[int]:
    """Tokens of title-case lines (a headline or a subheading kept in the text): every content
    word capitalised, at least three of them, no full stop at the end."""
    document = run.document
    text = document.text
    tokens = document.tokens
    out: set[int] = set()
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        words = [w for w in line.split() if any(c.isalpha() for c in w)]
        content = [w for w in words if w.strip("“”\"'‘’(").lower() not in _FUNCTION_WORDS]
        if len(content) >= 3 and not line.rstrip().endswith(".") and all(
                w.lstrip("“\"'‘(")[:1].isupper() or not w.lstrip("“\"'‘(")[:1].isalpha() for w in content):
            out.update(i for i in range(len(tokens.idx)) if start <= tokens.idx[i] < end)
        start = end + 1
    return out


_FUNCTION_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "from",
                   "as", "is", "vs", "vs.", "via", "into", "over", "up"}


def trim_person_spans(run: ActorsRun, doc: Doc, persons: list[Mention]) -> None:
    """Person spans cut to the name: in a headline, to the words the body's person names confirm;
    elsewhere, without leading words that stand before another full name and are no first name."""
    if not persons:
        return
    headline = headline_tokens(run)
    body_words = {t.text for m in persons if m.start not in headline for t in doc[m.start:m.end]}
    full_names = {doc[m.start:m.end].text for m in persons if m.end - m.start >= 2 and m.start not in headline}
    for m in persons:
        if m.source not in ("ner", "knowledge"):
            continue
        if m.start in headline:
            a, b = m.start, m.end
            while a < b and doc[a].text not in body_words:
                a += 1
            while b > a and doc[b - 1].text not in body_words:
                b -= 1
            if a < b:
                m.start, m.end = a, b
            elif m.source == "ner":
                m.label = ""  # "Azerbaijan Released": no word of it names a person in the body
            continue
        for k in range(m.start + 1, m.end - 1):
            if doc[k:m.end].text in full_names and not any(
                    first_name_gender(t.text) for t in doc[m.start:k]):
                m.start = k
                break


def add_missed_surnames(run: ActorsRun, doc: Doc, groups: list[Group]) -> None:
    """Full names or surnames of known people that NER did not tag elsewhere in the text."""
    taken = {i for g in groups for m in g.mentions for i in range(m.start, m.end)}
    surnames: dict[str, Group | None] = {}
    for g in groups:
        if g.label != "PERSON":
            continue
        words = [t for t in doc[g.mentions[0].start:g.mentions[0].end] if not t.is_punct]
        if len(words) < 2:
            continue
        last = words[-1].text
        # a surname shared by two people in the article names neither
        surnames[last] = None if last in surnames and surnames[last] is not g else g
    for token in doc:
        owner = surnames.get(token.text)
        if owner is None or token.i in taken or not token.is_title or token.ent_type_ not in ("", "PERSON"):
            continue
        owner.mentions.append(Mention(token.i, token.i + 1, "PERSON", source="ner"))
        taken.add(token.i)
