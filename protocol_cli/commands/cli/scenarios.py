"""`protocol scenarios list|show`: the questions and rule tables behind `protocol ask`."""

from __future__ import annotations

from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import JSON_HELP, forward


def register(app: typer.Typer) -> None:
    from protocol_cli.commands.cli.glue import group as new_group

    group = new_group(help="The scenarios protocol ask knows: their questions and rule tables.")
    app.add_typer(group, name="scenarios")

    @group.command("list")
    @forward("protocol_cli.commands.actions.scenarios:list_")
    def list_(json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
        """List the scenarios: id, title, number of questions and of protocols covered.

        Example: protocol scenarios list
        """

    @group.command("show")
    @forward("protocol_cli.commands.actions.scenarios:show_")
    def show_(
        scenario: Annotated[
            str, typer.Argument(metavar="SCENARIO", help="The scenario id, e.g. copy-correspondence.")
        ],
        council: Annotated[
            str | None,
            typer.Option("--council", "-c", help="Only this protocol's rule table (default: all protocols)."),
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """Show a scenario: its questions (with why we ask) and each protocol's rule table.

        The rules are read top to bottom; the first whose conditions hold decides.

        Example: protocol scenarios show copy-correspondence --council thanet
        """
