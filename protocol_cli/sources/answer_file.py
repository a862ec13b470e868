"""An --answers-file: TOML or JSON of question = value, read into {question: value} text."""

from __future__ import annotations

import json
from pathlib import Path

from protocol_cli.base.errors import ProtocolError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def read_file(path: Path) -> dict[str, str]:
    """A TOML or JSON file of question = value (optionally under an `answers` table)."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError as exc:
        raise ProtocolError(f"{path} is a folder; --answers-file needs a TOML or JSON file") from exc
    except OSError as exc:
        raise ProtocolError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProtocolError(f"{path} is not UTF-8 text; save it as UTF-8") from exc
    data: Any
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProtocolError(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    else:
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ProtocolError(f"{path}: not valid TOML ({exc}); use .json for a JSON file") from exc
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        data = data["answers"]
    if not isinstance(data, dict):
        raise ProtocolError(f'{path} must hold question = value pairs, e.g. who = "officer"')
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if not isinstance(value, str):
            raise ProtocolError(f"{path}: the answer to '{key}' must be text, e.g. {key} = \"yes\"")
        out[str(key)] = value
    return out
