"""`protocol config show|get|set|unset|path`: settings that stick."""

from __future__ import annotations

from typing import Annotated

import typer

from protocol_cli.cli.councils import JSON_HELP

KEY_HELP = "A setting: council, name, audit or audit_dir."


def register(app: typer.Typer) -> None:
    from protocol_cli.cli.app import group as new_group

    group = new_group(
        help="Settings that stick: your council, your name, when to keep audit notes, and where."
    )
    app.add_typer(group, name="config")

    @group.command("show")
    def show_(json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
        """Show every setting, its value, and where it comes from (file, environment or default).

        Environment variables (PROTOCOL_COUNCIL, PROTOCOL_NAME, PROTOCOL_AUDIT,
        PROTOCOL_AUDIT_DIR) override the settings file.

        Example: protocol config show
        """
        from protocol_cli import settings, views
        from protocol_cli.output import emit_json

        view = views.settings_view(settings.effective(), str(settings.config_path()))
        if json_out:
            emit_json(view)
            return
        typer.echo(f"# {view['path']}")
        for key, s in view["settings"].items():
            value = "" if s["value"] is None else s["value"]
            typer.echo(f"{key} = {value}".rstrip() + f"    ({s['source']})")

    @group.command("get")
    def get_(key: Annotated[str, typer.Argument(metavar="KEY", help=KEY_HELP)]) -> None:
        """Print one setting's value (nothing, and exit 1, if it is not set).

        Example: protocol config get council
        """
        from protocol_cli import settings

        value = settings.get(key.strip()).value
        if value is None:
            raise typer.Exit(1)
        typer.echo(value)

    @group.command("set")
    def set_(
        key: Annotated[str, typer.Argument(metavar="KEY", help=KEY_HELP)],
        value: Annotated[str, typer.Argument(metavar="VALUE", help="The value, e.g. thanet for council.")],
    ) -> None:
        """Store a setting in the settings file (checked first; the file is replaced atomically).

        Keys: council (a protocol id), name (recorded in audit notes), audit (ask, always or
        never), audit_dir (a folder).

        Example: protocol config set council thanet
        """
        from protocol_cli import settings

        stored = settings.set_value(key.strip(), value)
        typer.echo(f"{key.strip()} = {stored}", err=True)

    @group.command("unset")
    def unset_(key: Annotated[str, typer.Argument(metavar="KEY", help=KEY_HELP)]) -> None:
        """Remove a setting from the settings file, so its default applies again.

        Example: protocol config unset audit
        """
        from protocol_cli import settings

        if settings.unset(key.strip()):
            typer.echo(f"{key.strip()} unset", err=True)
        else:
            typer.echo(f"{key.strip()} was not set in {settings.config_path()}", err=True)

    @group.command("path")
    def path_() -> None:
        """Print where the settings file is (it may not exist yet).

        Example: protocol config path
        """
        from protocol_cli import settings

        typer.echo(str(settings.config_path()))
