"""`protocol clauses list|show|search`: the protocols' own words."""

from __future__ import annotations


def list_(protocol: str, section: str | None = None, kind: str | None = None, json_out: bool = False) -> None:
    from protocol_cli.base.errors import NotFound
    from protocol_cli.deciding import reports
    from protocol_cli.drawing.output import show
    from protocol_cli.sources.library import default_library

    p = default_library().protocol(protocol)
    clauses = list(p.clauses) if section is None else p.in_section(section)
    if section is not None and not clauses:
        from protocol_cli.deciding.model import unknown

        labels = [s.label for s in p.sections.values()] + [c.label for c in p.clauses]
        raise NotFound(unknown("section or paragraph", section, labels, where=p.id))
    if kind is not None:
        clauses = [c for c in clauses if c.kind == kind]
    view = reports.clause_list(p, clauses, {"section": section, "kind": kind})
    show(view, "clause_list", json_out=json_out)


def show_(ref: str, label: str | None = None, plain: bool = False, json_out: bool = False) -> None:
    from protocol_cli.base.errors import NotFound
    from protocol_cli.deciding import reports
    from protocol_cli.drawing.output import show
    from protocol_cli.sources.library import default_library, split_ref

    lib = default_library()
    protocol_id, wanted = split_ref(ref, label)
    p = lib.protocol(protocol_id)
    clause = p.clause(wanted)
    if clause is not None:
        view = reports.clause_detail(p, clause)
    elif (section := p.section(wanted)) is not None:
        view = reports.section_detail(p, section)
    else:
        lib.clause(protocol_id, wanted)  # raises NotFound naming the nearest labels
        raise NotFound(f"No clause '{wanted}' in {protocol_id}")  # pragma: no cover
    show(view, "clause_detail", json_out=json_out, plain=plain)


def search_(
    words: list[str], protocol: str = "all", kind: str | None = None, limit: int = 10, json_out: bool = False
) -> None:
    from protocol_cli.base.errors import ProtocolError
    from protocol_cli.deciding import reports
    from protocol_cli.deciding.search import parse_query, search
    from protocol_cli.drawing.output import show
    from protocol_cli.sources.library import default_library
    from protocol_cli.sources.ranker import synonym_table

    lib = default_library()
    ids = lib.protocol_ids() if protocol == "all" else [lib.protocol(protocol).id]
    query = parse_query(words, synonym_table())  # "bcc" also finds "blind copies"
    if query.empty:
        raise ProtocolError(f"nothing to search for in {' '.join(words)!r}; give a word such as: copy")
    clauses = [c for pid in ids for c in lib.protocol(pid).clauses if kind is None or c.kind == kind]
    hits = search(clauses, query)
    partial = False
    if not hits and len(query.terms) + len(query.phrases) > 1:
        hits, partial = search(clauses, query, require_all=False), True
    show(reports.search_results(query, ids, hits, limit, partial), "search_results", json_out=json_out)
