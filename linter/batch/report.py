"""The self-contained HTML report: the summary embedded as JSON, drawn as inline SVG by a
small inline script. No network, no CDN: the file opens anywhere, offline."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

_PLACEHOLDER = "__REPORT_DATA__"


def render_report(summary: dict[str, Any]) -> str:
    template = resources.files("linter.batch").joinpath("report_template.html").read_text(
        encoding="utf-8")
    return template.replace(_PLACEHOLDER, embedded_json(summary))


def embedded_json(data: dict[str, Any]) -> str:
    """JSON that cannot end the <script> element it sits in, whatever the replies say."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def write_report(path: Path, summary: dict[str, Any]) -> None:
    path.write_text(render_report(summary), encoding="utf-8")
