"""`protocol compare SCENARIO`: the same facts under every protocol, side by side."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from protocol_cli.cli.councils import JSON_HELP

if TYPE_CHECKING:
    from protocol_cli.engine import Scenario, Table
    from protocol_cli.model import Protocol


def register(app: typer.Typer) -> None:
    @app.command("compare")
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
        plain: Annotated[bool, typer.Option("--plain", help="Plain text, no boxes or colour.")] = False,
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
        import sys

        from protocol_cli import answers as answers_mod
        from protocol_cli import views
        from protocol_cli.errors import EXIT_CANCELLED
        from protocol_cli.library import default_library
        from protocol_cli.output import show
        from protocol_cli.terminal import detect

        lib = default_library()
        sc = lib.scenario(scenario.strip())
        ids = [lib.protocol(c.strip()).id for c in council] if council else sorted(sc.tables)
        entries = []
        for pid in dict.fromkeys(ids):
            _, table, protocol = lib.table(sc.id, pid)
            entries.append((table, protocol))
        given = answers_mod.read_file(answers_file) if answers_file else {}
        given.update(answers_mod.parse_pairs(answer or []))
        known = answers_mod.check(sc, given)
        if detect().interactive and not no_input:
            try:
                _ask_missing(sc, entries, known)
            except (KeyboardInterrupt, EOFError):
                sys.stderr.write("\nCancelled.\n")
                raise typer.Exit(EXIT_CANCELLED) from None
        show(views.comparison(sc, entries, known), "comparison", json_out=json_out, plain=plain)


def _ask_missing(scenario: Scenario, entries: list[tuple[Table, Protocol]], known: dict[str, str]) -> None:
    """Ask each question some protocol still needs, once, in the scenario's order."""
    import sys

    from protocol_cli import engine, prompts

    order = scenario.order
    while True:
        needed = {
            q.id: q for table, _ in entries if (q := engine.next_question(scenario, table, known)) is not None
        }
        if not needed:
            return
        for qid in sorted(needed, key=order.__getitem__):
            question = needed[qid]
            choice = prompts.ask_question(
                question,
                why=lambda q=question: q.help,
                can_go_back=False,
                show=lambda text: sys.stdout.write(text + "\n\n"),
            )
            if choice is not None:  # (there is no Back here: each question is asked once)
                known[qid] = choice
