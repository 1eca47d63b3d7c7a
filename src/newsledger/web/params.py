"""Query parameters of the API and pages: the event filters as one dependency, bounds on
every number (a number the database cannot hold is a 400, never a server error), and
the API's refusal of parameters an endpoint does not take (`/api/events?from=...` is a
400 naming `from`, not a silently unfiltered answer).

The event filters are the store's (`store.filters`): the same names as the CLI options
and `Ledger.events()` keywords (`FILTER_NAMES`), checked by the same `Filters.parse`. The
dependency `event_filters` declares one query parameter per filter name, as text, so
that the one validation (not FastAPI's) decides what a value means and says what is
wrong with it (400)."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import Query, Request

from ..store.filters import FILTER_HELP, FILTER_NAMES, FilterError, Filters, parse_country
from . import queries as q

# Every offset and count is bounded: SQLite and PostgreSQL take 64-bit integers, Python any.
MAX_OFFSET = 1_000_000_000

Country = Annotated[str | None, Query(description=FILTER_HELP["country"][1])]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Search = Annotated[str | None, Query(alias="q", description="words that must occur")]


def parse_filters(values: Mapping[str, Any]) -> Filters:
    """`Filters.parse(values)`, a bad value being a BadRequest (HTTP 400) with its message."""
    try:
        return Filters.parse(values)
    except FilterError as exc:
        raise q.BadRequest(str(exc)) from None


def check_country(value: str | None) -> str | None:
    """A country filter as ISO alpha-3 (a code or a name), or BadRequest."""
    try:
        return parse_country(value)
    except FilterError as exc:
        raise q.BadRequest(str(exc)) from None


def event_filters(**values: str | None) -> Filters:
    """The event filters of an endpoint (a FastAPI dependency): `store.filters.Filters`, checked."""
    return parse_filters(values)


# FastAPI reads the parameters from the signature: one query parameter per filter name, as
# text, described by FILTER_HELP.
event_filters.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None,
                       annotation=Annotated[str | None, Query(description=f"{FILTER_HELP[name][1]} "
                                                                          f"({FILTER_HELP[name][0]})")])
     for name in FILTER_NAMES],
    return_annotation=Filters)


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
