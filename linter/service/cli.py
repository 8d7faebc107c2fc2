"""`replylint serve --http`: run the pre-send check service under uvicorn."""

from __future__ import annotations

import ipaddress
import logging
import sys
from pathlib import Path

import click

from ..config import ConfigError, find_config_file
from .app import DEFAULT_MAX_BODY_BYTES, LOOPBACK_HOSTS, ServiceSettings

EXIT_ERROR = 2


@click.command("serve")
@click.option("--http", "http", is_flag=True, default=True,
              help="Serve HTTP (the only transport today; accepted for clarity).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything beyond loopback should also set --token.")
@click.option("--port", default=8181, show_default=True, type=click.IntRange(0, 65535))
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Team config file (default: replylint.toml / pyproject.toml found from the "
                   "working directory). Reloaded when it changes.")
@click.option("--token", envvar="REPLYLINT_TOKEN", show_envvar=True,
              help="Shared secret: /v1/* then needs 'Authorization: Bearer <token>'. "
                   "Prefer the environment variable (arguments show in ps).")
@click.option("--max-body-bytes", default=DEFAULT_MAX_BODY_BYTES, show_default=True,
              type=click.IntRange(1024, 16 * 1024 * 1024), help="Larger request bodies get 413.")
@click.option("--allow-origin", "allow_origins", multiple=True,
              help="A browser origin (https://desk.example.com) allowed to call /v1/* (CORS).")
@click.option("--allowed-host", "allowed_hosts", multiple=True,
              help="Host header values to accept (default: loopback names when bound to "
                   "loopback, any otherwise). Guards against DNS rebinding.")
@click.option("--log-replies", is_flag=True,
              help="Write reply and customer text to the log (off: only codes and sizes).")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]),
              default="info", show_default=True)
def serve_command(http: bool, host: str, port: int, config_path: Path | None, token: str | None,
                  max_body_bytes: int, allow_origins: tuple[str, ...],
                  allowed_hosts: tuple[str, ...], log_replies: bool, log_level: str) -> None:
    """Run the pre-send check service (POST /v1/check) and the compose page (GET /)."""
    import uvicorn

    from .app import create_app
    from .team import TeamConfig

    logging.basicConfig(level=log_level.upper(), format="%(levelname)s:     %(message)s")
    try:
        path = config_path or find_config_file(Path.cwd())
        team = TeamConfig(path)
    except ConfigError as error:
        click.echo(f"replylint: error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    loopback = _is_loopback(host)
    if not loopback and not token:
        click.echo(f"replylint: warning: serving on {host} without --token: anyone who can "
                   "reach this port can use the service. Set REPLYLINT_TOKEN.", err=True)
    settings = ServiceSettings(
        token=token or None, max_body_bytes=max_body_bytes, log_replies=log_replies,
        allowed_hosts=allowed_hosts or (LOOPBACK_HOSTS if loopback else ("*",)),
        cors_origins=allow_origins)
    source = f"team config {path}" if path else "built-in default config (no config file found)"
    click.echo(f"replylint: pre-send service on http://{_url_host(host)}:{port}/ using {source}",
               err=True)
    uvicorn.run(create_app(team, settings), host=host, port=port, log_level=log_level,
                access_log=True, server_header=False, proxy_headers=False)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
