"""`protocol data check`: the clause and scenario data, checked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from protocol_cli.cli.glue import JSON_HELP, forward


def register(app: typer.Typer) -> None:
    from protocol_cli.cli.glue import group as new_group

    group = new_group(
        help="Your own protocol data: check it, import a protocol's text, start a new scenario."
    )
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
        not must say why (uncited = "..." in its clause data). Each verdict must mean what it
        says: the answer's first words agree with it, a condition is not what a question asks,
        a refer answer names who decides, a required one says to whom or what to do, the
        deciding clause does not say the opposite, and a not-covered rule says why none of what
        clause search finds answers it (the report lists what it finds). A rule acknowledges a
        finding that does not apply with reviewed = { CHECK = "why" }. Exit 1 when anything is
        wrong.

        Example: protocol data check
        """

    @group.command("import")
    @forward("protocol_cli.actions.data:import_")
    def import_(
        text_file: Annotated[
            Path, typer.Argument(metavar="TEXT_FILE", help="The protocol as text (e.g. exported from a PDF).")
        ],
        protocol_id: Annotated[
            str, typer.Option("--id", metavar="ID", help="The new protocol's id, e.g. my-council.")
        ],
        council: Annotated[
            str | None,
            typer.Option(
                "--council", metavar="NAME", help="The council's name (default: found in the title)."
            ),
        ] = None,
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                metavar="FILE",
                help="Where to write it (default: DATA_DIR/clauses/ID.toml with --data-dir, else stdout).",
            ),
        ] = None,
        force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """Turn a numbered protocol text into a clause file for protocol to use.

        Finds the title, numbered sections and paragraphs, sub-paragraphs, bullets and headings,
        leaves out a contents table and page furniture, and reports what it could not place and
        what to review (roles, the "seek advice" clause). The file is loaded back before it is
        written. Put it in your data folder (--data-dir) and it is used beside the bundled ones.

        Example: protocol data import protocol.txt --id our-council -o our-council.toml
        """

    @group.command("new-scenario")
    @forward("protocol_cli.actions.data:new_scenario")
    def new_scenario(
        scenario_id: Annotated[str, typer.Argument(metavar="ID", help="The new scenario's id, e.g. gifts.")],
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                metavar="FILE",
                help="Where to write it (default: DATA_DIR/scenarios/ID.toml with --data-dir, else stdout).",
            ),
        ] = None,
        force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    ) -> None:
        """Write a commented scenario skeleton that passes protocol data check as it stands.

        It has one example question and, for each protocol, a final not-covered rule citing that
        protocol's "seek advice" clause; add questions and rules above it.

        Example: protocol data new-scenario gifts-and-hospitality -o gifts-and-hospitality.toml
        """
