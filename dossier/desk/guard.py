"""What every request to the desk passes first: its Host, its token, its password, a place in
the queue; and the headers every answer carries (the preview's CSP, with forms allowed)."""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.datastructures import URL, Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dossier.commands.preview import CONTENT_SECURITY_POLICY
from dossier.i18n.messages import message

__all__ = ["DESK_CONTENT_SECURITY_POLICY", "REVIEW_POLICY", "DeskGuard", "GuardSettings"]

# The preview's policy, but the desk's pages post forms to the desk itself.
DESK_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "form-action 'none'", "form-action 'self'"
)
#: The comparison page's policy: `dossier diff --html`'s page, with inline CSS and page pictures
#: as data: URIs, no script, no form, nothing from elsewhere, never in a frame.
REVIEW_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
)
#: The largest form a page posts (choices, config, build options); an upload has its own limit.
FORM_LIMIT = 1 << 20
#: The one route that takes a body larger than a form (it counts the bytes as they come).
UPLOAD_PATH = "/upload"
#: Requests handled at the same time; more wait their turn.
ACTIVE_LIMIT = 8
#: Requests waiting for a turn; more are answered "busy" at once (HTTP 503).
WAITING_LIMIT = 64
SECURITY_HEADERS = {
    "content-security-policy": DESK_CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    # Not no-referrer: with it, Chromium sends "Origin: null" with the desk's own forms.
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


@dataclass(frozen=True)
class GuardSettings:
    """The secrets and names a request must match."""

    token: str
    hosts: frozenset[str]  # Host headers accepted ("127.0.0.1:8765", "localhost:8765"…)
    password: str | None = None  # asked with HTTP Basic authentication when set (remote use)
    lang: str = "fr"  # the language of the refusals, said before any page is chosen
    secure_cookie: bool = False  # behind HTTPS: the cookie travels over HTTPS only

    @property
    def cookie(self) -> str:
        # Named after a hash of the hosts: two desks on one machine keep apart cookies
        # (browsers share cookies between the ports of a host).
        digest = hashlib.sha256("\0".join(sorted(self.hosts)).encode()).hexdigest()
        return "dossier_desk_" + digest[:8]


def loopback_hosts(port: int) -> frozenset[str]:
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"})


def named_hosts(names: Iterable[str], port: int) -> frozenset[str]:
    """The Host headers a server named ``names`` is reached with (with and without port)."""
    hosts = set()
    for name in names:
        hosts |= {name, f"{name}:{port}"}
    return frozenset(hosts)


class DeskGuard:
    """ASGI middleware in front of the desk's application."""

    def __init__(self, app: ASGIApp, settings: GuardSettings) -> None:
        self.app = app
        self.settings = settings
        self._turns = asyncio.Semaphore(ACTIVE_LIMIT)
        self.active = 0
        self.waiting = 0
        #: The most requests ever handled at the same time (the bound the tests check).
        self.peak = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        refusal = self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if self.waiting >= WAITING_LIMIT:
            busy = message("desk.busy", self.settings.lang)
            await PlainTextResponse(busy, status_code=503, headers={"retry-after": "1"})(
                scope, receive, send
            )
            return
        self.waiting += 1
        try:
            await self._turns.acquire()
        finally:
            self.waiting -= 1
        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1
            self._turns.release()

    def _refusal(self, scope: Scope) -> Response | None:
        """The answer to a request that may not reach the desk, or None."""
        settings, lang = self.settings, self.settings.lang
        headers = Headers(scope=scope)
        # A page elsewhere could reach 127.0.0.1 through a DNS name rebound to it.
        if headers.get("host", "") not in settings.hosts:
            return PlainTextResponse(message("desk.foreign_host", lang), status_code=403)
        origin = headers.get("origin")
        # "null" (a privacy setting, a sandboxed frame) proves nothing either way: the cookie,
        # SameSite=Strict, is what a page elsewhere cannot send.
        foreign = origin not in (None, "null")
        if foreign and urllib.parse.urlsplit(str(origin)).netloc not in settings.hosts:
            return PlainTextResponse(message("desk.foreign_origin", lang), status_code=403)
        if settings.password is not None and not _password_matches(headers, settings.password):
            return PlainTextResponse(
                message("desk.password_needed", lang),
                status_code=401,
                headers={"www-authenticate": 'Basic realm="dossier desk", charset="UTF-8"'},
            )
        if scope["method"] == "POST" and scope["path"] != UPLOAD_PATH:
            # A form is read whole into memory: its size is known and bounded first.
            length = headers.get("content-length", "")
            if not length.isdigit() or int(length) > FORM_LIMIT:
                return PlainTextResponse(message("desk.form_too_large", lang), status_code=413)
        request = Request(scope)
        given = request.query_params.get("token")
        if given is not None and hmac.compare_digest(given.encode(), settings.token.encode()):
            # The token leaves the address (and the history) at once; the cookie carries it.
            query = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            url = URL(scope=scope).replace(query=urllib.parse.urlencode(query))
            target = url.path + (f"?{url.query}" if url.query else "")
            redirect = RedirectResponse(target, status_code=303)
            redirect.set_cookie(
                settings.cookie,
                settings.token,
                httponly=True,
                samesite="strict",
                secure=settings.secure_cookie,
                path="/",
            )
            return redirect
        cookie = request.cookies.get(settings.cookie, "")
        if not hmac.compare_digest(cookie.encode(), settings.token.encode()):
            return PlainTextResponse(message("desk.no_token", lang), status_code=403)
        return None


def _password_matches(headers: Headers, password: str) -> bool:
    scheme, _, encoded = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        _user, _, given = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return hmac.compare_digest(given.encode(), password.encode())


def _with_security_headers(send: Send) -> Send:
    async def sending(event: Message) -> None:
        if event["type"] == "http.response.start":
            headers = MutableHeaders(scope=event)
            # The one policy a page may set instead of the desk's is the comparison page's.
            own = headers.get("content-security-policy")
            for name, value in SECURITY_HEADERS.items():
                headers[name] = value
            if own == REVIEW_POLICY:
                headers["content-security-policy"] = own
        await send(event)

    return sending
