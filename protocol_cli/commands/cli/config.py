"""`protocol config show|get|set|unset|path`: settings that stick."""

from __future__ import annotations

from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import JSON_HELP, forward

KEY_HELP = "A setting: council, name, audit or audit_dir."


def register(app: typer.Typer) -> None:
    from protocol_cli.commands.cli.glue import group as new_group

    group = new_group(
        help="Settings that stick: your council, your name, when to keep audit notes, and where."
    )
    app.add_typer(group, name="config")

    @group.command("show")
    @forward("protocol_cli.commands.actions.config:show_")
    def show_(json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
        """Show every setting, its value, and where it comes from (file, environment or default).

        Environment variables (PROTOCOL_COUNCIL, PROTOCOL_NAME, PROTOCOL_AUDIT,
        PROTOCOL_AUDIT_DIR) override the settings file.

        Example: protocol config show
        """

    @group.command("get")
    @forward("protocol_cli.commands.actions.config:get_")
    def get_(key: Annotated[str, typer.Argument(metavar="KEY", help=KEY_HELP)]) -> None:
        """Print one setting's value (nothing, and exit 1, if it is not set).

        Example: protocol config get council
        """

    @group.command("set")
    @forward("protocol_cli.commands.actions.config:set_")
    def set_(
        key: Annotated[str, typer.Argument(metavar="KEY", help=KEY_HELP)],
        value: Annotated[str, typer.Argument(metavar="VALUE", help="The value, e.g. thanet for council.")],
    ) -> None:
        """Store a setting in the settings file (checked first; the file is replaced atomically).

        Keys: council (a protocol id), name (recorded in audit notes), audit (ask, always or
        never), audit_dir (a folder).

        Example: protocol config set council thanet
        """

    @group.command("unset")
    @forward("protocol_cli.commands.actions.config:unset_")
    def unset_(key: Annotated[str, typer.Argument(metavar="KEY", help=KEY_HELP)]) -> None:
        """Remove a setting from the settings file, so its default applies again.

        Example: protocol config unset audit
        """

    @group.command("path")
    @forward("protocol_cli.commands.actions.config:path_")
    def path_() -> None:
        """Print where the settings file is (it may not exist yet).

        Example: protocol config path
        """
