"""A per-session token for the form pages (the Add page), beside the middleware's Origin
and Sec-Fetch-Site checks: a form post is taken only with the token the server put into
the form it served to this browser session.

The session is a random value in a cookie (HttpOnly, SameSite=Strict: a page of another
site never sends it); the token is an HMAC of it under a key the server draws at start,
so nothing is stored and a restart makes old forms ask to be reloaded.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from fastapi import Request, Response

COOKIE = "newsledger_session"
FIELD = "form_token"
_SESSION = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


class FormTokens:
    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    def _token(self, session: str) -> str:
        return hmac.new(self._key, session.encode("ascii"), hashlib.sha256).hexdigest()

    def issue(self, request: Request) -> tuple[str, str | None]:
        """The token for this browser's session, and a new session value to set as a cookie
        when it had none."""
        session = request.cookies.get(COOKIE)
        if session and _SESSION.match(session):
            return self._token(session), None
        session = secrets.token_urlsafe(32)
        return self._token(session), session

    def valid(self, request: Request, token: object) -> bool:
        session = request.cookies.get(COOKIE)
        if not session or not _SESSION.match(session) or not isinstance(token, str) or not token:
            return False
        return hmac.compare_digest(self._token(session), token)

    @staticmethod
    def set_cookie(response: Response, session: str) -> None:
        response.set_cookie(COOKIE, session, httponly=True, samesite="strict", path="/")


REFUSED = ("this form was not sent from this server's Add page in this browser (or the server restarted since "
           "it was opened): open the Add page again and send it from there")
