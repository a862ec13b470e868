"""`protocol help [COMMAND]…`: the help of protocol or of one command, as `COMMAND --help` gives it."""

from __future__ import annotations

from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import forward


def register(app: typer.Typer) -> None:
    @app.command("help")
    @forward("protocol_cli.commands.actions.help:help_")
    def help_(
        command: Annotated[
            list[str] | None,
            typer.Argument(metavar="[COMMAND]...", help="The command, e.g. ask, or audit verify."),
        ] = None,
    ) -> None:
        """Show the help of protocol, or of a command (the same as COMMAND --help).

        Example: protocol help audit verify
        """
