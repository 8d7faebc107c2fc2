"""examples/python_api.py, the documented in-process integration, runs and says what it shows."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "python_api.py"


def test_python_api_example_blocks_then_sends_after_the_signature_fix(
        capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    output = capsys.readouterr().out
    before, after = output.split("fixed:", 1)
    assert "SIG001 [warning]" in before
    assert "verdict: block" in before
    assert after.splitlines()[0].rstrip().endswith("tomorrow. ^JD")
    assert "SIG001" not in after.split("verdict:", 1)[0]
    assert '"start_utf16"' in after
