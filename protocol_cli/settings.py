"""Settings that stick: a small TOML file, overridden by environment variables.

The file (config.toml in the user config folder; see userdirs) is only ever written by
`protocol config set/unset`, atomically. A file that cannot be read, or holds a bad value, is an
error naming the file and the key; it is never truncated or rewritten behind the user's back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from protocol_cli.errors import ProtocolError
from protocol_cli.userdirs import config_dir, data_dir

AUDIT_MODES = ("ask", "always", "never")


class SettingsError(ProtocolError):
    """A settings file or value that cannot be used."""


def _protocol_id(value: str) -> str:
    from protocol_cli.library import default_library, unknown

    ids = default_library().protocol_ids()
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
    return str(Path(value).expanduser().absolute())


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
        from protocol_cli.library import unknown

        raise SettingsError(unknown("setting", key, list(KEYS)))
    return KEYS[key]


def read_file(path: Path | None = None) -> dict[str, str]:
    """The settings in the file, each checked; {} when there is no file yet."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except IsADirectoryError as exc:
        raise SettingsError(f"the settings file {path} is a folder; move it away") from exc
    except OSError as exc:
        raise SettingsError(f"cannot read the settings file {path}: {exc.strerror or exc}") from exc
    from protocol_cli import tomlcache

    try:
        data = tomlcache.loads(raw)
    except ValueError as exc:  # not UTF-8, or tomllib.TOMLDecodeError
        raise SettingsError(
            f"the settings file {path} cannot be read ({exc}); fix it, or remove it to start afresh"
        ) from exc
    out: dict[str, str] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise SettingsError(f"{path}: unknown setting '{key}' (settings: {', '.join(KEYS)})")
        if not isinstance(value, str):
            raise SettingsError(f"{path}: setting '{key}' must be text, e.g. {key} = \"...\"")
        try:
            out[key] = KEYS[key].check(value)
        except ValueError as exc:
            raise SettingsError(f"{path}: setting '{key}': {exc}") from exc
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


def _write(values: dict[str, str]) -> None:
    import tomli_w

    from protocol_cli.files import make_private_dir, replace_atomic

    path = config_path()
    header = "# protocol settings, written by `protocol config set`. See: protocol config show\n"
    try:
        make_private_dir(path.parent)
        replace_atomic(path, (header + tomli_w.dumps(values)).encode("utf-8"))
    except OSError as exc:
        raise SettingsError(f"cannot write the settings file {path}: {exc.strerror or exc}") from exc


def set_value(key: str, value: str) -> str:
    """Check and store one setting; returns the value as stored."""
    spec = _known(key)
    try:
        checked = spec.check(value)
    except ValueError as exc:
        raise SettingsError(f"cannot set {key}: {exc}") from exc
    values = read_file()  # a broken file stops here, untouched
    values[key] = checked
    _write(values)
    return checked


def unset(key: str) -> bool:
    """Remove one setting from the file; False if it was not set there."""
    _known(key)
    values = read_file()
    if key not in values:
        return False
    del values[key]
    _write(values)
    return True
