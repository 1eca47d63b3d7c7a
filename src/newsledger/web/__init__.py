"""The web app and HTTP API over the ledger (`newsledger serve`).

    from newsledger.web import create_app
    app = create_app("ledger.db")      # an ASGI app (FastAPI); uvicorn serves it

Modules: `app` (routes, pages, security headers), `queries` (what the pages ask the store),
`highlight` (an article's text cut into highlighted segments), `ingest` (paste and upload),
`schemas` (the API's response shapes), `bench` (page render times on a large store).
Templates and static assets (CSS, scripts, the Natural Earth base map) ship in the package.
"""

from __future__ import annotations

from .app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
