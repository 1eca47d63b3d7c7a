"""The web app and HTTP API over the ledger (`newsledger serve`).

    from newsledger.web import create_app
    app = create_app("ledger.db")      # an ASGI app (FastAPI); uvicorn serves it

Modules: `app` (the app factory), `api` and `pages` (the routers), `params` (query
parameters: filters, bounds, unknown ones refused), `middleware` (hosts, cross-site writes,
body limits, security headers, HTTP validators), `tokens` (the Add form's per-session
token), `errors` (how failures reach users), `state` (configuration, store connections,
the ingester), `render` (templates and static files), `queries` (what the pages ask the
store), `highlight` (an article's text cut into highlighted segments), `ingest` (paste and
upload, through the store's write path), `schemas` (the API's response shapes), `browser`
(serving and a headless browser for tests and screenshots). The page benchmark is
`newsledger.bench.web`.
Templates and static assets (CSS, scripts, the Natural Earth base map) ship in the package.
"""

from __future__ import annotations

from .app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
