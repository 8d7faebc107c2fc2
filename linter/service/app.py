"""The Starlette application behind `replylint serve --http`.

Routes: `POST /v1/check`, `GET /v1/rules`, `GET /healthz`, and the compose page
(`GET /`, `/compose.js`, `/compose.css`, read from package data at start; no route
maps a request to a file). Linting runs inline on the event loop: a check is about a
millisecond of CPU under the GIL, so a thread hop would only add latency.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import time
import traceback
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..output import JSON_SCHEMA_VERSION
from .presend import RequestError, parse_check_request, run_check
from .team import TeamConfig

log = logging.getLogger("replylint.service")

DEFAULT_MAX_BODY_BYTES = 128 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
_PAGE_FILES = {"/": ("index.html", "text/html; charset=utf-8"),
               "/compose.js": ("compose.js", "text/javascript; charset=utf-8"),
               "/compose.css": ("compose.css", "text/css; charset=utf-8")}
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy",
     b"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
     b"img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
]


@dataclass(frozen=True)
class ServiceSettings:
    """How the service treats requests. Defaults are the safe ones."""

    token: str | None = None  # when set, /v1/* needs `Authorization: Bearer <token>`
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    log_replies: bool = False  # reply and customer text in the log: only when asked
    allowed_hosts: Sequence[str] = ("*",)  # Host headers accepted (DNS-rebinding guard)
    cors_origins: Sequence[str] = ()  # browser origins allowed to call /v1/* (none by default)
    warm_up: bool = True  # load spaCy and build the rules before the first request


def create_app(team: TeamConfig | None = None,
               settings: ServiceSettings | None = None) -> Starlette:
    """The ASGI app. `team` defaults to the built-in config; `settings` to the safe defaults."""
    team = team or TeamConfig()
    settings = settings or ServiceSettings()
    service = _Service(team, settings)
    routes = [
        Route("/v1/check", service.check, methods=["POST"]),
        Route("/v1/rules", service.rules, methods=["GET"]),
        Route("/healthz", service.health, methods=["GET"]),
        *(Route(path, service.page, methods=["GET"]) for path in _PAGE_FILES),
    ]
    middleware = [Middleware(_SecurityHeaders),
                  Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))]
    if settings.cors_origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"]))
    app = Starlette(routes=routes, middleware=middleware, lifespan=service.lifespan,
                    exception_handlers={HTTPException: _http_error})
    app.state.team = team
    return app


class _Service:
    def __init__(self, team: TeamConfig, settings: ServiceSettings) -> None:
        self.team = team
        self.settings = settings
        self.pages = {path: (_read_page(name), media)
                      for path, (name, media) in _PAGE_FILES.items()}
        self._token = settings.token.encode("utf-8") if settings.token else None

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        if self.settings.warm_up:
            from ..engine import lint

            started = time.perf_counter()
            lint("Thanks for your patience, we're on it.", "Where is my order?",
                 self.team.current())
            log.info("replylint %s ready (spaCy and rules loaded in %.0f ms)",
                     __version__, (time.perf_counter() - started) * 1000)
        yield

    async def check(self, request: Request) -> Response:
        started = time.perf_counter()
        try:
            self._authorize(request)
            body = await self._read_body(request)
            parsed = parse_check_request(_decode_json(body))
            result = run_check(self.team.current(), parsed)
        except RequestError as error:
            return _error(error.status, error.field, error.message)
        except Exception as error:  # noqa: BLE001 - the log must not carry reply text
            frames = "".join(traceback.format_tb(error.__traceback__))
            log.error("check failed: %s\n%s", type(error).__name__, frames)
            return _error(500, "server", "internal error while checking; see the service log")
        elapsed = (time.perf_counter() - started) * 1000
        codes = ",".join(d.code for d in result.diagnostics) or "-"
        if self.settings.log_replies:
            log.info("check verdict=%s codes=%s ms=%.1f reply=%r customer=%r", result.verdict,
                     codes, elapsed, parsed.reply, parsed.customer)
        else:
            log.info("check verdict=%s codes=%s chars=%d ms=%.1f", result.verdict, codes,
                     len(parsed.reply), elapsed)
        return _json(result.to_json())

    async def rules(self, request: Request) -> Response:
        try:
            self._authorize(request)
        except RequestError as error:
            return _error(error.status, error.field, error.message)
        from rules import catalogue

        config = self.team.current()
        listed = []
        for rule in catalogue():
            severity = config.severity_for(rule.code, rule.name, rule.default_severity)
            listed.append({
                "code": rule.code, "name": rule.name, "summary": rule.summary,
                "default_severity": rule.default_severity.value, "severity": severity.value,
                "enabled": config.is_enabled(rule.code, rule.name),
                "blocks": config.blocks(rule.code, rule.name, severity),
                "url": rule.doc_url(), "documentation": rule.documentation(),
            })
        return _json({"schema_version": JSON_SCHEMA_VERSION, "rules": listed})

    async def health(self, request: Request) -> Response:
        return _json({"status": "ok", "version": __version__, "config": self.team.status()})

    async def page(self, request: Request) -> Response:
        content, media = self.pages[request.url.path]
        return Response(content, media_type=media, headers={"cache-control": "no-cache"})

    def _authorize(self, request: Request) -> None:
        if self._token is None:
            return
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        given_bytes = given.strip().encode("utf-8", "replace")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given_bytes, self._token):
            raise RequestError("Authorization", "missing or wrong token: send "
                               "'Authorization: Bearer <token>'", status=401)

    async def _read_body(self, request: Request) -> bytes:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json":
            raise RequestError("Content-Type", "must be application/json", status=415)
        limit = self.settings.max_body_bytes
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise RequestError("body", _too_large(int(declared), limit), status=413)
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:  # a lying or absent Content-Length: stop reading at the cap
                raise RequestError("body", _too_large(size, limit, at_least=True), status=413)
            chunks.append(chunk)
        return b"".join(chunks)


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"request body is {more}{size:,} bytes; this service accepts at most {limit:,}"


def _decode_json(body: bytes) -> Any:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError("body", "not valid UTF-8") from None
    if not text.strip():
        raise RequestError("body", "empty: expected a JSON object like {\"reply\": \"...\"}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RequestError("body", f"malformed JSON: {error.msg} at line {error.lineno} "
                                   f"column {error.colno}") from None
    except RecursionError:
        raise RequestError("body", "JSON nested too deeply") from None


def _json(content: Any, status: int = 200) -> Response:
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json",
                    headers={"cache-control": "no-store"})


def _error(status: int, field: str, message: str) -> Response:
    response = _json({"error": {"status": status, "field": field, "message": message}}, status)
    if status == 401:
        response.headers["www-authenticate"] = "Bearer"
    return response


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    field = "method" if exc.status_code == 405 else "path"
    message = {404: f"no such route {request.url.path!r} (routes: /v1/check, /v1/rules, "
                    "/healthz, /)",
               405: f"{request.method} is not allowed on {request.url.path}"}.get(
        exc.status_code, str(exc.detail))
    response = _error(exc.status_code, field, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def _read_page(name: str) -> bytes:
    return (resources.files("linter.service") / "web" / name).read_bytes()


class _SecurityHeaders:
    """Adds nosniff, no-referrer and a strict same-origin CSP to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)
