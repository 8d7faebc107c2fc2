"""Pre-send check in-process: the Python API for integrations written in Python.

    python examples/python_api.py

Import once and keep the process alive: the first `lint` call loads spaCy (about a
second); every later call takes about a millisecond. The config is a frozen value, so
build it once (from the team's file or a mapping) and reuse it.
"""

from __future__ import annotations

import json

from linter import apply_edits, lint
from linter.config import config_from_mapping
from linter.output import diagnostic_json
from linter.verdict import verdict

# The team's policy. In production: `linter.config.load_config(Path("replylint.toml"))`.
TEAM = config_from_mapping({
    "channel": "twitter",
    "signature": {"agent": "^JD"},  # the agent's sign-off, appended by the SIG001 fix
    "presend": {"block": ["missing-signature"]},  # unsigned replies never go out
})

CUSTOMER = "My parcel never arrived and the tracking hasn't moved since Monday."
DRAFT = "Sorry about the wait! I've asked the courier to redeliver your parcel tomorrow."


def presend(reply: str, customer: str | None) -> str:
    """Lint the draft, print what was found, and return send / confirm / block."""
    diagnostics = lint(reply, customer, TEAM)
    for diagnostic in diagnostics:
        fix = f" (fix: {diagnostic.fix.title})" if diagnostic.fix else ""
        print(f"  {diagnostic.code} [{diagnostic.severity.value}] {diagnostic.message}{fix}")
    return verdict(diagnostics, TEAM)


def main() -> None:
    print("draft:", DRAFT)
    print("verdict:", presend(DRAFT, CUSTOMER))

    # Apply every safe fix the linter offers (here: the agent's sign-off) and check again.
    fixes = [d.fix for d in lint(DRAFT, CUSTOMER, TEAM) if d.fix and d.fix.safe]
    fixed = apply_edits(DRAFT, [edit for fix in fixes for edit in fix.edits])
    print("fixed:", fixed)
    print("verdict:", presend(fixed, CUSTOMER))

    # The same JSON the HTTP service and `replylint check --format json` emit (schema v1),
    # for handing diagnostics to a browser editor (UTF-16 offsets included).
    for diagnostic in lint(DRAFT, CUSTOMER, TEAM):
        document = diagnostic_json(diagnostic, DRAFT)
        shown = {key: document[key] for key in ("code", "start_utf16", "end_utf16", "range")}
        print(json.dumps(shown, ensure_ascii=False))


if __name__ == "__main__":
    main()
