"""`protocol config show|get|set|unset|path`: settings that stick."""

from __future__ import annotations

import sys

from protocol_cli.base.errors import Exit


def _echo(text: str, err: bool = False) -> None:
    (sys.stderr if err else sys.stdout).write(text + "\n")


def show_(json_out: bool = False) -> None:
    from protocol_cli.deciding import reports
    from protocol_cli.drawing.output import emit_json
    from protocol_cli.storage import settings

    view = reports.settings_view(settings.effective(), str(settings.config_path()))
    if json_out:
        emit_json(view)
        return
    from protocol_cli.drawing.output import show

    show(view, "settings")


def get_(key: str) -> None:
    from protocol_cli.storage import settings

    value = settings.get(key.strip()).value
    if value is None:
        raise Exit(1)
    _echo(value)


def set_(key: str, value: str) -> None:
    from protocol_cli.storage import settings

    stored = settings.set_value(key.strip(), value)
    _echo(f"{key.strip()} = {stored}", err=True)


def unset_(key: str) -> None:
    from protocol_cli.storage import settings

    if settings.unset(key.strip()):
        _echo(f"{key.strip()} unset", err=True)
    else:
        _echo(f"{key.strip()} was not set in {settings.config_path()}", err=True)


def path_() -> None:
    from protocol_cli.storage import settings

    _echo(str(settings.config_path()))
