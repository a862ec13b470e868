"""`protocol tree SCENARIO`: a protocol's decision logic as a tree."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import JSON_HELP, PLAIN_HELP, forward


class TreeFormat(StrEnum):
    text = "text"
    mermaid = "mermaid"
    dot = "dot"


def register(app: typer.Typer) -> None:
    @app.command("tree")
    @forward("protocol_cli.commands.actions.tree:tree")
    def tree(
        scenario: Annotated[
            str, typer.Argument(metavar="SCENARIO", help="The scenario id, e.g. copy-correspondence.")
        ],
        council: Annotated[
            str | None,
            typer.Option("--council", "-c", help="The protocol (default: your council setting)."),
        ] = None,
        fmt: Annotated[
            TreeFormat,
            typer.Option(
                "--format",
                "-f",
                help="text (a tree in the terminal), mermaid or dot (Graphviz) for slides and documents.",
                case_sensitive=False,
            ),
        ] = TreeFormat.text,
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (whole or not at all)."),
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
        plain: Annotated[bool, typer.Option("--plain", help=PLAIN_HELP)] = False,
    ) -> None:
        """Show a protocol's decision logic for a scenario: questions, answers, outcomes.

        Each question branches on its answers (answers that lead to the same place share a
        branch) down to the verdict and the clauses it cites. Mermaid and dot give diagrams for
        slides and documents: render dot with Graphviz (dot -Tsvg), Mermaid with any Mermaid
        viewer.

        Example: protocol tree copy-correspondence --council thanet --format mermaid -o tree.mmd
        """
