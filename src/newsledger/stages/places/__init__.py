"""Places stage: toponyms found and resolved to gazetteer entries (offline GeoNames).

Candidates are the place-like entities of the actors stage (GPE, LOC, FAC) and
NER place spans it did not keep. Each name is looked up in the gazetteer
(`newsledger.gazetteer`), trying a shorter form without administrative words
("the Tatarstan Autonomous Republic" -> "Tatarstan"). Among the senses of a
name, countries win for country names; otherwise senses in the countries the
article is about win, then population. One sense per name per article.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ...document import Document
from ...model import Place, Span
from ..base import Stage

if TYPE_CHECKING:
    from ...gazetteer import Gazetteer, GazPlace

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ADMIN_WORDS = re.compile(
    r"\s*\b(?:autonomous republic|autonomous region|autonomous oblast|republic|region|province|district|"
    r"governorate|oblast|state|county|prefecture|municipality|city|town|village|territory|territories|area)\b\s*$",
    re.I,
)
_PAREN = re.compile(r"\s*\([^)]*\)\s*")


class PlacesStage(Stage):
    name = "places"
    reads = ("doc", "text", "entities")
    writes = ("places",)

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            from ...gazetteer import Gazetteer

            self._gazetteer = Gazetteer.open()
        return self._gazetteer

    def __call__(self, document: Document) -> None:
        doc = document.doc
        assert doc is not None
        candidates: list[tuple[str, Span]] = []
        covered: set[tuple[int, int]] = set()
        for e in document.entities:
            if e.type not in _PLACE_LABELS:
                continue
            for m in e.mentions:
                candidates.append((m.text, m))
                covered.add((m.start, m.end))
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS and (ent.start_char, ent.end_char) not in covered:
                text = ent.text
                start = ent.start_char
                if text.lower().startswith("the "):
                    text, start = text[4:], start + 4
                text = text.rstrip("’'s ").rstrip() if text.endswith(("’s", "'s")) else text
                if text:
                    candidates.append((text, document.span(start, start + len(text))))

        focus = Counter(e.country for e in document.entities if e.type == "GPE" and e.country for _ in e.mentions)
        senses: dict[str, GazPlace | None] = {}
        places: dict[int, Place] = {}
        for name, span in sorted(candidates, key=lambda c: c[1].start):
            key = name.casefold()
            if key not in senses:
                senses[key] = self._resolve(name, focus)
            sense = senses[key]
            if sense is None:
                continue
            place = places.get(sense.geonameid)
            if place is None:
                place = places[sense.geonameid] = Place(
                    id=f"P{len(places) + 1}", name=sense.name, geonameid=sense.geonameid if sense.geonameid > 0 else None,
                    lat=round(sense.lat, 5), lon=round(sense.lon, 5), country=sense.country,
                    kind=sense.kind if sense.kind in ("city", "region", "country", "continent", "feature") else "feature",
                )
            if all(m.start != span.start for m in place.mentions):
                place.mentions.append(span)
        document.places = list(places.values())

    def _resolve(self, name: str, focus: Counter) -> GazPlace | None:
        for form in self._forms(name):
            senses = self.gazetteer.lookup(form)
            if senses:
                return self._choose(senses, focus)
        return None

    @staticmethod
    def _forms(name: str):
        yield name
        plain = _PAREN.sub(" ", name).strip()
        if plain != name:
            yield plain
        shorter = _ADMIN_WORDS.sub("", plain).strip()
        if shorter and shorter != plain:
            yield shorter

    @staticmethod
    def _choose(senses: tuple[GazPlace, ...], focus: Counter) -> GazPlace:
        def score(p: GazPlace) -> tuple:
            kind_rank = {"country": 3, "continent": 2, "region": 1}.get(p.kind, 0)
            in_focus = focus.get(p.country, 0) if p.country else 0
            return (kind_rank, p.main_name, in_focus > 0, in_focus, p.population)

        return max(senses, key=score)
