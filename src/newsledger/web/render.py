"""Rendering pages: the Jinja environment (autoescaped), the bundled static files with
versioned URLs, the context every page shares, and small layouts computed for templates
(the timeline's bars, the check of an article's spans, short OpenAPI type names)."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..countries import country_rows
from ..model import PLOVER_TYPES
from . import queries as q

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"


def static_versions() -> dict[str, str]:
    """A short hash of every bundled file: its URL carries it (`/static/app.css?v=...`), so a
    browser may keep it for a year and still never use an old copy."""
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest()[:12] for f in sorted(STATIC.iterdir()) if f.is_file()}


class VersionedStatic(StaticFiles):
    """The bundled files: cached for good when asked for by their current version, else revalidated."""

    def __init__(self, versions: dict[str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.versions = versions

    async def get_response(self, path: str, scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            query = dict(p.split("=", 1) for p in scope.get("query_string", b"").decode("latin-1").split("&") if "=" in p)
            fresh = query.get("v") is not None and query.get("v") == self.versions.get(path)
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if fresh else "no-cache"
        return response


def country_names() -> dict[str, str]:
    return {r["iso3"]: r["name"] for r in country_rows() if r["iso3"]}


def templates(versions: dict[str, str]) -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["static"] = lambda name: f"/static/{name}?v={versions[name]}"
    env.filters["num"] = lambda v: f"{int(v):,}" if v is not None else ""
    env.globals["schema_type"] = schema_type
    env.globals["qs_period"] = lambda query, period: urlencode({**query, "date_from": period, "date_to": period})
    env.filters["when"] = when
    return Jinja2Templates(env=env)


def when(row: dict[str, Any], missing: str = "undated") -> str:
    """An event row's date as precise as it is known: 2024-02-20, 2024-02, 2024 or a range."""
    start, end, precision = row.get("date_start"), row.get("date_end"), row.get("date_precision")
    if not start:
        return missing
    start, end = str(start), str(end or start)
    if precision == "month":
        return start[:7]
    if precision == "year":
        return start[:4]
    return start if end == start else f"{start} – {end}"


def base(state, page: str, **extra: Any) -> dict[str, Any]:
    """The context every page gets: which page, read-only, the PLOVER scale, country names."""
    return {"page": page, "read_only": state.config.read_only, "plover_types": PLOVER_TYPES,
            "scale": q.plover_scale(), "countries": state.countries, **extra}


def page(request: Request, state, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return state.templates.TemplateResponse(request, name, context, status_code=status)


def verify(record: dict) -> dict[str, int]:
    """How many spans of the record check out against its text (text[start:end] == span text)."""
    text = record.get("text", "")
    ok = bad = 0

    def check(span):
        nonlocal ok, bad
        if text[span["start"]:span["end"]] == span["text"]:
            ok += 1
        else:
            bad += 1

    for e in record.get("entities", []):
        for m in e.get("mentions", []):
            check(m)
    for p in record.get("places", []):
        for m in p.get("mentions", []):
            check(m)
    for key in ("times", "quotes", "amounts"):
        for x in record.get(key, []):
            check(x)
    for v in record.get("events", []):
        check(v["trigger"])
        check(v["evidence"])
    return {"ok": ok, "bad": bad}


def bars(periods: list[dict]) -> dict[str, Any]:
    """The timeline's bar chart, laid out here so the page needs no script to draw it."""
    width, height = 1000, 160
    n = len(periods)
    if not n:
        return {"width": width, "height": height, "bars": []}
    top = max(p["events"] for p in periods) or 1
    step = width / n
    out = []
    for i, p in enumerate(periods):
        h = max(1.0, p["events"] / top * (height - 20))
        out.append({"x": round(i * step + step * 0.1, 2), "w": round(max(step * 0.8, 0.5), 2),
                    "y": round(height - h, 2), "h": round(h, 2), **p})
    label_every = max(1, math.ceil(n / 12))
    return {"width": width, "height": height, "bars": out, "label_every": label_every, "top": top}


def schema_type(schema: dict | None) -> str:
    """A short name for an OpenAPI schema: its type, its model's name, `list of X`, `A | B`."""
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(schema_type(x) for x in schema["anyOf"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"list of {schema_type(schema.get('items'))}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"map of {schema_type(schema['additionalProperties'])}"
    return kind
