"""The web app's middleware (plain ASGI), outermost first:

- `SecurityHeaders`: a Content-Security-Policy allowing this server's own scripts and
  styles only, `nosniff`, no framing, and no referrer to other sites, on every answer
  (`Referrer-Policy: same-origin`, not `no-referrer`: under `no-referrer` a browser sends
  `Origin: null` with this server's own form posts, which could then not be told from a
  sandboxed frame of another site);
- `Guard`: refuses a request naming a host the server was not started for (a page of
  another site whose name was made to resolve here, DNS rebinding, can neither read nor
  write); refuses a write (POST ...) sent by another site's page: `Sec-Fetch-Site` other
  than same-origin, an `Origin` of another host, or `Origin: null` (sandboxed frames, data:
  and file: pages); limits request bodies to `limit` bytes (by Content-Length, and while
  they stream);
- `Validators`: HTTP validators from the store's generation (raised by every write
  transaction): a browser that has a page or an API answer revalidates it and gets 304 Not
  Modified while nothing was written, without a query being run; after any write it gets
  the new answer. `state.boot` changes with every start of the server (code and options).
"""

from __future__ import annotations

import ipaddress
import json
from urllib.parse import urlsplit

from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders

from ..store.backend import StoreError

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
WILDCARD_ADDRESSES = ("", "0.0.0.0", "::", "[::]")


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request is larger than the limit of {limit:,} bytes (newsledger serve --max-upload-mb)")


def split_host(header: str) -> str:
    """The host name or address of a `Host` header (or an origin's netloc), without port,
    brackets, case or a final dot."""
    header = header.strip()
    if header.startswith("["):
        host = header[1:].split("]", 1)[0]
    elif header.count(":") == 1:
        host = header.split(":", 1)[0]
    else:
        host = header  # a name, or a bare IPv6 address
    return host.lower().rstrip(".")


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1); never for a name that
    merely starts like one (`127.evil.example`)."""
    host = split_host(host) if host.startswith("[") else host.lower().rstrip(".")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HostCheck:
    """The host names this server answers for: loopback names and addresses, the address it
    listens on (unless it listens on every address), and the names given with
    `--allowed-host` (`*.example.org` for any name under example.org, `*` for any host)."""

    def __init__(self, listen: str = "127.0.0.1", allowed: tuple[str, ...] | list[str] = ()) -> None:
        names = {split_host(a) for a in allowed if a and a.strip() and a.strip() != "*"}
        self.any = any(a.strip() == "*" for a in allowed)
        self.suffixes = tuple(n[1:] for n in names if n.startswith("*."))
        self.names = {n for n in names if not n.startswith("*.")}
        self.extra = set(self.names)  # names given on purpose: their origins may post too
        if split_host(listen) not in WILDCARD_ADDRESSES and listen not in WILDCARD_ADDRESSES:
            self.names.add(split_host(listen))

    def allows(self, header: str | None) -> bool:
        if not header:
            return False
        if self.any:
            return True
        host = split_host(header)
        return (is_loopback(host) or host in self.names
                or any(host.endswith(s) and len(host) > len(s) for s in self.suffixes))

    def described(self) -> str:
        shown = sorted({"localhost", "127.0.0.1", "::1", *self.names, *("*" + s for s in self.suffixes)})
        return ", ".join(shown)


def cross_site_refusal(headers: dict[str, str], hosts: HostCheck) -> str | None:
    """Why a write request must be refused as sent by another site's page (None: it may go on).
    A client that is not a browser sends neither header and is not refused."""
    site = headers.get("sec-fetch-site")
    if site is not None and site.strip().lower() not in ("same-origin", "none"):
        return f"a page of another site may not send this (Sec-Fetch-Site: {site[:40]})"
    origin = headers.get("origin")
    if origin is None:
        return None
    if origin.strip().lower() == "null":
        return "a page without an origin of its own (Origin: null: a sandboxed frame, a file or data page) may not send this"
    parts = urlsplit(origin.strip())
    host = headers.get("host", "")
    same = parts.scheme in ("http", "https") and parts.netloc.lower() == host.strip().lower()
    trusted = parts.scheme in ("http", "https") and split_host(parts.netloc) in hosts.extra
    if not (same or trusted):
        return "a form or script of another site may not post here"
    return None


class Guard:
    """ASGI middleware: foreign hosts, cross-site writes and oversized bodies refused (see the module)."""

    def __init__(self, app, *, limit: int, hosts: HostCheck) -> None:
        self.app = app
        self.limit = limit
        self.hosts = hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if not self.hosts.allows(headers.get("host")):
            return await plain_error(
                send, 400, "bad_host",
                f"this server answers only for the host names it was started for ({self.hosts.described()}); "
                "newsledger serve --allowed-host NAME adds one")
        if scope["method"] in SAFE_METHODS:
            return await self.app(scope, receive, send)
        refusal = cross_site_refusal(headers, self.hosts)
        if refusal is not None:
            return await plain_error(send, 403, "forbidden", refusal)
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await plain_error(send, 413, "too_large", BodyTooLarge(self.limit).detail)
        received = 0
        limit = self.limit

        async def limited():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        return await self.app(scope, limited, send)


async def plain_error(send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware: the same security headers on every answer."""

    def __init__(self, app, *, csp: str) -> None:
        self.app = app
        self.headers = {"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
                        "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in self.headers.items():
                    headers[k] = v
            await send(message)

        return await self.app(scope, receive, sending)


CACHEABLE = ("/api/", "/articles/", "/events/", "/timeline", "/map", "/network", "/quotes")


class Validators:
    """ASGI middleware: ETag from the store's generation, 304 when it did not move (see the module)."""

    def __init__(self, app, *, state) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD")
                or not (path == "/" or path.startswith(CACHEABLE))):
            return await self.app(scope, receive, send)
        try:
            generation = await run_in_threadpool(self.state.ask, lambda store: store.generation())
        except StoreError:  # the store is gone or damaged: the route answers what is wrong
            return await self.app(scope, receive, send)
        etag = f'W/"{generation}-{self.state.boot}"'
        asked = Headers(scope=scope).get("if-none-match", "")
        if etag in [t.strip() for t in asked.split(",")]:
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]})
            await send({"type": "http.response.body", "body": b""})
            return None

        async def sending(message):
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = MutableHeaders(scope=message)
                headers["ETag"] = etag
                headers["Cache-Control"] = "no-cache"
            await send(message)

        return await self.app(scope, receive, sending)
