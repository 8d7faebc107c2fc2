"""The team's config file, read at start and reloaded when it changes on disk.

Each request stats the file (a few microseconds) instead of running a watcher thread:
no extra dependency, no missed events on network filesystems, and an editor's
write-to-temp-then-rename is seen through the inode. A reload that fails keeps the
last good config and reports the error in `/healthz`, so a typo never takes the
service down or silently switches rules off.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import Config, ConfigError, load_config

log = logging.getLogger("replylint.service")


@dataclass(frozen=True)
class _Stamp:
    mtime_ns: int
    size: int
    inode: int


def _stamp(path: Path) -> _Stamp | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _Stamp(stat.st_mtime_ns, stat.st_size, stat.st_ino)


class TeamConfig:
    """The current team config. `path=None` means the built-in defaults, never reloaded."""

    def __init__(self, path: Path | None = None, config: Config | None = None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp = _stamp(path) if path else None
        # A bad file at start is the operator's to fix now: raise ConfigError.
        self._config = config if config is not None else (load_config(path) if path else Config())
        self.loaded_at = time.time()
        self.reloads = 0
        self.error: str | None = None

    def current(self) -> Config:
        """The config to use for this request, reloading it first if the file changed."""
        if self.path is None:
            return self._config
        stamp = _stamp(self.path)
        if stamp == self._stamp:
            return self._config
        with self._lock:
            if stamp != self._stamp:
                self._reload(stamp)
        return self._config

    def _reload(self, stamp: _Stamp | None) -> None:
        assert self.path is not None
        self._stamp = stamp
        if stamp is None:
            self.error = f"{self.path.name}: file is missing; keeping the last good config"
            log.error("team config %s is missing; keeping the last good config", self.path)
            return
        try:
            config = load_config(self.path)
        except ConfigError as error:
            self.error = f"{error}; keeping the last good config"
            log.error("team config not reloaded: %s", error)
            return
        self._config = config
        self.loaded_at = time.time()
        self.reloads += 1
        self.error = None
        log.info("team config reloaded from %s", self.path)

    def status(self) -> dict[str, object]:
        return {
            "source": self.path.name if self.path else None,
            "channel": self._config.channel,
            "loaded_at": round(self.loaded_at, 3),
            "reloads": self.reloads,
            "error": self.error,
        }
