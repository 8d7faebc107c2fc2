"""`python -m linter.batch ...` runs `replylint batch ...` (used by the resume tests)."""

from .cli import batch_command

batch_command(prog_name="replylint batch")
