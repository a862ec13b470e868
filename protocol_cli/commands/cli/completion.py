"""`protocol completion SHELL`: shell completion that costs nothing per TAB."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import forward


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


def register(app: typer.Typer) -> None:
    @app.command("completion")
    @forward("protocol_cli.commands.actions.completion:completion")
    def completion(
        shell: Annotated[
            Shell,
            typer.Argument(metavar="SHELL", help="bash, zsh, fish or powershell.", case_sensitive=False),
        ],
        install: Annotated[
            bool,
            typer.Option("--install", help="Put the script where the shell looks for it, and say where."),
        ] = False,
    ) -> None:
        """Print the shell completion script, or --install it.

        The scripts are static: they hold the commands, options, protocol, scenario, question
        and clause ids, so pressing TAB never starts protocol.

        Example: protocol completion bash --install
        """
