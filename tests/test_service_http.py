"""The HTTP surface of `replylint serve`: routes, errors, limits, auth, reloads, logs."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from linter.service.app import ServiceSettings, create_app
from linter.service.team import TeamConfig

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "linter" / "schema" / "check-v1.schema.json"
UNSIGNED = "Sorry your parcel is late. I've asked the depot to redeliver it tomorrow morning."
PLACEHOLDER = "Hi [Customer Name], the courier will redeliver your parcel tomorrow. ^JD"
PINNED = 'select = ["PLH", "SIG"]\n'  # verdict tests pin the rules they rely on


def make_client(team: TeamConfig | None = None, **settings: Any) -> httpx.AsyncClient:
    settings.setdefault("warm_up", False)
    app = create_app(team, ServiceSettings(**settings))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1")


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_client() as c:
        yield c


def pinned_team(tmp_path: Path, extra: str = "") -> TeamConfig:
    path = tmp_path / "replylint.toml"
    path.write_text(PINNED + extra, encoding="utf-8")
    return TeamConfig(path)


def rewrite(path: Path, text: str) -> None:
    """Write and move the mtime forward, so coarse filesystem clocks still see a change."""
    before = os.stat(path).st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


async def test_check_returns_schema_v1_diagnostics_and_a_verdict(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/check", json={
        "reply": PLACEHOLDER, "customer": "Where is my parcel?",
        "config": {"select": ["PLH"]}})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    document = response.json()
    assert document["schema_version"] == 1
    assert document["verdict"] == "block"
    assert document["blocking"] == ["PLH001"]
    assert [d["code"] for d in document["diagnostics"]] == ["PLH001"]
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    diagnostic_schema = {"$ref": "#/$defs/diagnostic", "$defs": schema["$defs"]}
    for diagnostic in document["diagnostics"]:
        jsonschema.validate(diagnostic, diagnostic_schema)


@pytest.mark.parametrize(("content", "field", "words"), [
    (b'{"reply": "hi"', "body", "malformed JSON"),
    (b"", "body", "empty"),
    (b"\xff\xfe", "body", "UTF-8"),
    (b'"just a string"', "body", "JSON object"),
    (b'{"reply": null}', "reply", "must be a string"),
    (b'{"reply": "half a pair \\ud800"}', "reply", "unpaired surrogate"),
    (b'{"reply": "ok", "channel": 3}', "channel", "must be a string"),
    (b'{"reply": "ok", "config": {"severity": {"PLH001": "info"}}}', "config.severity",
     "team config"),
])
async def test_bad_bodies_get_a_400_naming_the_field(client: httpx.AsyncClient, content: bytes,
                                                     field: str, words: str) -> None:
    response = await client.post("/v1/check", content=content,
                                 headers={"content-type": "application/json"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["field"] == field
    assert words in error["message"]


async def test_non_json_content_type_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/check", content=b'{"reply": "hi"}',
                                 headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert response.json()["error"]["field"] == "Content-Type"


async def test_oversized_body_is_a_clear_413() -> None:
    async with make_client(max_body_bytes=2048) as client:
        response = await client.post("/v1/check", json={"reply": "a" * 3000})
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["field"] == "body"
    assert "at most 2,048" in error["message"]


async def test_oversized_body_without_content_length_is_cut_off_at_the_cap() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"reply": "'
        for _ in range(10):
            yield b"a" * 1024
        yield b'"}'

    async with make_client(max_body_bytes=4096) as client:
        response = await client.post("/v1/check", content=chunks(),
                                     headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "more than" in response.json()["error"]["message"]


@pytest.mark.parametrize("path", ["/v2/check", "/static/compose.js", "/web/index.html",
                                  "/compose.js/../../pyproject.toml", "/%2e%2e/pyproject.toml"])
async def test_unknown_routes_are_404_and_no_route_reads_files(client: httpx.AsyncClient,
                                                               path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["field"] == "path"
    assert "[project]" not in response.text


async def test_wrong_method_is_405(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/check")
    assert response.status_code == 405
    assert response.json()["error"]["field"] == "method"


async def test_compose_page_and_assets_are_served_with_a_strict_csp(
        client: httpx.AsyncClient) -> None:
    page = await client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<script src="/compose.js"' in page.text
    assert "http" not in page.text.replace("http-equiv", "")  # no CDN, nothing off-site
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    script = await client.get("/compose.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert "/v1/check" in script.text
    assert (await client.get("/compose.css")).headers["content-type"].startswith("text/css")


async def test_rules_lists_the_catalogue_with_docs_and_the_team_policy(tmp_path: Path) -> None:
    team = pinned_team(tmp_path, '[presend]\nblock = ["SIG001"]\n')
    async with make_client(team) as client:
        document = (await client.get("/v1/rules")).json()
    rules = {rule["code"]: rule for rule in document["rules"]}
    assert document["schema_version"] == 1
    assert rules["PLH001"]["documentation"].startswith("## What it does")
    assert (rules["PLH001"]["severity"], rules["PLH001"]["blocks"]) == ("error", True)
    assert (rules["SIG001"]["severity"], rules["SIG001"]["blocks"]) == ("warning", True)
    unselected = [rule for code, rule in rules.items() if not code.startswith(("PLH", "SIG"))]
    assert all(not rule["enabled"] for rule in unselected)


async def test_healthz_reports_the_config(tmp_path: Path) -> None:
    async with make_client(pinned_team(tmp_path)) as client:
        health = (await client.get("/healthz")).json()
    assert health["status"] == "ok"
    assert health["config"]["source"] == "replylint.toml"
    assert health["config"]["error"] is None


async def test_team_config_is_reloaded_when_it_changes(tmp_path: Path) -> None:
    team = pinned_team(tmp_path)
    async with make_client(team) as client:
        first = (await client.post("/v1/check", json={"reply": UNSIGNED})).json()
        assert first["verdict"] == "confirm"

        rewrite(team.path, PINNED + '[presend]\nblock = ["missing-signature"]\n')
        second = (await client.post("/v1/check", json={"reply": UNSIGNED})).json()
        assert (second["verdict"], second["blocking"]) == ("block", ["SIG001"])
        assert second["config"]["block"] == ["missing-signature"]

        # A broken edit keeps the last good config and says so in /healthz.
        rewrite(team.path, PINNED + '[presend]\nblock = ["NOPE999"]\n')
        third = (await client.post("/v1/check", json={"reply": UNSIGNED})).json()
        assert third["verdict"] == "block"
        health = (await client.get("/healthz")).json()["config"]
        assert "NOPE999" in health["error"]
        assert health["reloads"] == 1

        rewrite(team.path, PINNED)
        fourth = (await client.post("/v1/check", json={"reply": UNSIGNED})).json()
        assert fourth["verdict"] == "confirm"
        assert (await client.get("/healthz")).json()["config"]["error"] is None


async def test_request_cannot_loosen_the_team_block_list(tmp_path: Path) -> None:
    team = pinned_team(tmp_path, '[presend]\nblock = ["SIG001"]\n')
    async with make_client(team) as client:
        response = await client.post("/v1/check", json={
            "reply": UNSIGNED, "config": {"ignore": ["SIG001"]}})
    document = response.json()
    assert (document["verdict"], document["blocking"]) == ("block", ["SIG001"])


async def test_token_guards_the_api_but_not_health_or_page() -> None:
    async with make_client(token="s3cret") as client:
        missing = await client.post("/v1/check", json={"reply": "hi"})
        wrong = await client.post("/v1/check", json={"reply": "hi"},
                                  headers={"authorization": "Bearer nope"})
        right = await client.post("/v1/check", json={"reply": "hi"},
                                  headers={"authorization": "Bearer s3cret"})
        rules = await client.get("/v1/rules")
        health = await client.get("/healthz")
        page = await client.get("/")
    assert missing.status_code == wrong.status_code == rules.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["error"]["field"] == "Authorization"
    assert right.status_code == 200
    assert health.status_code == page.status_code == 200


async def test_foreign_host_header_is_refused_when_bound_to_loopback() -> None:
    async with make_client(allowed_hosts=("127.0.0.1", "localhost", "::1")) as client:
        ok = await client.get("/healthz")
        rebound = await client.get("/healthz", headers={"host": "attacker.example"})
    assert ok.status_code == 200
    assert rebound.status_code == 400


async def test_no_cross_origin_access_unless_configured() -> None:
    preflight = {"origin": "https://desk.example.com", "access-control-request-method": "POST",
                 "access-control-request-headers": "content-type"}
    async with make_client() as client:
        closed = await client.post("/v1/check", json={"reply": "hi"},
                                   headers={"origin": "https://desk.example.com"})
    assert "access-control-allow-origin" not in closed.headers
    async with make_client(cors_origins=("https://desk.example.com",)) as client:
        opened = await client.options("/v1/check", headers=preflight)
    assert opened.status_code == 200
    assert opened.headers["access-control-allow-origin"] == "https://desk.example.com"


@pytest.mark.parametrize("log_replies", [False, True])
async def test_reply_text_reaches_the_log_only_when_asked(
        caplog: pytest.LogCaptureFixture, log_replies: bool) -> None:
    secret = "Hi [Customer Name], your card 4929 is unblocked."
    caplog.set_level(logging.INFO, logger="replylint.service")
    async with make_client(log_replies=log_replies) as client:
        response = await client.post("/v1/check",
                                     json={"reply": secret, "customer": "card blocked"})
    assert response.status_code == 200
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "verdict=block" in logged and "PLH001" in logged
    assert ("4929" in logged) is log_replies
    assert ("card blocked" in logged) is log_replies
