"""`newsledger serve`: the web app and HTTP API over a ledger (registered in newsledger.cli)."""

from __future__ import annotations

import os
import sys

import click


@click.command()
@click.option("--db", default=None, metavar="PATH|URL",
              help="The store: a SQLite file or a postgresql:// URL (default: $NEWSLEDGER_DB or newsledger.db). "
                   "It must exist, unless --create.")
@click.option("--create", is_flag=True, help="Create the store when it does not exist (never its folder).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The app has no login: keep it on this machine unless --read-only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Another host name clients use for this server (repeatable; '*.example.org' for a domain). "
                   "Requests naming any other host are refused, except loopback names and the --host address.")
@click.option("--max-upload-mb", default=None, type=click.FloatRange(0.001, 1024),
              help="Largest request (pasted text or uploaded files) in MB (default: NEWSLEDGER_MAX_BYTES, 10 MB).")
@click.option("--max-documents", default=200, show_default=True, type=click.IntRange(1, 100_000),
              help="Most documents one add request may hold (files, JSON Lines lines).")
@click.option("--read-only", is_flag=True,
              help="No adding articles: pages and GET endpoints only. The store is never written, created or migrated.")
@click.option("--tile-url", default=lambda: os.environ.get("NEWSLEDGER_TILE_URL"), metavar="URL",
              help="Online map tiles, e.g. https://tiles.example.org/{z}/{x}/{y}.png (default: $NEWSLEDGER_TILE_URL; "
                   "none: the bundled offline base map only).")
@click.option("--tile-attribution", default=None, help="Credit line for the tiles.")
def serve(db, create, host, port, allowed_hosts, max_upload_mb, max_documents, read_only, tile_url, tile_attribution):
    """Read, explore and verify the ledger in a browser, and serve its HTTP API.

    Pages: articles with highlighted evidence, timeline, map, actor network, quotes, add
    articles. The API's reference is at /api/docs, its OpenAPI description at /api/openapi.json.
    """
    import uvicorn

    from ..config import Settings
    from ..errors import NewsledgerError
    from ..store.opening import StoreLocation, StoreLocationError, StoreMissing
    from .app import WebConfig, create_app
    from .middleware import WILDCARD_ADDRESSES, is_loopback

    if read_only and create:
        raise click.UsageError("--read-only never creates a store: leave out --create")
    settings = Settings()
    try:
        location = StoreLocation.parse(db or settings.db)
    except StoreLocationError as exc:
        raise click.BadParameter(exc.message, param_hint="--db") from exc
    config = WebConfig(db=location.target, settings=settings,
                       read_only=read_only, create=create, host=host, allowed_hosts=tuple(allowed_hosts),
                       tile_url=tile_url or None, tile_attribution=tile_attribution, max_documents=max_documents,
                       max_upload_bytes=int(max_upload_mb * 1024 * 1024) if max_upload_mb else settings.max_bytes)
    if not is_loopback(host) and not read_only:
        click.echo(f"warning: listening on {host} lets anyone who can reach it add articles; "
                   "consider --read-only", err=True)
    if host in WILDCARD_ADDRESSES and not allowed_hosts:
        click.echo("note: requests are answered only for loopback names; add --allowed-host NAME for each name "
                   "or address clients use to reach this machine", err=True)
    try:
        app = create_app(config=config)
    except (NewsledgerError, ValueError) as exc:
        message = exc.message if isinstance(exc, NewsledgerError) else str(exc)
        if isinstance(exc, StoreMissing) and not read_only and "creates one" in message:
            message = message[:-1] + ", and so does newsledger serve --create)"
        raise click.ClickException(message) from exc
    click.echo(f"newsledger: serving {location.shown} on http://{host}:{port}/ (API reference: /api/docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    sys.exit(0)
