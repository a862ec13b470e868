"""What each command shows, as plain data: the --json output, and what both renderers draw.

Keeping the shape here means JSON, plain text and rich output cannot drift apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from protocol_cli.model import Clause, Protocol, Section
    from protocol_cli.search import Hit, Query


def protocol_brief(protocol: Protocol) -> dict[str, Any]:
    return {"id": protocol.id, "council": protocol.council, "title": protocol.title}


def councils(protocols: list[Protocol]) -> list[dict[str, Any]]:
    return [p.as_dict() for p in protocols]


def clause_detail(protocol: Protocol, clause: Clause) -> dict[str, Any]:
    parent = protocol.clause(clause.parent) if clause.parent else None
    return {
        "type": "clause",
        "protocol": protocol_brief(protocol),
        "clause": clause.as_dict(),
        "parent": parent.as_dict() if parent else None,
        "children": [c.as_dict() for c in protocol.children(clause)],
    }


def section_detail(protocol: Protocol, section: Section) -> dict[str, Any]:
    return {
        "type": "section",
        "protocol": protocol_brief(protocol),
        "section": {"label": section.label, "title": section.title, "heading": section.heading},
        "clauses": [c.as_dict() for c in protocol.in_section(section.label)],
    }


def clause_list(protocol: Protocol, clauses: list[Clause], filters: dict[str, str | None]) -> dict[str, Any]:
    return {
        "protocol": protocol_brief(protocol),
        "filters": {k: v for k, v in filters.items() if v},
        "count": len(clauses),
        "clauses": [c.as_dict() for c in clauses],
    }


def search_results(
    query: Query, protocol_ids: list[str], hits: list[Hit], limit: int, partial: bool
) -> dict[str, Any]:
    shown = hits[:limit] if limit > 0 else hits
    return {
        "query": query.text,
        "protocols": protocol_ids,
        "count": len(hits),
        "shown": len(shown),
        "all_words": not partial,
        "results": [
            {**h.clause.as_dict(), "score": round(h.score, 4), "matches": [list(s) for s in h.spans]}
            for h in shown
        ],
    }
