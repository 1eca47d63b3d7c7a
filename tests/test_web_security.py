"""Issue 20: the web app refuses cross-site and rebinding writes and reads, bounds every number,
limits and stops uploads, never writes when read-only, never makes a store it was not asked
to make, explains a store that is not one (or is gone), keeps old event links working after
regrouping, and checks `published` once, in the words of the interface used.

The extraction pipeline is replaced here by a stand-in that reads each document with the
real reader and writes a hand-made record (no spaCy: these tests are about the web app);
`test_web_browser.py` runs the real pipeline in a real browser."""
# ruff: noqa: F811 - the store fixtures are imported from tests.test_store_fixtures and used as arguments

from __future__ import annotations

import hashlib
import http.client
import json
import re
import shutil
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("fastapi")

from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsledger.config import Settings
from newsledger.errors import NewsledgerError
from newsledger.ingest import InputDocument, to_document
from newsledger.model import ErrorInfo, ErrorRecord
from newsledger.store import Ledger, StoreError, StoreMissing
from newsledger.store.opening import open_store
from newsledger.web import WebConfig, create_app
from newsledger.web.browser import serve_in_thread
from newsledger.web.middleware import HostCheck, is_loopback
from tests.test_store_fixtures import LINDQVIST, VARGA, make_record, meeting_reports, store_url  # noqa: F401
from tests.test_store_opening import NOT_STORES

LOCAL = "http://127.0.0.1:8000"


