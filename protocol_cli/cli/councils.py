"""`protocol councils`: the bundled protocols."""

from __future__ import annotations

from typing import Annotated

import typer

JSON_HELP = "Print the result as JSON (for scripts)."


def register(app: typer.Typer) -> None:
    @app.command("councils")
    def councils(json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
        """List the councils' protocols: id, council, document, date and number of clauses.

        Example: protocol councils
        """
        from protocol_cli import views
        from protocol_cli.library import default_library
        from protocol_cli.output import show

        show(views.councils(default_library().protocols()), "councils", json_out=json_out)
