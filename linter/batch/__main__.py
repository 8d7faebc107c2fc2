"""`python -m linter.batch ...` runs `replylint batch ...` (used by the resume tests)."""

from ..cli import exit_now
from .cli import batch_command

try:
    batch_command(prog_name="replylint batch")
except SystemExit as done:
    exit_now(done.code)
