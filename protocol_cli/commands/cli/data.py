"""`protocol data check`: the clause and scenario data, checked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import JSON_HELP, forward


def register(app: typer.Typer) -> None:
    from protocol_cli.commands.cli.glue import group as new_group

    group = new_group(
        help=(
            "Your own protocol data: check it, import a protocol, draft and review its rule tables, "
            "start a new scenario."
        )
    )
    app.add_typer(group, name="data")

    @group.command("check")
    @forward("protocol_cli.commands.actions.data:check")
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
    @forward("protocol_cli.commands.actions.data:import_")
    def import_(
        text_file: Annotated[
            Path,
            typer.Argument(
                metavar="FILE", help="The protocol: a PDF, a Word .docx, a saved web page (.html) or text."
            ),
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
        """Turn a protocol (PDF, Word, web page or text) into a clause file for protocol to use.

        Reads the layouts councils publish: numbering 1.1 or 1., 2., a tab or a non-breaking
        space after the number, a number alone on its line, bullets drawn as glyphs, lines
        wrapped with words hyphenated, running page headers and page numbers, a web page's
        navigation. Finds the title, sections, paragraphs, items and bullets, and reports what it
        left out and the places to check by hand (a gap or restart in the numbering, a paragraph
        joined across a page break), with line numbers. PDF and .docx need the 'documents' extra.
        The file is loaded back before it is written. Put it in your data folder (--data-dir)
        and it is used beside the bundled ones; then draft its rule tables (protocol data draft).

        Example: protocol data import protocol.txt --id our-council -o our-council.toml
        """

    @group.command("draft")
    @forward("protocol_cli.commands.actions.data:draft")
    def draft(
        protocol_id: Annotated[
            str, typer.Argument(metavar="ID", help="The protocol to draft rule tables for, e.g. our-council.")
        ],
        like: Annotated[
            str | None,
            typer.Option(
                "--like",
                metavar="PROTOCOL",
                help="Draft from this protocol (default: the one whose text is most similar).",
            ),
        ] = None,
        show_all: Annotated[
            bool, typer.Option("--all", help="Show every citation's match, not only the weak ones.")
        ] = False,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """Draft rule tables for a protocol from a similar one, for review.

        For every scenario, the similar protocol's rules are copied with each cited clause
        replaced by this protocol's best-matching clause (the match score and both texts are
        shown); a rule whose cited text has no counterpart becomes a not-covered candidate, and
        roles the rules need are added to the roles table where the text names them. The tables
        go into your data folder (--data-dir), each rule marked as a draft with its evidence;
        protocol ask says "draft rule, not yet reviewed by your council" until protocol data
        review accepts it.

        Example: protocol data draft our-council --like thanet   (with --data-dir DIR or PROTOCOL_DATA_DIR)
        """

    @group.command("review")
    @forward("protocol_cli.commands.actions.data:review")
    def review(
        protocol_id: Annotated[
            str, typer.Argument(metavar="ID", help="The protocol whose draft rules to review.")
        ],
        reviewer: Annotated[
            str | None,
            typer.Option(
                "--reviewer", metavar="NAME", help="Your name, recorded as reviewed_by (default: your login)."
            ),
        ] = None,
    ) -> None:
        """Walk through a protocol's draft rules at a terminal: accept, change verdict, change
        citation, or skip.

        Each draft rule is shown with what it decides, its answer, the clauses it cites and the
        evidence it was drafted on. Each decision is saved at once with reviewed_by and
        reviewed_at; protocol data check counts drafted and reviewed rules per protocol.

        Example: protocol data review our-council --reviewer "A. Clerk"   (with PROTOCOL_DATA_DIR set)
        """

    @group.command("new-scenario")
    @forward("protocol_cli.commands.actions.data:new_scenario")
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
