"""`protocol clauses list|show|search`: the protocols' own words."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from protocol_cli.cli.councils import JSON_HELP


class Kind(StrEnum):
    rule = "rule"
    guidance = "guidance"
    definition = "definition"
    context = "context"


KIND_HELP = "Only clauses of this kind: rule, guidance, definition or context."


def register(app: typer.Typer) -> None:
    from protocol_cli.cli.app import group as new_group

    group = new_group(help="List, show and search the clauses of the protocols.")
    app.add_typer(group, name="clauses")

    @group.command("list")
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
        from protocol_cli import views
        from protocol_cli.errors import NotFound
        from protocol_cli.library import default_library
        from protocol_cli.output import show

        p = default_library().protocol(protocol)
        clauses = list(p.clauses) if section is None else p.in_section(section)
        if section is not None and not clauses:
            from protocol_cli.library import unknown

            labels = [s.label for s in p.sections.values()] + [c.label for c in p.clauses]
            raise NotFound(unknown("section or paragraph", section, labels, where=p.id))
        if kind is not None:
            clauses = [c for c in clauses if c.kind == kind.value]
        view = views.clause_list(p, clauses, {"section": section, "kind": kind.value if kind else None})
        show(view, "clause_list", json_out=json_out)

    @group.command("show")
    def show_(
        ref: Annotated[
            str,
            typer.Argument(metavar="REF", help="PROTOCOL:LABEL, e.g. thanet:9.1.12 (or the protocol alone)."),
        ],
        label: Annotated[
            str | None, typer.Argument(metavar="[LABEL]", help="The label, when the protocol is given apart.")
        ] = None,
        plain: Annotated[bool, typer.Option("--plain", help="Plain text, no boxes or colour.")] = False,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """Show one clause word for word, with its section heading and label.

        A paragraph that introduces a list is shown with its items; an item is shown with the
        paragraph it belongs to. A section number (e.g. thanet:9.1) shows the whole section.
        Labels in brackets can be typed with a dot: 8.1.7.a finds 8.1.7(a).

        Example: protocol clauses show thanet:9.1.12
        """
        from protocol_cli import views
        from protocol_cli.errors import NotFound
        from protocol_cli.library import default_library, split_ref
        from protocol_cli.output import show

        lib = default_library()
        protocol_id, wanted = split_ref(ref, label)
        p = lib.protocol(protocol_id)
        clause = p.clause(wanted)
        if clause is not None:
            view = views.clause_detail(p, clause)
        elif (section := p.section(wanted)) is not None:
            view = views.section_detail(p, section)
        else:
            lib.clause(protocol_id, wanted)  # raises NotFound naming the nearest labels
            raise NotFound(f"No clause '{wanted}' in {protocol_id}")  # pragma: no cover
        show(view, "clause_detail", json_out=json_out, plain=plain)

    @group.command("search")
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

        Words match their other forms (copy finds copies and copying). If no clause has every
        word, the clauses with some of them are shown, and the output says so. No match is not
        an error: the command says so and exits 0.

        Example: protocol clauses search "blind copies" --protocol all
        """
        from protocol_cli import views
        from protocol_cli.errors import ProtocolError
        from protocol_cli.library import default_library
        from protocol_cli.output import show
        from protocol_cli.search import parse_query, search

        lib = default_library()
        ids = lib.protocol_ids() if protocol == "all" else [lib.protocol(protocol).id]
        query = parse_query(words)
        if query.empty:
            raise ProtocolError(f"nothing to search for in {' '.join(words)!r}; give a word such as: copy")
        clauses = [
            c for pid in ids for c in lib.protocol(pid).clauses if kind is None or c.kind == kind.value
        ]
        hits = search(clauses, query)
        partial = False
        if not hits and len(query.terms) + len(query.phrases) > 1:
            hits, partial = search(clauses, query, require_all=False), True
        show(views.search_results(query, ids, hits, limit, partial), "search_results", json_out=json_out)
