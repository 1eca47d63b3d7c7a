"""Query parameters of the API and pages: the event filters as one dependency, bounds on
every number (a number the database cannot hold is a 400, never a server error), and
the API's refusal of parameters an endpoint does not take (`/api/events?from=...` is a
400 naming `from`, not a silently unfiltered answer)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from . import queries as q

# Every offset and count is bounded: SQLite and PostgreSQL take 64-bit integers, Python any.
MAX_OFFSET = 1_000_000_000

Actor = Annotated[str | None, Query(description="an actor's name or key; aliases from the knowledge base count")]
Country = Annotated[str | None, Query(description="ISO 3166 alpha-3 code of an actor or recipient", max_length=3)]
Type = Annotated[str | None, Query(alias="type", description="PLOVER event type(s), comma separated")]
From = Annotated[str | None, Query(description="first day: 2024, 2024-02 or 2024-02-20 (the day events happened)")]
To = Annotated[str | None, Query(description="last day, same forms")]
Place = Annotated[str | None, Query(description="events near a place: a gazetteer name or 'lat,lon'")]
Radius = Annotated[float, Query(description="kilometres around `place`", gt=0, le=20000)]
Text = Annotated[str | None, Query(description="words that must all occur in a reporting article")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Search = Annotated[str | None, Query(alias="q", description="words that must occur")]


def event_filters(actor: Actor = None, country: Country = None, event_type: Type = None, date_from: From = None,
                  date_to: To = None, place: Place = None, radius_km: Radius = 50.0, text: Text = None) -> q.FilterArgs:
    """The event filters of an endpoint, as typed (checked by `queries.check_filters`)."""
    return q.FilterArgs(actor=actor, country=country, event_type=event_type, date_from=date_from,
                        date_to=date_to, place=place, radius_km=radius_km, text=text)


def _query_names(dependant) -> set[str]:
    names = {f.alias for f in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


_KNOWN: dict[int, frozenset[str]] = {}


def refuse_unknown_parameters(request: Request) -> None:
    """A router dependency: 400 for a query parameter the matched endpoint does not declare."""
    route = request.scope.get("route")
    if route is None or not request.query_params:
        return
    known = _KNOWN.get(id(route))
    if known is None:
        known = _KNOWN[id(route)] = frozenset(_query_names(route.dependant))
    unknown = sorted({k for k in request.query_params if k not in known})
    if unknown:
        takes = ", ".join(sorted(known)) or "no parameters"
        raise q.BadRequest(f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(unknown)[:200]}; "
                           f"{request.url.path} takes {takes}")
