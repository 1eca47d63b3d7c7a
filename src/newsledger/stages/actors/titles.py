"""Reading titles, roles and countries around names: the descriptors the actors stage codes with.

A title chain before a name ("Lebanon's new President", "British Defence Secretary"), an
appositive after it (", the Swedish president,", ", president of Turkey,"), "of Norway" right
after it; and for organisations, a country word in or before the name ("Swedish Army", "Armed
Forces of Sweden", "Ivory Coast's Supreme Court") and the sector its group words give
("Ministry of Defence" -> MIL). Every word list comes from the dictionaries (data files).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...document import span_text
from ...names import is_honorific

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from ...knowledge import KnownActor
    from .run import ActorsRun

POSSESSIVE = {"'s", "’s", "'", "’"}
MAX_CHAIN = 8


@dataclass(frozen=True)
class Title:
    start: int  # first token of the descriptor (after a determiner)
    end: int
    role: str
    sector: str | None
    country: str | None


def country_word(run: ActorsRun, doc: Doc, i: int, lo: int) -> tuple[str | None, int]:
    """A country word ending at token i (a demonym, a country name of up to 4 words, or a
    possessive "X's"): (iso3, first token index) or (None, i)."""
    t = doc[i]
    if t.text in POSSESSIVE and i - 1 >= lo:
        for k in range(4, 0, -1):
            a = i - k
            if a < lo:
                continue
            words = span_text(doc, a, i)
            code = run.dicts.country_of_name(words) or run.dicts.country_of_capital(words)
            if code:
                return code, a
        return None, i
    code = run.dicts.country_of_demonym(t.text)
    if code:
        return code, i
    for k in range(4, 0, -1):
        a = i - k + 1
        if a < lo:
            continue
        code = run.dicts.country_of_name(span_text(doc, a, i + 1))
        if code:
            return code, a
    return None, i


def title_at_end(run: ActorsRun, doc: Doc, lo: int, end: int) -> tuple[int, str | None] | None:
    """The longest known title ending at `end` (exclusive): (start, sector)."""
    for k in range(min(run.dicts.max_title_words, end - lo), 0, -1):
        known, sector = run.dicts.title_sector(span_text(doc, end - k, end))
        if known:
            return end - k, sector
    return None


def descriptor(run: ActorsRun, doc: Doc, lo: int, end: int, *, need_title_at_end: bool) -> Title | None:
    """Read a title chain ending at `end`, going left no further than `lo`:
    [country word] [qualifiers, org words, capitalised nouns]* title.
    "Lebanon's new President", "British Defence Secretary", "Nigerian junior foreign minister"."""
    found = title_at_end(run, doc, lo, end) if need_title_at_end else None
    if need_title_at_end and not found:
        return None
    i = found[0] - 1 if found else end - 1
    sector = found[1] if found else None
    has_title = bool(found)
    group_sector = None
    country = None
    start = found[0] if found else end
    steps = 0
    while i >= lo and steps < MAX_CHAIN:
        t = doc[i]
        code, a = country_word(run, doc, i, lo)
        if code:
            country, start = code, a
            break
        low = t.lower_
        title = title_at_end(run, doc, lo, i + 1)
        if title:
            has_title = True
            sector = sector or title[1]
            start = title[0]
            i = title[0] - 1
            steps += 1
            continue
        if low in run.dicts.group_modifiers or low in run.dicts.group_heads:
            group_sector = group_sector or run.dicts.group_modifiers.get(low) or run.dicts.group_heads.get(low)
        elif not (low in run.dicts.qualifiers or low in ("and", "&", "-", "of", "for")
                  or t.is_title and t.pos_ in ("PROPN", "NOUN", "ADJ")
                  or t.is_upper and len(t.text) > 1 and t.pos_ == "PROPN"):  # "FBI Director"
            break
        if t.ent_type_ in ("PERSON",) or t.is_sent_start and low not in run.dicts.qualifiers and not t.is_title \
                and not t.is_upper:
            break
        start = i
        i -= 1
        steps += 1
    if not has_title:
        return None
    past = any(t.lower_ in run.dicts.past_qualifiers for t in doc[start:end])  # "former President"
    while start < end and doc[start].lower_ in {"and", "of", "for", "-"} | run.dicts.qualifiers:
        start += 1
    role_start = start
    if country is not None:
        # the role is written without the country word: "President", not "Lebanon's new President"
        j = start
        while j < end and (country_word(run, doc, j, j)[0] or doc[j].text in POSSESSIVE):
            j += 1
        role_start = j
    # qualifiers before the title go ("new President"); words of the title itself stay ("Police Chief")
    title_start = found[0] if found else end
    words = [t for t in doc[role_start:end] if t.i >= title_start or t.lower_ not in run.dicts.qualifiers]
    role = " ".join(t.text for t in words).strip() or doc[role_start:end].text
    sector = group_sector if group_sector and group_sector != "GOV" else (sector or group_sector)
    org = _known_organisation(run, doc, role_start, found[0] if found else end)
    if org is not None:  # "FBI Director": an official of a known organisation is of its country
        country = country or org.country
        sector = sector or org.sector
    if all(is_honorific(t.text) for t in words):
        role = ""  # "Mr.": a form of address, no role
    elif past:
        role, sector = f"former {role}", "ELI"  # PLOVER/CAMEO: former officials are elites
    return Title(start, end, role, sector, country)


def _known_organisation(run: ActorsRun, doc: Doc, start: int, end: int) -> KnownActor | None:
    """The organisation the knowledge layers know by a name inside doc[start:end] (the words of a
    title chain before the title itself: "FBI" in "FBI Director"), the longest first."""
    for k in range(min(4, end - start), 0, -1):
        for a in range(start, end - k + 1):
            if not doc[a].text[:1].isupper():
                continue
            known = run.known(doc[a:a + k].text)
            if known is not None and known.type == "ORG" and (known.country or known.sector):
                return known
    return None


def title_before(run: ActorsRun, doc: Doc, start: int) -> Title | None:
    """A title chain right before a name ("Norwegian President" Lindqvist)."""
    if start == 0:
        return None
    lo = max(doc[start].sent.start, start - MAX_CHAIN - 2)
    return descriptor(run, doc, lo, start, need_title_at_end=True)


def title_after(run: ActorsRun, doc: Doc, end: int) -> Title | None:
    """An appositive after a name: ", the Swedish president," / ", Turkey's foreign minister,"
    / ", president of Turkey,"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    i = end + 1
    sent_end = doc[end].sent.end
    if i < sent_end and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    j = i
    while j < sent_end and j - i <= MAX_CHAIN and not (doc[j].is_punct and doc[j].text not in "-'’"):
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].lower_ in ("who", "which", "that"):
            return None
        j += 1
    if j == i:
        return None
    # "president of Turkey": the title then "of" + country
    of_country = None
    stop = j
    for k in range(i, j):
        if doc[k].lower_ == "of" and k > i:
            of_country = run.dicts.country_of_name(doc[k + 1:j].text)
            if of_country:
                stop = k
            break
    title = descriptor(run, doc, i, stop, need_title_at_end=True)
    if title is None:
        return None
    country = title.country or of_country
    role = title.role
    return Title(title.start, j, role, title.sector, country)


