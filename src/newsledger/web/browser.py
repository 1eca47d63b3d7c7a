"""Running the web app and a headless browser from Python: for the browser tests, the
screenshots (`make screenshots`) and the page benchmark.

The browser is Debian's Chromium (`/usr/bin/chromium`, installed by `.ci/run` or `make
browser`), driven by Playwright's Python client; Playwright's own browser downloads are
never used. Set NEWSLEDGER_CHROMIUM to use another Chromium binary.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("NEWSLEDGER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_in_thread(app, *, port: int | None = None) -> Iterator[str]:
    """Serve `app` with uvicorn on 127.0.0.1 in a background thread; yields its base URL."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, name="newsledger-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium (Playwright Browser) that only talks to this machine."""
    from playwright.sync_api import sync_playwright

    if not chromium_available():
        raise RuntimeError(f"no Chromium at {CHROMIUM} (apt-get install chromium, or make browser)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def local_only(context, blocked: list[str]) -> None:
    """Refuse (and record) every request of `context` to a host other than this machine."""

    def route(r):
        host = r.request.url.split("/")[2].rsplit(":", 1)[0] if "://" in r.request.url else ""
        if r.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost", "[::1]"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)


def wait_ready(page, timeout_ms: float = 15000) -> None:
    """Wait until the page says it has drawn its data (body[data-ready])."""
    page.wait_for_selector("body[data-ready='1']", timeout=timeout_ms, state="attached")
