"""`protocol compare SCENARIO`: the same facts under every protocol, side by side."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from protocol_cli.commands.cli.glue import JSON_HELP, PLAIN_HELP, forward

if TYPE_CHECKING:
    pass


def register(app: typer.Typer) -> None:
    @app.command("compare")
    @forward("protocol_cli.commands.actions.compare:compare")
    def compare(
        scenario: Annotated[
            str, typer.Argument(metavar="SCENARIO", help="The scenario id, e.g. copy-correspondence.")
        ],
        answer: Annotated[
            list[str] | None,
            typer.Option(
                "--answer", "-a", metavar="Q=V", help="An answer (the same for every protocol); repeat."
            ),
        ] = None,
        answers_file: Annotated[
            Path | None,
            typer.Option("--answers-file", metavar="FILE", help="Answers from a TOML or JSON file."),
        ] = None,
        council: Annotated[
            list[str] | None,
            typer.Option("--council", "-c", help="Only these protocols (repeat); default: all of them."),
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
        plain: Annotated[bool, typer.Option("--plain", help=PLAIN_HELP)] = False,
        no_input: Annotated[
            bool, typer.Option("--no-input", help="Never prompt for missing answers.")
        ] = False,
    ) -> None:
        """Compare how the protocols answer the same facts: one row per protocol.

        Each row gives the verdict, the short answer, the route and the cited clauses. A table
        shows which questions each protocol used, did not need, or still needs. At a terminal,
        missing answers are asked for once, whichever protocols need them.

        Example: protocol compare copy-correspondence -a who=officer -a how=open -a recipient=member
        """
