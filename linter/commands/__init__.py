"""The core subcommands of the `replylint` CLI."""
