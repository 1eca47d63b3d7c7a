"""Places stage: toponyms found in the text and resolved to gazetteer entries (offline GeoNames).

Detection (`detect.py`): place entities, adjectives used as modifiers, gazetteer matches
of proper-noun runs, list items and administrative phrases.

Resolution (`resolve.py`): each distinct name is looked up in the gazetteer (`newsledger.gazetteer`),
also in shorter forms ("the Tatarstan Autonomous Republic" -> "Tatarstan") and, for names
that context says are places, by transliteration ("Ghazvin" -> Qazvin). Senses are scored by
population and kind, by the countries and regions the article is about, by closeness to the
other places it names and by "City, Region" patterns; one sense per name per article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...document import Document
from ...model import Place, PlaceKind
from ..base import Stage
from .detect import Detector
from .resolve import Resolver

if TYPE_CHECKING:
    from ...gazetteer import Gazetteer

KINDS: tuple[PlaceKind, ...] = ("city", "region", "country", "continent", "feature")


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
        candidates = Detector(self.gazetteer)(document)
        resolved = Resolver(self.gazetteer).resolve(document, candidates)
        places: dict[tuple, Place] = {}
        for cand, sense in resolved:
            key = (sense.geonameid, sense.name) if sense.geonameid < 0 else (sense.geonameid,)
            place = places.get(key)
            if place is None:
                place = places[key] = Place(
                    id=f"P{len(places) + 1}", name=sense.name,
                    geonameid=sense.geonameid if sense.geonameid > 0 else None,
                    lat=round(sense.lat, 5), lon=round(sense.lon, 5), country=sense.country,
                    kind=sense.kind if sense.kind in KINDS else "feature",
                )
            if all(m.start != cand.start for m in place.mentions):
                place.mentions.append(document.span(cand.start, cand.end))
        for place in places.values():
            place.mentions.sort(key=lambda m: m.start)
        document.places = list(places.values())
