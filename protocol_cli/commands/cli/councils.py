"""`protocol councils`: the bundled protocols."""

from __future__ import annotations

from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import JSON_HELP, forward


def register(app: typer.Typer) -> None:
    @app.command("councils")
    @forward("protocol_cli.commands.actions.councils:councils")
    def councils(json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
        """List the councils' protocols: id, council, document, date and number of clauses.

        Example: protocol councils
        """
