"""TOML files read once: what a file parses to is kept as JSON in the user cache folder.

Parsing the clause and scenario files with tomllib (and importing it) is most of what a scripted
`protocol ask` would otherwise spend on data. The cache is keyed by the SHA-256 of the file's
bytes, so an edited file is parsed afresh; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path

FORMAT = "1"  # bump when the cached shape changes
STALE = 90 * 24 * 3600  # cached parses unused this long are removed when a new one is written

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _folder() -> Path:
    from protocol_cli.base.userdirs import cache_dir

    return cache_dir() / "parsed"


def loads(raw: bytes) -> dict[str, Any]:
    """What the TOML in raw parses to. Raises UnicodeDecodeError or tomllib.TOMLDecodeError."""
    key = hashlib.sha256(raw).hexdigest()[:32] + "-" + FORMAT
    try:
        cached = _folder() / f"{key}.json"
        data = json.loads(cached.read_bytes())
        if isinstance(data, dict):
            return data
    except (OSError, ValueError):
        pass
    import tomllib

    data = tomllib.loads(raw.decode("utf-8"))
    _remember(key, data)
    return data


def _remember(key: str, data: dict[str, Any]) -> None:
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):  # dates and times do not go into JSON: parse those each time
        return
    from protocol_cli.base.files import make_private_dir, replace_atomic

    folder = _folder()
    try:
        make_private_dir(folder)
        replace_atomic(folder / f"{key}.json", text.encode("utf-8"))
        cutoff = time.time() - STALE
        for old in folder.glob("*.json"):
            if old.stat().st_mtime < cutoff:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full cache folder only costs speed
    else:
        os.utime(folder)


def toml_error(exc: Exception) -> tuple[str, int | None]:
    """tomllib's message without its '(at line N, column M)', and N."""
    text = str(exc)
    m = re.search(r"\(at line (\d+), column \d+\)", text)
    return re.sub(r"\s*\(at .*\)$", "", text), int(m.group(1)) if m else None


def load_file(path: Path) -> tuple[bytes, str, dict[str, Any]]:
    """A data file's bytes, its text and its parsed TOML (cached, see loads). Raises DataError
    naming the file and, where known, the line: unreadable, not UTF-8, or not valid TOML."""
    from protocol_cli.base.errors import DataError

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(path, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(path, "is not UTF-8 text", raw[: exc.start].count(b"\n") + 1) from exc
    try:
        data = loads(raw)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        message, line = toml_error(exc)
        raise DataError(path, f"is not valid TOML: {message}", line) from exc
    return raw, text, data
