"""The HTML report, rendered by a real headless Chromium: it draws, and its numbers match."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.batch.report import embedded_json, render_report
from linter.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Elements(HTMLParser):
    """Every element of the rendered DOM as (tag, attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))

    def where(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [a for t, a in self.found
                if t == tag and all(a.get(k) == v for k, v in wanted.items())]


def test_embedded_json_cannot_close_the_script() -> None:
    text = embedded_json({"reply": "</script><script>alert(1)</script> & more"})
    assert "</" not in text and json.loads(text)["reply"].startswith("</script>")
    assert "</script><script>alert" not in render_report(_summary_stub())


def _summary_stub() -> dict:
    return {"inputs": ["x"], "rows": 1, "linted": 1, "errors": 0, "records_written": 1,
            "balanced": True, "rows_with_findings": 0, "findings_rate": 0.0, "rules": [],
            "group_labels": [], "groups": {}, "trend": [], "canned": [], "examples": {
                "X": [{"text": "</script><script>alert(1)</script>", "spans": [], "id": "",
                       "groups": {}}]},
            "canned_min_count": 3, "canned_min_agents": 1, "canned_count_floor": 0}


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    report, summary_path = tmp_path / "report.html", tmp_path / "summary.json"
    result = CliRunner().invoke(main, [
        "batch", str(FIXTURES / "replies.csv"), "-q", "--workers", "1",
        "--report", str(report), "--summary-json", str(summary_path)])
    assert result.exit_code == 0, result.output
    summary = json.loads(summary_path.read_text())
    html = report.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch
    assert "https://" not in html.replace("https://help.example.com", "")

    dom = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
         "--dump-dom", report.as_uri()],
        capture_output=True, text=True, timeout=120, check=True).stdout
    page = Elements()
    page.feed(dom)
    body = page.where("body")[0]
    assert body.get("data-rendered") == "true", body.get("data-error")

    stat_values = {a["data-stat"] for a in page.where("div") if "data-stat" in a}
    assert stat_values == {"rows", "linted", "errors", "rows_with_findings", "findings_rate"}
    bars = {a["data-rule"]: int(a["data-rows"])
            for a in page.where("rect", **{"class": "rate-bar"})}
    assert bars == {rule["code"]: rule["rows"] for rule in summary["rules"]}
    assert bars["PLH001"] == 2

    cells = page.where("rect", **{"class": "heat-cell"})
    agents = {g["value"]: g for g in summary["groups"]["agent"]}
    assert {c["data-group"] for c in cells} == set(agents)
    for cell in cells:
        group = agents[cell["data-group"]]
        assert int(cell["data-rows"]) == group["rows"]
        assert int(cell["data-fired"]) == group["rules"][cell["data-rule"]]

    lines = page.where("path", **{"class": "trend-line"})
    assert {line["data-rule"] for line in lines} >= {"PLH001"}
    assert all(line["d"].startswith("M") and line["d"].count("L") == len(summary["trend"]) - 1
               for line in lines)
    canned = [int(a["data-count"]) for a in page.where("tr", **{"class": "canned-row"})]
    assert canned == [t["count"] for t in summary["canned"]] and canned
    assert page.where("details", **{"class": "rule-examples", "data-rule": "PLH001"})
    assert "<mark" in dom and "[Customer Name]</mark>" in dom