class StandInPipeline:
    """Reads each document with the real reader, then gives a hand-made record of its body
    after `delay` seconds (an error record when the reader refuses it)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.seen = 0
        self.contents: list = []

    def process(self, items):
        for item in items:
            self.seen += 1
            self.contents.append(item.content)
            time.sleep(self.delay)
            try:
                doc = to_document(item, max_bytes=1 << 24)
            except NewsledgerError as exc:
                yield ErrorRecord(input_id=item.input_id, source=item.source,
                                  error=ErrorInfo(code=exc.code, message=exc.message))
                continue
            yield make_record(doc.text, source=item.source, published=doc.article.published)


def _filled(path: Path) -> str:
    with Ledger.open(path) as ledger:
        ledger.add_records(meeting_reports())
    return str(path)


def _articles(db: str) -> int:
    s = open_store(db, mode="read")
    try:
        return int(s.scalar("SELECT count(*) FROM articles")) + int(
            s.scalar("SELECT count(*) FROM documents WHERE status = 'error'"))
    finally:
        s.close()


@pytest.fixture
def db(tmp_path) -> str:
    return _filled(tmp_path / "ledger.db")


@pytest.fixture
def pipeline():
    return StandInPipeline()


@pytest.fixture
def client(db, pipeline):
    app = create_app(config=WebConfig(db=db, max_upload_bytes=256 * 1024, max_documents=20), pipeline=pipeline)
    with TestClient(app, base_url=LOCAL) as c:
        yield c


def form_token(client) -> str:
    return re.search(r'name="form_token" value="([0-9a-f]+)"', client.get("/add").text).group(1)


def _article(i: int = 0) -> str:
    return f"Officials met in the capital on Monday, report {i} says, and talks will go on."


# --- DNS rebinding: only the hosts the server was started for ------------------------------------

FOREIGN = ["evil.example", "evil.example:8000", "127.evil.example", "127.0.0.1.evil.example", "localhost.evil.example",
           "evil.localhost", "10.0.0.5", "[::2]:8000", "", "127.1"]


@pytest.mark.parametrize("host", FOREIGN)
def test_web_foreign_host_is_refused_for_reads_and_writes(client, db, host):
    before = _articles(db)
    for method, path, kwargs in [("GET", "/api/overview", {}), ("GET", "/", {}), ("GET", "/events/x", {}),
                                 ("POST", "/api/articles", {"json": {"text": _article()}}),
                                 ("POST", "/add", {"data": {"text": _article()}})]:
        origin = {"Origin": f"http://{host}"} if method == "POST" else {}
        r = client.request(method, path, headers={"Host": host, **origin}, **kwargs)
        assert r.status_code == 400, (host, path, r.status_code)
        assert r.json()["error"]["code"] == "bad_host"
        assert "--allowed-host" in r.json()["error"]["message"]
    assert _articles(db) == before


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "127.0.0.1", "localhost:8000", "LOCALHOST", "localhost.",
                                  "[::1]:8000", "127.0.0.2:8000"])
def test_web_loopback_hosts_are_answered(client, host):
    assert client.get("/api/overview", headers={"Host": host}).status_code == 200


def test_web_rebinding_post_of_the_issue_is_refused(client, db):
    # curl -H "Host: evil.example:$PORT" -H "Origin: http://evil.example:$PORT" --data-urlencode "text=..." $B/add
    before = _articles(db)
    r = client.post("/add", data={"text": _article(1)},
                    headers={"Host": "evil.example:8000", "Origin": "http://evil.example:8000"})
    assert r.status_code == 400
    assert _articles(db) == before


def test_web_foreign_host_is_refused_by_the_running_server(db):
    app = create_app(config=WebConfig(db=db))
    with serve_in_thread(app) as base:
        parts = urlsplit(base)
        for host, status in ((f"evil.example:{parts.port}", 400), (f"127.0.0.1:{parts.port}", 200),
                             (f"localhost:{parts.port}", 200), ("127.evil.example", 400)):
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            conn.putrequest("GET", "/api/overview", skip_host=True)
            conn.putheader("Host", host)
            conn.endheaders()
            response = conn.getresponse()
            assert response.status == status, host
            conn.close()


def test_web_allowed_hosts_add_names(db):
    app = create_app(config=WebConfig(db=db, allowed_hosts=("ledger.example", "*.lan"), host="192.168.1.20"))
    with TestClient(app, base_url="http://ledger.example") as c:
        for ok in ("ledger.example", "ledger.example:8000", "box.lan", "a.b.lan", "192.168.1.20:8000", "localhost"):
            assert c.get("/api/overview", headers={"Host": ok}).status_code == 200, ok
        for bad in ("lan", "evil-lan", "ledger.example.evil", "evil.example", "192.168.1.21"):
            assert c.get("/api/overview", headers={"Host": bad}).status_code == 400, bad


def test_web_loopback_check_is_by_address_not_by_prefix():
    assert is_loopback("127.0.0.1") and is_loopback("127.8.9.10") and is_loopback("::1") and is_loopback("[::1]")
    assert is_loopback("localhost") and is_loopback("LocalHost.")
    for name in ("127.evil.example", "127.0.0.1.nip.io", "localhost.evil.example", "127", "0x7f000001", "::2"):
        assert not is_loopback(name), name
    wildcard = HostCheck("0.0.0.0")
    assert wildcard.allows("127.0.0.1:80") and not wildcard.allows("0.0.0.0") and not wildcard.allows("evil.example")
    assert HostCheck("127.0.0.1", ["*"]).allows("anything.example")


# --- cross-site writes ------------------------------------------------------------------------

CROSS_SITE = [{"Origin": "null"}, {"Origin": "https://evil.example"}, {"Origin": "http://127.0.0.1:9999"},
              {"Origin": "http://localhost:8000"},  # the same server under another name is another origin
              {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
              {"Origin": LOCAL, "Sec-Fetch-Site": "cross-site"}, {"Origin": "file://"}]


@pytest.mark.parametrize("headers", CROSS_SITE, ids=lambda h: ",".join(f"{k}={v}" for k, v in h.items()))
def test_web_cross_site_writes_are_refused(client, db, pipeline, headers):
    before = _articles(db)
    token = form_token(client)
    refused = [
        client.post("/api/articles", json={"text": _article(2)}, headers=headers),
        # curl -H 'Origin: null' -F 'text=...' $B/api/upload
        client.post("/api/upload", data={"text": _article(3)}, files={"none": ("", b"")}, headers=headers),
        client.post("/add", data={"text": _article(4), "form_token": token}, headers=headers),
    ]
    for r in refused:
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "forbidden"
    assert _articles(db) == before and pipeline.seen == 0


def test_web_same_origin_and_plain_api_clients_may_write(client, db):
    before = _articles(db)
    same = {"Origin": LOCAL, "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/articles", json={"text": _article(5)}, headers=same).status_code == 201
    assert client.post("/add", data={"text": _article(6), "form_token": form_token(client)},
                       headers=same).status_code == 200
    # a client that is not a browser sends neither header (curl, scripts)
    assert client.post("/api/articles", json={"text": _article(7)}).status_code == 201
    assert _articles(db) == before + 3


def test_web_add_form_needs_the_session_token(client, db, pipeline):
    before = _articles(db)
    same = {"Origin": LOCAL, "Sec-Fetch-Site": "same-origin"}
    r = client.post("/add", data={"text": _article(8)}, headers=same)
    assert r.status_code == 403 and "Add page" in r.text
    r = client.post("/add", data={"text": _article(8), "form_token": "0" * 64}, headers=same)
    assert r.status_code == 403
    # a token from another browser session does not pass with this session's cookie
    with TestClient(client.app, base_url=LOCAL) as other:
        stolen = form_token(other)
    r = client.post("/add", data={"text": _article(8), "form_token": stolen}, headers=same)
    assert r.status_code == 403
    assert _articles(db) == before and pipeline.seen == 0
    cookie = client.get("/add", headers={"Cookie": ""}).headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


# --- numbers and parameters ------------------------------------------------------------------------

BIG = "9223372036854775808"


@pytest.mark.parametrize("path", [
    f"/api/articles?offset={BIG}", f"/api/quotes?offset={BIG}", f"/?offset={BIG}", f"/quotes?offset={BIG}",
    "/api/articles?offset=-1", f"/api/articles?offset=-{BIG}", f"/api/articles?limit={BIG}",
    f"/api/events?limit={BIG}", f"/api/timeline?limit={BIG}", f"/api/map?limit={BIG}", f"/api/places?limit={BIG}",
    f"/api/network?max_edges={BIG}", f"/api/quotes?limit={BIG}", "/api/map?place=Oslo&radius_km=1e400",
    "/api/map?place=Oslo&radius_km=nan", "/timeline?place=Oslo&radius_km=1e400", "/map?place=Oslo&radius_km=nan",
    f"/api/events?date_from={BIG}", "/api/articles?offset=1e3"])
def test_web_every_number_is_bounded(client, path):
    r = client.get(path)
    assert r.status_code == 400, (path, r.status_code, r.text[:300])


@pytest.mark.parametrize(("path", "name"), [
    ("/api/events?from=2024-01", "from"), ("/api/events?to=2024", "to"),
    ("/api/timeline?event_type=PROTEST", "event_type"), ("/api/overview?x=1", "x"),
    ("/api/articles?query=talks", "query"), ("/api/events/LE-x?verbose=1", "verbose"),
    ("/api/quotes?speaker=A&text=b", "text"), ("/api/map?radius=5", "radius")])
def test_web_api_refuses_unknown_parameters(client, path, name):
    r = client.get(path)
    assert r.status_code == 400, r.text
    message = r.json()["error"]["message"]
    assert f"unknown parameter {name}" in message or f"unknown parameters {name}" in message


def test_web_api_known_parameters_and_pages_pass(client):
    assert client.get("/api/events", params={"date_from": "2024-01", "type": "CONSULT", "limit": 5}).status_code == 200
    assert client.get("/api/quotes", params={"speaker": "Lindqvist", "q": "talks", "offset": 0}).status_code == 200
    assert client.get("/timeline", params={"utm_source": "newsletter"}).status_code == 200  # pages take links as sent


# --- uploads: documents per request, clients that leave ----------------------------------------------

def _jsonl(n: int, start: int = 0) -> bytes:
    return "".join(json.dumps({"id": f"d{i}", "text": _article(i)}) + "\n" for i in range(start, start + n)).encode()


def test_web_upload_limits_documents_per_request(client, db, pipeline):
    before = _articles(db)
    r = client.post("/api/upload", files={"files": ("batch.jsonl", _jsonl(21), "application/x-ndjson")})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_many_documents"
    files = [("files", (f"a{i}.txt", _article(100 + i).encode(), "text/plain")) for i in range(15)]
    files.append(("files", ("b.jsonl", _jsonl(6, 200), "application/x-ndjson")))
    assert client.post("/api/upload", files=files).status_code == 413
    r = client.post("/add", files={"files": ("batch.jsonl", _jsonl(25), "application/x-ndjson")},
                    data={"form_token": form_token(client)})
    assert r.status_code == 413 and "more than 20 documents" in r.text
    assert _articles(db) == before and pipeline.seen == 0  # refused before any work
    r = client.post("/api/upload", files={"files": ("batch.jsonl", _jsonl(20), "application/x-ndjson")})
    assert r.status_code == 201 and r.json()["stored"] == 20
    assert _articles(db) == before + 20


def _post_raw(base: str, path: str, body: bytes, content_type: str) -> http.client.HTTPConnection:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("POST", path, body=body, headers={"Content-Type": content_type})
    return conn


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "nlboundary7"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            "Content-Type: application/x-ndjson\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_web_upload_stops_when_the_client_has_gone(tmp_path):
    db = _filled(tmp_path / "ledger.db")
    before = _articles(db)
    slow = StandInPipeline(delay=0.05)
    settings = Settings().with_(batch_size=4)
    app = create_app(config=WebConfig(db=db, settings=settings, max_documents=200), pipeline=slow)
    with serve_in_thread(app) as base:
        body, ctype = _multipart("batch.jsonl", _jsonl(120))
        conn = _post_raw(base, "/api/upload", body, ctype)
        time.sleep(0.6)
        conn.sock.shutdown(2)
        conn.close()  # the client gives up
        time.sleep(1.5)
        stored = _articles(db) - before
        time.sleep(1.0)
        assert _articles(db) - before == stored  # nothing more is done for it
        assert 0 < stored < 40 and slow.seen < 40  # 120 documents would take 6 s
        # and the server goes on serving others
        with urllib.request.urlopen(base + "/api/overview", timeout=10) as r:
            assert r.status == 200


def test_web_another_users_add_does_not_wait_for_a_whole_upload(tmp_path):
    db = _filled(tmp_path / "ledger.db")
    slow = StandInPipeline(delay=0.02)
    app = create_app(config=WebConfig(db=db, settings=Settings().with_(batch_size=4), max_documents=200),
                     pipeline=slow)
    finished: dict[str, float] = {}
    with serve_in_thread(app) as base:
        def big():
            body, ctype = _multipart("batch.jsonl", _jsonl(150))
            conn = _post_raw(base, "/api/upload", body, ctype)
            assert conn.getresponse().status == 201
            finished["big"] = time.monotonic()

        thread = threading.Thread(target=big)
        thread.start()
        time.sleep(0.4)
        started = time.monotonic()
        request = urllib.request.Request(base + "/api/articles", data=json.dumps({"text": _article(999)}).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=30) as r:
            assert r.status == 201
        finished["small"] = time.monotonic()
        thread.join(timeout=60)
    assert finished["small"] < finished["big"]
    assert finished["small"] - started < 1.5  # a batch of the big upload, not all of it (3 s)


# --- read-only, missing stores, stores that are not stores ----------------------------------------

def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_web_read_only_never_writes(db):
    before = _digest(db)
    app = create_app(config=WebConfig(db=db, read_only=True))
    with TestClient(app, base_url=LOCAL) as c:
        for path in ("/", "/timeline", "/map", "/network", "/quotes", "/add", "/api/overview", "/api/events"):
            assert c.get(path).status_code == 200, path
        r = c.post("/api/articles", json={"text": _article()})
        assert r.status_code == 403
    assert _digest(db) == before


def test_web_read_only_missing_store_is_an_error_and_creates_nothing(tmp_path):
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreMissing):
        create_app(config=WebConfig(db=str(missing), read_only=True))
    with pytest.raises(ValueError, match="read-only"):
        create_app(config=WebConfig(db=str(missing), read_only=True, create=True))
    assert list(tmp_path.iterdir()) == []


def test_web_read_only_does_not_migrate(tmp_path):
    from newsledger.store import migrations as mig

    db = tmp_path / "old.db"
    s = open_store(db, migrate=False)
    mig.migrate(s, target=4)
    s.close()
    before = _digest(str(db))
    with pytest.raises(StoreError, match="schema version 4"):
        create_app(config=WebConfig(db=str(db), read_only=True))
    assert _digest(str(db)) == before


def test_web_missing_store_needs_create_and_its_folder(tmp_path):
    missing = tmp_path / "new.db"
    with pytest.raises(StoreMissing, match="no newsledger store"):
        create_app(config=WebConfig(db=str(missing)))
    assert not missing.exists()
    with pytest.raises(StoreMissing, match="folder"):
        create_app(config=WebConfig(db=str(tmp_path / "sub" / "new.db"), create=True))
    assert not (tmp_path / "sub").exists()
    create_app(config=WebConfig(db=str(missing), create=True))
    assert missing.exists()


@pytest.fixture
def no_server(monkeypatch):
    """`newsledger serve` up to the point where it would serve; the calls it made."""
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def test_web_serve_command_on_missing_and_bad_stores(tmp_path, no_server):
    runner = CliRunner()
    missing = tmp_path / "missing.db"
    for extra in ([], ["--read-only"]):
        r = runner.invoke(cli_main(), ["serve", "--db", str(missing), *extra])
        assert r.exit_code == 1 and "no newsledger store" in r.output, r.output
    assert list(tmp_path.iterdir()) == [] and no_server == []
    r = runner.invoke(cli_main(), ["serve", "--db", str(missing), "--read-only", "--create"])
    assert r.exit_code == 2
    r = runner.invoke(cli_main(), ["serve", "--db", str(tmp_path / "x" / "y.db"), "--create"])
    assert r.exit_code == 1 and "folder" in r.output and not (tmp_path / "x").exists()
    r = runner.invoke(cli_main(), ["serve", "--db", "mysql://root:hunter2@db.example/news"])
    assert r.exit_code == 2 and "hunter2" not in r.output and "postgresql://" in r.output
    for kind, make in sorted(NOT_STORES.items()):
        bad = tmp_path / f"{kind.replace(' ', '_')}.db"
        make(bad)
        r = runner.invoke(cli_main(), ["serve", "--db", str(bad)])
        assert r.exit_code == 1 and ("not a newsledger store" in r.output or "damaged" in r.output), (kind, r.output)
        assert "Traceback" not in r.output
    r = runner.invoke(cli_main(), ["serve", "--db", str(missing), "--create"])
    assert r.exit_code == 0 and missing.exists() and len(no_server) == 1


def test_web_serve_never_prints_a_password(monkeypatch, no_server):
    import newsledger.web.app as web_app

    made = []
    monkeypatch.setattr(web_app, "create_app", lambda config: made.append(config) or object())
    r = CliRunner().invoke(cli_main(), ["serve", "--db", "postgresql+psycopg://ann:hunter2@db.example:5432/ledger"])
    assert r.exit_code == 0, r.output
    assert "hunter2" not in r.output and "postgresql://ann:***@db.example:5432/ledger" in r.output
    assert made[0].db == "postgresql://ann:hunter2@db.example:5432/ledger"  # the server itself connects with it


def cli_main():
    from newsledger.cli import main

    return main


def _remove(db: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)


def test_web_store_deleted_while_serving_gives_clear_errors(db, tmp_path, pipeline):
    backup = tmp_path / "backup.db"
    shutil.copy(db, backup)
    app = create_app(config=WebConfig(db=db), pipeline=pipeline)
    with TestClient(app, base_url=LOCAL) as c:
        assert c.get("/api/overview").status_code == 200
        _remove(db)
        r = c.get("/api/overview")
        assert r.status_code == 503 and r.json()["error"]["code"] == "store_unavailable"
        assert "no newsledger store" in r.json()["error"]["message"]
        page = c.get("/timeline")
        assert page.status_code == 503 and "no newsledger store" in page.text and "text/html" in page.headers["content-type"]
        r = c.post("/api/articles", json={"text": _article()})
        assert r.status_code == 503
        assert not Path(db).exists()  # never a new empty file
        NOT_STORES["text"](Path(db))
        r = c.get("/api/events")
        assert r.status_code == 503 and "not a newsledger store" in r.json()["error"]["message"]
        _remove(db)
        shutil.copy(backup, db)  # the store is back
        assert c.get("/api/overview").json()["articles"] == 4
        assert c.post("/api/articles", json={"text": _article()}).status_code == 201


# --- old event keys after regrouping ------------------------------------------------------------------

def _talks(day_range, src, text):
    return make_record(text, source=src, entities=[LINDQVIST, VARGA], places=["Oslo"],
                       events=[{"type": "CONSULT", "trigger": "talks", "actor": ["Maria Lindqvist"],
                                "recipient": ["Tomas Varga"], "date": day_range, "place": "Oslo"}])


def test_web_event_links_survive_regrouping(store_url):
    a = _talks(("2024-03-04", "2024-03-04"), "https://a.example/1",
               "Foreign Minister Maria Lindqvist began talks with Prime Minister Tomas Varga.")
    c = _talks(("2024-03-07", "2024-03-07"), "https://c.example/3",
               "Foreign Minister Maria Lindqvist ended talks with Prime Minister Tomas Varga.")
    b = _talks(("2024-03-04", "2024-03-06"), "https://b.example/2",
               "Foreign Minister Maria Lindqvist held days of talks with Prime Minister Tomas Varga.")
    with Ledger.open(store_url) as ledger:
        ledger.add_records([a, c])
    app = create_app(config=WebConfig(db=store_url))
    with TestClient(app, base_url=LOCAL) as client:
        old = {e["key"] for e in client.get("/api/events").json()["events"]}
        assert len(old) == 2
        with Ledger.open(store_url) as ledger:
            ledger.add_records([b])  # the bridging report: one happening now
        events = client.get("/api/events").json()["events"]
        assert len(events) == 1 and events[0]["n_reports"] == 3
        new = events[0]["key"]
        for key in old - {new}:
            r = client.get(f"/api/events/{key}", follow_redirects=False)
            assert r.status_code == 307 and r.headers["location"] == f"/api/events/{new}"
            assert client.get(f"/api/events/{key}").json()["n_reports"] == 3
            r = client.get(f"/events/{key}", follow_redirects=False)
            assert r.status_code == 307 and r.headers["location"] == f"/events/{new}"
            assert client.get(f"/events/{key}").status_code == 200
        with Ledger.open(store_url) as ledger:
            ledger.rebuild()
        for key in old:
            assert client.get(f"/api/events/{key}").json()["key"] == new
        assert client.get("/api/events/LE-never-given").status_code == 404


# --- published: one check, each interface's words ------------------------------------------------

FULL_WIDTH = "２０２４-０２-２０"


def test_web_published_full_width_is_refused_naming_the_field(client, db, pipeline):
    before = _articles(db)
    r = client.post("/api/articles", json={"text": _article(), "published": FULL_WIDTH})
    assert r.status_code == 400
    message = r.json()["error"]["message"]
    assert message.startswith("published: ") and "--published" not in message and "0-9" in message
    r = client.post("/api/upload", data={"published": FULL_WIDTH},
                    files={"files": ("a.txt", _article().encode(), "text/plain")})
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("published: ")
    r = client.post("/add", data={"text": _article(), "published": FULL_WIDTH, "form_token": form_token(client)})
    assert r.status_code == 400 and "published: " in r.text and "--published" not in r.text
    assert _articles(db) == before and pipeline.seen == 0
    # a JSON Lines line's own "published" is the record's field: its error record says so
    r = client.post("/api/upload", files={"files": ("b.jsonl", json.dumps(
        {"id": "x", "text": _article(50), "published": FULL_WIDTH}).encode(), "application/x-ndjson")})
    result = r.json()["results"][0]
    assert result["status"] == "error" and result["error"]["message"].startswith("published: ")


def test_published_full_width_is_refused_by_the_library_and_the_command_line(tmp_path):
    with pytest.raises(NewsledgerError) as info:
        to_document(InputDocument(_article(), published=FULL_WIDTH, raw=True), max_bytes=1 << 20)
    assert info.value.message.startswith("published: ") and "--published" not in info.value.message
    article = tmp_path / "a.txt"
    article.write_text(_article(), encoding="utf-8")
    for command in (["extract", str(article)], ["ingest", str(article), "--db", str(tmp_path / "l.db")]):
        r = CliRunner().invoke(cli_main(), [*command, "--published", FULL_WIDTH])
        assert r.exit_code == 2 and "--published" in r.output, r.output
    assert not (tmp_path / "l.db").exists()
