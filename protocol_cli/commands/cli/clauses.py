"""`protocol clauses list|show|search`: the protocols' own words."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import JSON_HELP, PLAIN_HELP, forward


class Kind(StrEnum):
    rule = "rule"
    guidance = "guidance"
    definition = "definition"
    context = "context"


KIND_HELP = "Only clauses of this kind: rule, guidance, definition or context."


def register(app: typer.Typer) -> None:
    from protocol_cli.commands.cli.glue import group as new_group

    group = new_group(help="List, show and search the clauses of the protocols.")
    app.add_typer(group, name="clauses")

    @group.command("list")
    @forward("protocol_cli.commands.actions.clauses:list_")
    def list_(
        protocol: Annotated[
            str, typer.Argument(metavar="PROTOCOL", help="Protocol id, e.g. thanet (see: protocol councils).")
        ],
        section: Annotated[
            str | None,
            typer.Option("--section", "-s", help="Only this section or paragraph number, e.g. 9.1."),
        ] = None,
        kind: Annotated[
            Kind | None, typer.Option("--kind", "-k", help=KIND_HELP, case_sensitive=False)
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """List a protocol's clauses: label, kind and the start of the text.

        Example: protocol clauses list thanet --section 9.1 --kind rule
        """

    @group.command("show")
    @forward("protocol_cli.commands.actions.clauses:show_")
    def show_(
        ref: Annotated[
            str,
            typer.Argument(metavar="REF", help="PROTOCOL:LABEL, e.g. thanet:9.1.12 (or the protocol alone)."),
        ],
        label: Annotated[
            str | None, typer.Argument(metavar="[LABEL]", help="The label, when the protocol is given apart.")
        ] = None,
        plain: Annotated[bool, typer.Option("--plain", help=PLAIN_HELP)] = False,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """Show one clause word for word, with its section heading and label.

        A paragraph that introduces a list is shown with its items; an item is shown with the
        paragraph it belongs to. A section number (e.g. thanet:9.1) shows the whole section.
        Labels in brackets can be typed with a dot: 8.1.7.a finds 8.1.7(a).

        Example: protocol clauses show thanet:9.1.12
        """

    @group.command("search")
    @forward("protocol_cli.commands.actions.clauses:search_")
    def search_(
        words: Annotated[
            list[str],
            typer.Argument(metavar="WORDS...", help='Words to find; "quoted words" must appear together.'),
        ],
        protocol: Annotated[
            str, typer.Option("--protocol", "-p", help="A protocol id, or all (the default).")
        ] = "all",
        kind: Annotated[
            Kind | None, typer.Option("--kind", "-k", help=KIND_HELP, case_sensitive=False)
        ] = None,
        limit: Annotated[
            int, typer.Option("--limit", "-n", min=0, help="Show at most this many (0: all).")
        ] = 10,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """Search the clauses: best matches first, the matched words highlighted.

        Words match their other forms (copy finds copies and copying) and the synonyms in
        data/matching/synonyms.toml (bcc finds "blind copies", press finds media). If no clause
        has every word, the clauses with some of them are shown, and the output says so. No
        match is not an error: the command says so and exits 0.

        Example: protocol clauses search "blind copies" --protocol all
        """
