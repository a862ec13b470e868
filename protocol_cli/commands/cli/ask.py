"""`protocol ask`: the interview and the cited answer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import JSON_HELP, PLAIN_HELP, forward


def register(app: typer.Typer) -> None:
    @app.command("ask")
    @forward("protocol_cli.commands.actions.ask:run")
    def ask(
        text: Annotated[
            list[str] | None,
            typer.Argument(metavar="[TEXT...]", help="Your question in your own words, or a scenario id."),
        ] = None,
        scenario: Annotated[
            str | None,
            typer.Option("--scenario", "-s", help="The scenario id (see: protocol scenarios list)."),
        ] = None,
        council: Annotated[
            str | None,
            typer.Option(
                "--council",
                "-c",
                help="Your council's protocol id (default: PROTOCOL_COUNCIL, then the council setting).",
            ),
        ] = None,
        answer: Annotated[
            list[str] | None,
            typer.Option(
                "--answer", "-a", metavar="Q=V", help="Answer a question up front; repeat for more."
            ),
        ] = None,
        answers_file: Annotated[
            Path | None,
            typer.Option(
                "--answers-file", metavar="FILE", help="Answers from a TOML or JSON file of question = value."
            ),
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
        explain: Annotated[
            bool,
            typer.Option("--explain", help="Also show the answers given and which rule decided, and why."),
        ] = False,
        no_input: Annotated[
            bool,
            typer.Option("--no-input", help="Never prompt; if answers are missing, say which and exit 2."),
        ] = False,
        plain: Annotated[bool, typer.Option("--plain", help=PLAIN_HELP)] = False,
        audit: Annotated[
            bool | None,
            typer.Option(
                "--audit/--no-audit",
                help="Save (or do not save) an audit note of the decision; default: the audit setting.",
            ),
        ] = None,
        note: Annotated[
            str | None,
            typer.Option("--note", metavar="TEXT", help="Your note for the audit record (implies --audit)."),
        ] = None,
    ) -> None:
        """Ask what your council's protocol says, and get a cited answer.

        Names the scenario from your words (or --scenario), asks only the questions that matter
        under your council's protocol (--council, or PROTOCOL_COUNCIL), then prints the verdict,
        what to do, whom to ask, and the deciding clauses word for word.

        Without a terminal (or with --no-input) it never prompts: give the answers with
        --answer/--answers-file; if one is missing it names the next question and exits 2.

        Audit notes: --audit saves one, --no-audit does not; otherwise the audit setting decides
        (ask: a yes/no question at a terminal). If a note cannot be saved, the answer is still
        printed, then a warning, and the exit code is 3.

        Example: protocol ask "can I copy this email to the other ward councillor?" --council thanet
        """
