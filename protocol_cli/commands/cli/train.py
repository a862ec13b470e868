"""`protocol train` and `protocol demo`: the training room's two commands."""

from __future__ import annotations

from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import forward


def register(app: typer.Typer) -> None:
    @app.command("train")
    @forward("protocol_cli.commands.actions.train:train")
    def train(
        council: Annotated[
            str | None,
            typer.Option("--council", "-c", help="Only cases under this protocol (default: all five)."),
        ] = None,
        scenario: Annotated[
            str | None, typer.Option("--scenario", "-s", help="Only cases of this scenario.")
        ] = None,
        rounds: Annotated[
            int, typer.Option("--rounds", "-n", min=1, help="How many cases (default 10).")
        ] = 10,
        seed: Annotated[
            int | None,
            typer.Option("--seed", help="Repeat a session's cases and order (the seed is shown at the end)."),
        ] = None,
        json_out: Annotated[
            bool,
            typer.Option(
                "--json", help="Write the session's results as JSON to stdout (the quiz is drawn on stderr)."
            ),
        ] = False,
    ) -> None:
        """A quiz for a training session: realistic cases, answered, then revealed with the clause.

        For each case: read the story, choose what you think the protocol says (and, where someone
        else handles it, whom you would go to); then see the protocol's answer, a one-line why,
        and the deciding clause. At the end: the score by scenario and the clauses to revisit.
        Needs a terminal.

        Example: protocol train --council thanet --rounds 10 --seed 7
        """

    @app.command("demo")
    @forward("protocol_cli.commands.actions.demo:demo")
    def demo(
        target: Annotated[
            str | None,
            typer.Argument(
                metavar="[CASE|SCENARIO]",
                help="A training case id (its story and answers), or a scenario id (with --answer).",
            ),
        ] = None,
        council: Annotated[
            str | None,
            typer.Option(
                "--council", "-c", help="The protocol (default: the case's, or your council setting)."
            ),
        ] = None,
        answer: Annotated[
            list[str] | None,
            typer.Option("--answer", "-a", metavar="Q=V", help="An answer to a question (repeat)."),
        ] = None,
        auto: Annotated[
            bool,
            typer.Option("--auto", help="Advance by itself (no Enter needed; works without a terminal)."),
        ] = False,
        delay: Annotated[
            float,
            typer.Option(
                "--delay", min=0.0, max=60.0, metavar="S", help="Seconds per step with --auto (default 2)."
            ),
        ] = 2.0,
        compare: Annotated[
            bool, typer.Option("--compare", help="End with the same facts under all five protocols.")
        ] = False,
    ) -> None:
        """Presenter mode: walk the room through a case, one question at a time, to the cited answer.

        Each question appears in a large panel with every choice and the one taken; Enter moves
        on (or --auto, every --delay seconds). Then the full cited answer; --compare adds the same
        facts under every protocol. With a scenario, answers come from --answer (at a terminal,
        missing ones are asked).

        Example: protocol demo bcc-the-ward-colleague --compare
        """
