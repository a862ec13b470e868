"""Where protocol keeps a user's settings, audit notes and cache: one place, one override.

PROTOCOL_HOME=DIR puts everything under DIR (config/, data/, cache/): for tests, for a portable
install on a USB stick, or to keep two roles apart. Otherwise platformdirs decides per platform.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "protocol"


def _home() -> Path | None:
    home = os.environ.get("PROTOCOL_HOME", "").strip()
    return Path(home).expanduser().resolve() if home else None


def config_dir() -> Path:
    home = _home()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def cache_dir() -> Path:
    home = _home()
    if home:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))
