"""replylint: a linter for customer-support replies.

    from linter import lint
    for diagnostic in lint("Please call 1-800-555-0100.", customer="My order never came"):
        print(diagnostic.code, diagnostic.message)

Importing this package is cheap: spaCy loads on the first `lint` call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Config, ConfigError
from .diagnostic import Diagnostic, Edit, Finding, Fix, Severity, apply_edits

__version__ = "0.1.0"

__all__ = [
    "Config", "ConfigError", "Diagnostic", "Edit", "Finding", "Fix", "Severity",
    "apply_edits", "lint", "lint_many", "lint_source", "__version__",
]

if TYPE_CHECKING:
    from .engine import lint, lint_many, lint_source


def __getattr__(name: str) -> Any:
    # The engine imports the rules; keep `import linter` (and `replylint --version`) light.
    if name in ("lint", "lint_many", "lint_source"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(name)
