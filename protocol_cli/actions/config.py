"""`protocol config show|get|set|unset|path`: settings that stick."""

from __future__ import annotations

import sys

from protocol_cli.errors import Exit


def _echo(text: str, err: bool = False) -> None:
    (sys.stderr if err else sys.stdout).write(text + "\n")


def show_(json_out: bool = False) -> None:
    from protocol_cli import settings, views
    from protocol_cli.output import emit_json

    view = views.settings_view(settings.effective(), str(settings.config_path()))
    if json_out:
        emit_json(view)
        return
    from protocol_cli.cells import width
    from protocol_cli.terminal import detect

    columns = detect().width
    _echo(f"# {view['path']}")
    for key, s in view["settings"].items():
        value = "" if s["value"] is None else s["value"]
        line, source = f"{key} = {value}".rstrip(), f"({s['source']})"
        if width(line) + 4 + width(source) <= columns:
            _echo(f"{line}    {source}")
        else:  # (a long folder name: where it comes from goes under it, the name is never cut)
            _echo(line)
            _echo(f"    {source}")


def get_(key: str) -> None:
    from protocol_cli import settings

    value = settings.get(key.strip()).value
    if value is None:
        raise Exit(1)
    _echo(value)


def set_(key: str, value: str) -> None:
    from protocol_cli import settings

    stored = settings.set_value(key.strip(), value)
    _echo(f"{key.strip()} = {stored}", err=True)


def unset_(key: str) -> None:
    from protocol_cli import settings

    if settings.unset(key.strip()):
        _echo(f"{key.strip()} unset", err=True)
    else:
        _echo(f"{key.strip()} was not set in {settings.config_path()}", err=True)


def path_() -> None:
    from protocol_cli import settings

    _echo(str(settings.config_path()))
