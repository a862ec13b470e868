"""`protocol scenarios list|show`: the questions and rule tables behind `protocol ask`."""

from __future__ import annotations

from typing import Annotated

import typer

from protocol_cli.cli.councils import JSON_HELP


def register(app: typer.Typer) -> None:
    from protocol_cli.cli.app import group as new_group

    group = new_group(help="The scenarios protocol ask knows: their questions and rule tables.")
    app.add_typer(group, name="scenarios")

    @group.command("list")
    def list_(json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
        """List the scenarios: id, title, number of questions and of protocols covered.

        Example: protocol scenarios list
        """
        from protocol_cli import views
        from protocol_cli.library import default_library
        from protocol_cli.output import show

        show(views.scenario_list(default_library().catalogue.all()), "scenario_list", json_out=json_out)

    @group.command("show")
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
        from protocol_cli import views
        from protocol_cli.library import default_library
        from protocol_cli.output import show

        lib = default_library()
        sc = lib.scenario(scenario.strip())
        ids = [lib.protocol(council.strip()).id] if council else sorted(sc.tables)
        tables = []
        for pid in ids:
            _, table, protocol = lib.table(sc.id, pid)
            tables.append((table, protocol))
        show(views.scenario_detail(sc, tables), "scenario_detail", json_out=json_out)
