"""`replylint serve`: option handling, and the real server in a child process."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.service.launch import RunningServer, serve


def post(server: RunningServer, body: dict[str, Any],
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        server.url + "/v1/check", data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_serve_is_registered_with_its_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--http", "--host", "--port", "--config", "--token", "REPLYLINT_TOKEN",
                   "--max-body-bytes", "--log-replies"):
        assert option in result.output


def test_a_broken_team_config_stops_the_service_at_start(tmp_path: Path) -> None:
    config = tmp_path / "replylint.toml"
    config.write_text('select = ["NOPE999"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--http", "--config", str(config)])
    assert result.exit_code == 2
    assert "NOPE999" in result.output


@pytest.mark.slow
def test_real_server_with_token_discovers_config_and_keeps_replies_out_of_the_log(
        tmp_path: Path) -> None:
    (tmp_path / "replylint.toml").write_text(
        'select = ["PLH", "SIG"]\n[presend]\nblock = ["SIG001"]\n', encoding="utf-8")
    draft = "Your refund for order 55817 was issued this morning"
    with serve(cwd=tmp_path, env={"REPLYLINT_TOKEN": "t0ken"}) as server:
        status, refused = post(server, {"reply": draft})
        assert (status, refused["error"]["field"]) == (401, "Authorization")
        status, document = post(server, {"reply": draft},
                                {"Authorization": "Bearer t0ken"})
        with urllib.request.urlopen(server.url + "/healthz", timeout=10) as response:
            health = json.loads(response.read())
    assert status == 200
    assert (document["verdict"], document["blocking"]) == ("block", ["SIG001"])
    assert health["config"]["source"] == "replylint.toml"
    log = server.log()
    assert "POST /v1/check" in log and "verdict=block" in log
    assert "55817" not in log
