"""`newsledger serve`: the web app and HTTP API over a ledger (registered in newsledger.cli)."""

from __future__ import annotations

import os
import sys

import click


@click.command()
@click.option("--db", default=None, metavar="PATH|URL",
              help="The store: a SQLite file (created if missing) or a postgresql:// URL (default: $NEWSLEDGER_DB or newsledger.db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The app has no login: keep it on this machine unless --read-only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--max-upload-mb", default=None, type=click.FloatRange(0.001, 1024),
              help="Largest request (pasted text or uploaded files) in MB (default: NEWSLEDGER_MAX_BYTES, 10 MB).")
@click.option("--read-only", is_flag=True, help="No adding articles: pages and GET endpoints only.")
@click.option("--tile-url", default=lambda: os.environ.get("NEWSLEDGER_TILE_URL"), metavar="URL",
              help="Online map tiles, e.g. https://tiles.example.org/{z}/{x}/{y}.png (default: $NEWSLEDGER_TILE_URL; "
                   "none: the bundled offline base map only).")
@click.option("--tile-attribution", default=None, help="Credit line for the tiles.")
def serve(db, host, port, max_upload_mb, read_only, tile_url, tile_attribution):
    """Read, explore and verify the ledger in a browser, and serve its HTTP API.

    Pages: articles with highlighted evidence, timeline, map, actor network, quotes, add
    articles. The API's reference is at /api/docs, its OpenAPI description at /api/openapi.json.
    """
    import uvicorn

    from ..config import Settings
    from ..errors import NewsledgerError
    from .app import WebConfig, create_app, is_loopback

    settings = Settings()
    config = WebConfig(db=db or settings.db, settings=settings, read_only=read_only, tile_url=tile_url or None,
                       tile_attribution=tile_attribution,
                       max_upload_bytes=int(max_upload_mb * 1024 * 1024) if max_upload_mb else settings.max_bytes)
    if not is_loopback(host) and not read_only:
        click.echo(f"warning: listening on {host} lets anyone who can reach it add articles; "
                   "consider --read-only", err=True)
    try:
        app = create_app(config=config)
    except (NewsledgerError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"newsledger: serving {config.db} on http://{host}:{port}/ (API reference: /api/docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    sys.exit(0)
