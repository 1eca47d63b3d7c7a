"""Screenshots of every view of the web app, for the README: docs/web-*.png.

Builds a fresh ledger from the bundled seed article (the real pipeline), serves it on
127.0.0.1 and photographs each page with Debian's headless Chromium through Playwright.

    python scripts/web_screenshots.py [OUT_DIR]      # or: make screenshots
"""

from __future__ import annotations

import json
import sys
import tempfile
import urllib.request
from pathlib import Path

from newsledger.store import Ledger
from newsledger.web import WebConfig, create_app
from newsledger.web.browser import chromium, local_only, serve_in_thread, wait_ready

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "src" / "newsledger" / "examples" / "seed" / "article.txt"


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsledger-shots-") as tmp:
        db = str(Path(tmp) / "ledger.db")
        with Ledger.open(db) as ledger:
            ledger.ingest([str(SEED)])
        app = create_app(config=WebConfig(db=db))
        with serve_in_thread(app) as url, chromium() as browser:
            with urllib.request.urlopen(url + "/api/articles") as r:
                article = json.loads(r.read())["articles"][0]["id"]
            with urllib.request.urlopen(f"{url}/api/articles/{article}") as r:
                events = json.loads(r.read())["record"]["events"]
            shown = next((v for v in events if v["actor"] and v["recipient"]), events[0] if events else None)
            pages = [
                ("articles", "/"),
                ("article", f"/articles/{article}" + (f"#{shown['id']}" if shown else "")),
                ("timeline", "/timeline"),
                ("map", "/map"),
                ("network", "/network?all_time=1"),
                ("quotes", "/quotes"),
                ("add", "/add"),
                ("api", "/api/docs"),
            ]
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            blocked: list[str] = []
            local_only(context, blocked)
            page = context.new_page()
            for name, path in pages:
                page.goto(url + path)
                wait_ready(page)
                page.wait_for_timeout(200)
                target = out / f"web-{name}.png"
                page.screenshot(path=str(target))
                print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
            context.close()
            if blocked:
                print(f"refused requests to other hosts: {blocked}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