def of_country_after(run: ActorsRun, doc: Doc, end: int) -> str | None:
    """"Maria Lindqvist of Norway": a country named right after the name with "of"."""
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        for k in range(4, 0, -1):
            if end + 1 + k <= len(doc):
                code = run.dicts.country_of_name(doc[end + 1:end + 1 + k].text)
                if code:
                    return code
    return None


def org_country(run: ActorsRun, doc: Doc, start: int, end: int) -> str | None:
    """A country word inside an organisation's name ("Swedish Army", "Armed Forces of
    Sweden", "Oslo University"), or a possessive / country word right before it
    ("Ivory Coast's Supreme Court", "US Congress")."""
    span = doc[start:end]
    code = country_in(run, span)
    if code:
        return code
    for t in span:
        code = run.dicts.country_of_capital(t.text)
        if code:
            return code
    if start > 0:
        code, _ = country_word(run, doc, start - 1, max(0, start - 5))
        if code:
            return code
    return None


def org_sector(run: ActorsRun, doc: Doc, start: int, end: int) -> str | None:
    span = doc[start:end]
    # no group phrase is longer than the longest in the dictionary: a long name costs linear time
    longest = run.dicts.longest_group_phrase()
    for k in range(min(len(span), longest), 0, -1):  # the last group word wins: "Ministry of Defence" -> MIL
        for a in range(0, len(span) - k + 1):
            words = span[a:a + k].text.casefold()
            if k > 1 and words in run.dicts.group_heads:
                return run.dicts.group_heads[words]
    for t in reversed(span):
        if t.lower_ in run.dicts.group_heads and t.lower_ not in ("people", "official", "officials"):
            return run.dicts.group_heads[t.lower_]
    return None


def country_in(run: ActorsRun, span: SpacySpan) -> str | None:
    for token in span:
        iso3 = run.dicts.country_of_demonym(token.text) or run.dicts.country_of_name(token.text)
        if iso3:
            return iso3
    # multi-word names inside ("Armed Forces of the United States")
    words = [t.text for t in span]
    for i in range(len(words)):
        for j in range(min(len(words), i + 5), i + 1, -1):
            iso3 = run.dicts.country_of_name(" ".join(words[i:j]))
            if iso3:
                return iso3
    return None
