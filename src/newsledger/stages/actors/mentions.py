"""Candidate mentions of actors (steps 1 and 2 of the actors stage), all on the one parse.

- spaCy's named entities, repaired: a span that is a country name is a GPE, a demonym a NORP,
  a known place (country, capital, gazetteer town) is never a PERSON, an ORG that is only a
  gazetteer town is a GPE, a name the knowledge layers know as a person is a PERSON;
  determiners, possessives and titles are trimmed off, and a title or appositive gives a
  person's role, sector and country (titles.py);
- country names and demonyms NER missed (the dictionaries);
- names the knowledge layers know that NER missed: a multi-word name or an acronym;
- group noun phrases: "Norway's forces", "separatist forces", "US and British troops".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...countries import stance_prefixed
from ...knowledge import choose
from .run import ActorsRun, Mention
from .titles import (
    POSSESSIVE,
    country_word,
    of_country_after,
    org_country,
    org_sector,
    title_after,
    title_before,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...document import Document

# NER labels that name actors or places; numbers and dates belong to other stages.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
STRIP_LEFT = {"the", "a", "an", "“", '"', "‘", "'", "(", "[", "-", "—", "–"}
STRIP_RIGHT = {"’s", "'s", "’", "'", "”", '"', ")", "]", ",", ".", ":", ";", "-", "—", "–"}
NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "du", "la", "le", "ben", "abu", "di", "dos"}


def find_mentions(run: ActorsRun) -> list[Mention]:
    """Every candidate mention, in text order (longest first at one start). Sets `run.focus`, the
    countries the article's country names and demonyms point at, which the later steps read."""
    doc = run.doc
    mentions = ner_mentions(run, doc)
    mentions = dictionary_mentions(run, run.document, mentions)
    run.focus = {m.country for m in mentions if m.country and m.label in ("GPE", "NORP")}
    mentions.extend(knowledge_mentions(run, run.document, mentions))
    mentions.extend(group_mentions(run, doc, mentions))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def clean(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A span without determiners, quote marks, brackets and trailing punctuation, and within
    one line (the longest line of a span that runs across line breaks)."""
    start, end = _strip(doc, start, end)
    breaks = [i for i in range(start, end) if "\n" in doc[i].text]
    if breaks:
        # no name runs across a line break ("Police\n\nIncident Location"): the longest line of it
        bounds = [start, *(b for i in breaks for b in (i, i + 1)), end]
        parts = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
        start, end = max(parts, key=lambda p: (p[1] - p[0], -p[0]))
        return clean(doc, start, end)
    return start, end


def _strip(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in STRIP_LEFT or doc[start].is_space
                           or not any(c.isalnum() for c in doc[start].text)):
        start += 1  # "― Ana Ruiz": no name starts with a dash, a bracket or a no-break space
    while end > start and (doc[end - 1].lower_ in STRIP_RIGHT or doc[end - 1].is_space
                           or doc[end - 1].is_punct and doc[end - 1].text not in ".&"):
        end -= 1
    return start, end


def crosses_line(doc: Doc, start: int, end: int) -> bool:
    return any("\n" in doc[i].text for i in range(start, end))


def is_dateline(doc: Doc, start: int, end: int) -> bool:
    """ "OSLO --", "WASHINGTON (Reuters) -": a place in capitals that opens a paragraph, then a dash."""
    if start > 0 and "\n" not in doc[start - 1].text:
        return False
    if not all(t.is_upper or not t.is_alpha for t in doc[start:end]):
        return False
    k = end
    if k < len(doc) and doc[k].text == "(":  # "(AP)", "(Reuters)"
        while k < len(doc) and k < end + 5 and doc[k].text != ")":
            k += 1
        k += 1
    return k < len(doc) and doc[k].text in ("--", "—", "–", "-", ":")


def is_address(run: ActorsRun, doc: Doc, start: int, end: int) -> bool:
    """ "Birch St.", "1915 Birch St.", "Lakeview Drive": a street, never an actor."""
    if doc[end - 1].lower_ in run.dicts.street_words or end < len(doc) and doc[end].text == "." and \
            f"{doc[end - 1].lower_}." in run.dicts.street_words:
        return True
    return start > 0 and doc[start - 1].like_num and end - start <= 3 and any(
        t.lower_ in run.dicts.street_words for t in doc[start:min(len(doc), end + 2)])


def ner_mentions(run: ActorsRun, doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        start, end = clean(doc, ent.start, ent.end)
        if start >= end:
            continue
        if ent.label_ in ("ORG", "FAC", "EVENT") and crosses_line(doc, *_strip(doc, ent.start, ent.end)):
            continue  # "Police\n\nIncident Location": form fields NER joined, no organisation
        if is_address(run, doc, start, end) and ent.label_ != "FAC":
            continue  # "Birch St.", "Lakeview Drive": an address, no actor (the places stage reads it)
        m = Mention(start, end, ent.label_)
        if m.label in ("ORG", "PERSON", "NORP", "GPE") and is_dateline(doc, start, end):
            m.label, m.dateline = "GPE", True  # "OSLO --": where the story was filed
        repair(run, doc, m)
        if m.label and m.start < m.end:
            out.append(m)
    return out


def repair(run: ActorsRun, doc: Doc, m: Mention) -> None:
    span = doc[m.start:m.end]
    text = span.text
    iso3 = run.dicts.country_of_name(text)
    if iso3:
        m.label, m.country, m.name = "GPE", iso3, run.dicts.countries[iso3].name
        return
    iso3 = run.dicts.country_of_demonym(text)
    if iso3:
        m.label, m.country = "NORP", iso3
        return
    if run.dicts.is_ambiguous(text):  # "Congo": a country, but which one the name cannot tell
        m.label = "NORP" if m.label == "NORP" else "GPE"
        return
    if m.label != "PERSON" and run.known_person_name(text) and not run.is_capital(text):
        m.label = "PERSON"  # a known full name tagged ORG

    if m.label == "PERSON":
        m.start = given_names_before(run, doc, m.start)
        m.start, m.end = trim_person(run, doc, m.start, m.end)
        if m.start >= m.end:
            m.label = ""
            return
        span = doc[m.start:m.end]
        code = run.dicts.country_of_name(span.text)
        if code:
            m.label, m.country = "GPE", code
            m.name = run.dicts.countries[code].name
            return
        if is_place_not_person(run, doc, m):
            m.label = "GPE"
            if run.is_capital(span.text):
                m.country, m.capital = run.dicts.country_of_capital(span.text), True
            return
        title = title_before(run, doc, m.start) or title_after(run, doc, m.end)
        if title:
            m.role, m.sector, m.country = title.role, title.sector, title.country
        m.country = m.country or of_country_after(run, doc, m.end)
        return
    if m.label in ("ORG", "PERSON"):
        head = span.root
        sector = run.dicts.group_heads.get(span.text.casefold()) or run.dicts.group_heads.get(head.text.casefold())
        if sector and m.label == "ORG":
            m.sector = sector
    if m.label == "ORG" and run.is_capital(text) or m.label == "ORG" and org_is_town(run, doc, m):
        m.label = "GPE"
    if m.label in ("GPE", "LOC") and run.is_capital(text):
        m.country, m.capital = run.dicts.country_of_capital(text), True
    if m.label == "ORG":
        m.country = m.country or org_country(run, doc, m.start, m.end)
        m.sector = m.sector or org_sector(run, doc, m.start, m.end)


def given_names_before(run: ActorsRun, doc: Doc, start: int) -> int:
    """Where a person's name starts when NER tagged only its last part ("Police Chief Anders
    [Berg]"): up to two capitalised proper nouns right before it, in no other entity and no
    title, country or demonym, after a title or a comma ("spokesman, Per [Holm]")."""
    k = start
    while k > 0 and start - k < 2:
        t = doc[k - 1]
        low = t.lower_
        if not (t.pos_ == "PROPN" and t.is_title and t.ent_type_ == "" and low not in run.dicts.title_words
                and low not in run.dicts.qualifiers and not run.dicts.country_of_any(t.text)):
            break
        k -= 1
    if k == start:
        return start
    before = doc[k - 1] if k > 0 else None
    after_title = before is not None and (before.lower_ in run.dicts.title_words or before.text == ",")
    return k if after_title else start


def trim_person(run: ActorsRun, doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Move titles, qualifiers and country words off the front of a PERSON span
    ("President Maria Lindqvist", "Norwegian President Lindqvist" -> the name only)."""
    while start < end - 1:
        t = doc[start]
        low = t.lower_
        if (low in run.dicts.title_words or low in run.dicts.qualifiers
                or run.dicts.country_of_demonym(t.text) or low in POSSESSIVE):
            # a title word that is the whole remaining first name stays ("Major" as a name is rare)
            start += 1
            continue
        if run.dicts.country_of_name(t.text) and doc[start + 1].text in POSSESSIVE:
            start += 2
            continue
        break
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    # a lone title left ("President") is not a name
    if end - start == 1 and doc[start].lower_ in run.dicts.title_words and not run.known(doc[start].text, "PERSON"):
        return start, start
    return start, end


def is_place_not_person(run: ActorsRun, doc: Doc, m: Mention) -> bool:
    """A PERSON span that is a known capital, or that the gazetteer knows as a town or region
    and no title, known person or fuller name in the article makes a person."""
    text = doc[m.start:m.end].text
    if title_before(run, doc, m.start) or run.known(text, "PERSON"):
        return False
    if run.is_capital(text):
        return True
    if m.end - m.start > 2:
        return False
    # "Lindqvist" after "Maria Lindqvist" stays a person: the word is a known name part here.
    words = {t.text for t in doc[m.start:m.end]}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > len(words) and words < {t.text for t in ent}:
            return False
    if m.end - m.start == 1 and _titled_elsewhere(run, doc, text):
        return False  # "Nakamura" after "Deputy Governor Hiroshi Nakamura": a person's surname
    places = run.gazetteer.lookup(text)
    return any(p.kind in ("city", "region", "country") and p.population >= 1000 for p in places)


def _titled_elsewhere(run: ActorsRun, doc: Doc, word: str) -> bool:
    """`word` written elsewhere in the article after a title and a given name ("Governor Hiroshi
    Nakamura"): the name of a person, whatever the gazetteer says."""
    for t in doc:
        if t.text == word and t.i >= 2 and doc[t.i - 1].is_title and doc[t.i - 1].pos_ == "PROPN" \
                and title_before(run, doc, t.i - 1):
            return True
    return False


def org_is_town(run: ActorsRun, doc: Doc, m: Mention) -> bool:
    """An ORG span with no organisation word that the gazetteer knows as a town or region in
    a country the article is about, or as a sizeable place ("the occupied X district")."""
    span = doc[m.start:m.end]
    if any(t.lower_ in run.dicts.org_name_words or t.lower_ in run.dicts.group_heads for t in span):
        return False
    if any(not t.is_title for t in span if t.is_alpha) or len(span) > 3:
        return False
    if run.known(span.text):
        return False
    places = run.gazetteer.lookup(span.text)
    return any(p.kind in ("city", "region") and (p.country in run.focus_early() or p.population >= 100_000)
               for p in places)


def dictionary_mentions(run: ActorsRun, document: Document, mentions: list[Mention]) -> list[Mention]:
    """Country names and demonyms that NER missed or mislabelled."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found: list[Mention] = []
    tok = document.tokens
    text = document.text
    n = len(tok)
    # tokens that cannot be inside a name: spaces, punctuation other than "." and "-"
    breaks = [sp or (pu and tx not in ".-") for sp, pu, tx in zip(tok.is_space, tok.is_punct, tok.text, strict=True)]
    i = 0
    while i < n:
        if not tok.text[i][:1].isupper():
            i += 1  # country names and demonyms are proper nouns: they start capitalised
            continue
        if tok.lower[i] in STRIP_LEFT:
            i += 1
            continue
        name_start = run.dicts.may_start_country_name(tok.text[i])
        matched = False
        for width in (5, 4, 3, 2, 1):
            j = i + width
            if j > n or any(breaks[i:j]) or not name_start and width > 1:
                continue
            name = text[tok.idx[i]:tok.end_char(j - 1)]
            iso3 = run.dicts.country_of_name(name) if name_start else None
            label = "GPE"
            if not iso3 and width == 1 and tok.is_title[i]:
                iso3 = run.dicts.country_of_demonym(name)
                label = "NORP"
            if not iso3:
                continue
            if any(k in covered for k in range(i, j)):
                # NER has a span here: keep it
                i = j
                matched = True
                break
            m = Mention(i, j, label, country=iso3, source="dict",
                         name=run.dicts.countries[iso3].name if label == "GPE" else None)
            found.append(m)
            i = j
            matched = True
            break
        if not matched:
            i += 1
    return mentions + found


def knowledge_mentions(run: ActorsRun, document: Document, mentions: list[Mention]) -> list[Mention]:
    """Names the knowledge layers know that NER missed: runs of capitalised words that are a
    known actor's full name or alias, and acronyms of known organisations."""
    doc = document.doc
    assert doc is not None
    tok = document.tokens
    words, lower = tok.text, tok.lower
    # spaCy's is_title, is_upper and is_alpha are these str tests on the token's text
    capital = [ti or w.isupper() for ti, w in zip(tok.is_title, words, strict=True)]
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    n = len(tok)
    i = 0
    while i < n:
        if i in covered or not capital[i] or not words[i].isalpha() and "-" not in words[i]:
            i += 1
            continue
        j = i
        while j < n and j - i < 6 and j not in covered and (
                capital[j] or lower[j] in NAME_PARTICLES
                or words[j] == "-" or lower[j] in ("of", "for", "the") and j > i):
            j += 1
        hit = None
        for e in range(j, i, -1):
            if lower[e - 1] in {"of", "for", "the", "-"} | NAME_PARTICLES:
                continue
            text = document.text[tok.idx[i]:tok.end_char(e - 1)]
            if e - i == 1 and (doc[i].is_sent_start and doc[i].pos_ != "PROPN" or len(text) < 2
                               or doc[i].pos_ != "PROPN" and not doc[i].is_upper
                               or len(text) <= 4 and not doc[i].is_upper):
                continue  # a short name only as an acronym ("NATO", never "Who")
            if run.dicts.country_of_any(text) or run.dicts.title_sector(text)[0]:
                continue
            found = run.knowledge.lookup(text)
            if not found:
                continue
            known = choose(found, run.day, full_name=text if e - i > 1 else None)
            if known is None or known.type not in ("PERSON", "ORG"):
                continue
            if known.type == "PERSON" and e - i == 1 and not run.known(text, "PERSON"):
                continue
            hit = Mention(i, e, known.type, source="knowledge")
            break
        if hit is not None:
            if hit.label == "PERSON":
                title = title_before(run, doc, hit.start)
                if title:
                    hit.role, hit.sector, hit.country = title.role, title.sector, title.country
            out.append(hit)
            i = hit.end
        else:
            i = max(j, i + 1)
    return out


def group_mentions(run: ActorsRun, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Noun phrases headed by a group word with a country or a sector modifier."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.i in covered:
            continue
        sector = run.dicts.group_heads.get(token.lower_)
        if not sector:
            continue
        country = None
        left = token.i
        countries: list[tuple[int, str]] = []
        for child in token.lefts:
            if child.dep_ in ("amod", "compound", "poss", "nmod", "det", "nummod", "cc", "conj"):
                left = min(left, child.left_edge.i)
            words = [child] + [c for c in child.subtree if c.dep_ == "conj"]
            if child.left_edge.i < child.i and child.dep_ in ("amod", "compound") and not stance_prefixed(
                    doc[child.left_edge.i]) and not stance_prefixed(child):
                # a demonym or name of several words: "South Korean army", "Sierra Leonean troops"
                phrase = doc[child.left_edge.i:child.i + 1].text
                iso3 = run.dicts.country_of_demonym(phrase) or run.dicts.country_of_name(phrase)
                if iso3:
                    countries.append((child.i, iso3))
            for w in words:
                iso3 = run.dicts.country_of_demonym(w.text) or run.dicts.country_of_name(w.text)
                if not iso3 and w.ent_type_ in ("GPE", "NORP"):
                    iso3 = run.dicts.country_of_name(w.text)
                if iso3 and child.dep_ in ("amod", "compound", "poss", "nmod") and not stance_prefixed(w):
                    # ("anti-American protesters" are not American)
                    countries.append((w.i, iso3))
                mod_sector = run.dicts.group_modifiers.get(w.lower_)
                if mod_sector and child.dep_ in ("amod", "compound", "conj"):
                    sector = mod_sector
        if countries:
            countries.sort()
            if len({c for _, c in countries}) > 1:
                # "US and British forces": the phrase names the last country's forces; the
                # others stay their own country mentions
                last_i, country = countries[-1]
                left = last_i
                while left > 0 and doc[left - 1].text in POSSESSIVE | {"-"}:
                    left -= 1
                code, a = country_word(run, doc, last_i + 1, last_i - 4) if (
                    last_i + 1 < len(doc) and doc[last_i + 1].text in POSSESSIVE) else (None, left)
                left = a if code else left
            else:
                country = countries[0][1]
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    iso3 = run.dicts.country_of_name(pobj.text) or (
                        run.dicts.country_of_name(doc[pobj.left_edge.i:pobj.i + 1].text))
                    if iso3:
                        country = country or iso3
        explicit_sector = sector != run.dicts.group_heads.get(token.lower_)
        if country is None and not explicit_sector:
            continue  # ("the Tulsa police": the town stays a place; an ORG NER names takes its country later)
        if crosses_line(doc, left, token.i + 1):
            continue  # a group phrase the parse joined across a line break
        start, end = clean(doc, left, token.i + 1)
        if start >= end:
            continue
        out.append(Mention(start, end, "ORG", country=country, sector=sector, source="group"))
    return out
