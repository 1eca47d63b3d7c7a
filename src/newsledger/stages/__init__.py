"""The named stages of the pipeline, in the order they run.

    metadata  (before the parse) is it an English article?
    actors    entities, their mentions, country and sector
    times     TIMEX3 expressions normalised against the publication date
    places    toponyms resolved in the offline gazetteer
    quotes    direct and reported speech with speakers
    amounts   numbers with qualifiers and units
    events    PLOVER events tying the others together
"""

from __future__ import annotations

from ..config import Settings
from ..knowledge import ActorKnowledge
from .actors import ActorsStage
from .amounts import AmountsStage
from .base import Stage, check_stage_order
from .events import EventsStage
from .metadata import MetadataStage
from .places import PlacesStage
from .quotes import QuotesStage
from .times import TimesStage

STAGE_NAMES = ("metadata", "actors", "times", "places", "quotes", "amounts", "events")


def default_stages(settings: Settings | None = None, knowledge: ActorKnowledge | None = None) -> list[Stage]:
    """The default stages; `knowledge` is what the actors stage may know beyond the article
    (an override file, the ledger's knowledge base)."""
    settings = settings or Settings()
    return [
        MetadataStage(settings),
        ActorsStage(knowledge=knowledge),
        TimesStage(),
        PlacesStage(),
        QuotesStage(),
        AmountsStage(),
        EventsStage(),
    ]


__all__ = ["STAGE_NAMES", "Stage", "check_stage_order", "default_stages"]
