"""`protocol data check`: the clause and scenario data, checked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from protocol_cli.cli.glue import JSON_HELP, forward


def register(app: typer.Typer) -> None:
    from protocol_cli.cli.glue import group as new_group

    group = new_group(help="Check the clause and scenario data.")
    app.add_typer(group, name="data")

    @group.command("check")
    @forward("protocol_cli.actions.data:check")
    def check(
        path: Annotated[
            Path | None,
            typer.Argument(
                metavar="[PATH]",
                help="A data folder with clauses/ and scenarios/ (default: the bundled data).",
            ),
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """Check the data: schema, references, completeness, shadowed rules and clause coverage.

        Every rule table is run through every combination of answers its questions allow: every
        path must end in a rule, and every rule must be reachable. Every cited clause and role
        must exist; not-covered answers must cite the protocol's "seek advice" clause. At least
        90% of each protocol's rule clauses must be cited by some answer, and each one that is
        not must say why (uncited = "..." in its clause data). Exit 1 when anything is wrong.

        Example: protocol data check
        """
