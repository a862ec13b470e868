"""Settings that stick: a small TOML file, overridden by environment variables.

The file (config.toml in the user config folder; see userdirs) is only ever written by
`protocol config set/unset`, atomically. A file that cannot be read, or holds a bad value, is an
error naming the file and the key; it is never truncated or rewritten behind the user's back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from protocol_cli.base.errors import ProtocolError
from protocol_cli.base.userdirs import config_dir, data_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

AUDIT_MODES = ("ask", "always", "never")


class SettingsError(ProtocolError):
    """A settings file or value that cannot be used."""


def _protocol_id(value: str) -> str:
    from protocol_cli.deciding.model import canonical, unknown
    from protocol_cli.sources.library import default_library

    ids = default_library().protocol_ids()
    value = canonical(value.strip(), ids)  # Thanet, Epsom Ewell: as people type them
    if value not in ids:
        raise ValueError(unknown("protocol", value, ids))
    return value


def _name(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError("a name cannot be empty")
    return value


def _audit(value: str) -> str:
    value = value.strip().lower()
    if value not in AUDIT_MODES:
        raise ValueError(f"'{value}' is not one of {', '.join(AUDIT_MODES)}")
    return value


def _folder(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("a folder cannot be empty")
    try:
        return str(Path(value).expanduser().absolute())
    except RuntimeError as exc:  # ~nosuchuser, or no home folder at all
        user = value.split("/", 1)[0].split("\\", 1)[0]
        raise ValueError(f"cannot tell which folder '{user}' means; give the full path") from exc


class Key:
    __slots__ = ("check", "default", "env", "help", "name")

    def __init__(
        self, name: str, help: str, env: str, check: Callable[[str], str], default: Callable[[], str | None]
    ) -> None:
        self.name = name
        self.help = help
        self.env = env
        self.check = check
        self.default = default


KEYS: dict[str, Key] = {
    k.name: k
    for k in (
        Key(
            "council",
            "your council's protocol id (see: protocol councils)",
            "PROTOCOL_COUNCIL",
            _protocol_id,
            lambda: None,
        ),
        Key(
            "name", "your name, recorded in audit notes as recorded_by", "PROTOCOL_NAME", _name, lambda: None
        ),
        Key(
            "audit",
            "save an audit note after each answer: ask, always or never",
            "PROTOCOL_AUDIT",
            _audit,
            lambda: "ask",
        ),
        Key(
            "audit_dir",
            "the folder audit notes are kept in",
            "PROTOCOL_AUDIT_DIR",
            _folder,
            lambda: str(data_dir() / "audit"),
        ),
    )
}


class Setting:
    __slots__ = ("key", "source", "value")

    def __init__(self, key: str, value: str | None, source: str) -> None:
        self.key = key
        self.value = value
        self.source = source  # "file", "env PROTOCOL_X", "default" or "unset"


def config_path() -> Path:
    return config_dir() / "config.toml"


def _known(key: str) -> Key:
    if key not in KEYS:
        from protocol_cli.deciding.model import unknown

        raise SettingsError(unknown("setting", key, list(KEYS)))
    return KEYS[key]


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError as exc:
        raise SettingsError(f"the settings file {path} is a folder; move it away") from exc
    except OSError as exc:
        raise SettingsError(f"cannot read the settings file {path}: {exc.strerror or exc}") from exc


def _unreadable(path: Path, exc: Exception) -> SettingsError:
    return SettingsError(
        f"the settings file {path} cannot be read ({exc}); fix it, or remove it to start afresh"
    )


def read_file(path: Path | None = None) -> dict[str, str]:
    """The settings in the file, each checked; {} when there is no file yet.

    A byte-order mark (Notepad writes one) is allowed. Raises SettingsError naming the file, the key
    and the command that repairs it.
    """
    path = path or config_path()
    raw = _read_bytes(path)
    if raw is None:
        return {}
    from protocol_cli.base import tomlcache

    try:
        data = tomlcache.loads(raw.removeprefix(b"\xef\xbb\xbf"))
    except ValueError as exc:  # not UTF-8, or tomllib.TOMLDecodeError
        raise _unreadable(path, exc) from exc
    out: dict[str, str] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise SettingsError(
                f"{path}: unknown setting '{key}' (settings: {', '.join(KEYS)}); "
                f"remove it with: protocol config unset {key}"
            )
        if not isinstance(value, str):
            raise SettingsError(
                f"{path}: setting '{key}' must be text, e.g. {key} = \"...\"; "
                f"change it with: protocol config set {key} VALUE"
            )
        try:
            out[key] = KEYS[key].check(value)
        except ValueError as exc:
            raise SettingsError(
                f"{path}: setting '{key}': {exc}; change it with: protocol config set {key} VALUE, "
                f"or remove it with: protocol config unset {key}"
            ) from exc
    return out


def effective() -> dict[str, Setting]:
    """Every setting with its value and where it came from (environment over file over default)."""
    file_values = read_file()
    out: dict[str, Setting] = {}
    for key in KEYS.values():
        env_value = os.environ.get(key.env, "").strip()
        if env_value:
            try:
                out[key.name] = Setting(key.name, key.check(env_value), f"env {key.env}")
            except ValueError as exc:
                raise SettingsError(f"{key.env}: {exc}") from exc
        elif key.name in file_values:
            out[key.name] = Setting(key.name, file_values[key.name], "file")
        else:
            default = key.default()
            out[key.name] = Setting(key.name, default, "default" if default is not None else "unset")
    return out


def get(key: str) -> Setting:
    _known(key)
    return effective()[key]


_HEADER = "# protocol settings, written by `protocol config set`. See: protocol config show"


def _edit(change: Callable[[Any], bool]) -> bool:
    """Apply change(document) to the settings file in place and write it back if it returns True.

    Only the key changed is touched: other settings (even ones that no longer pass their check, so
    that a bad value can always be repaired), comments and layout stay as the person wrote them
    (tomlkit keeps them). A symlinked config.toml (dotfiles) is written through the link, keeping
    the target's permissions. Raises SettingsError if the file is not TOML at all.
    """
    import tomlkit

    from protocol_cli.base.files import make_private_dir, replace_atomic

    path = config_path()
    target = Path(os.path.realpath(path))  # through a symlink, not over it
    raw = _read_bytes(target)
    bom = raw is not None and raw.startswith(b"\xef\xbb\xbf")
    try:
        text = (raw or b"").decode("utf-8-sig")
        document = tomlkit.parse(text) if text.strip() else tomlkit.parse(_HEADER + "\n")
    except (UnicodeDecodeError, tomlkit.exceptions.ParseError) as exc:
        raise _unreadable(path, exc) from exc
    if not change(document):
        return False
    data = tomlkit.dumps(document).encode("utf-8")
    try:
        mode = target.stat().st_mode & 0o777 if raw is not None else 0o600
        make_private_dir(target.parent)
        replace_atomic(target, (b"\xef\xbb\xbf" if bom else b"") + data, mode)
    except OSError as exc:
        raise SettingsError(f"cannot write the settings file {path}: {exc.strerror or exc}") from exc
    return True


def set_value(key: str, value: str) -> str:
    """Check and store one setting; returns the value as stored. Other stored values are left alone."""
    spec = _known(key)
    try:
        checked = spec.check(value)
    except ValueError as exc:
        raise SettingsError(f"cannot set {key}: {exc}") from exc

    def change(document: Any) -> bool:
        document[key] = checked
        return True

    _edit(change)
    return checked


def unset(key: str) -> bool:
    """Remove one setting from the file; False if it was not set there.

    Works whatever the stored value is, and also removes a key the file holds that is not a setting
    (an old or mistyped one); any other unknown key is reported as a typo.
    """

    def drop(document: Any) -> bool:
        return document.pop(key, None) is not None

    removed = config_path().exists() and _edit(drop)
    if not removed:
        _known(key)
    return removed
