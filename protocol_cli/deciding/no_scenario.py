"""A question no scenario covers (gifts, hospitality, allowances): the honest answer. No ruled
answer; what clause search finds in the person's protocol for the question's telling words; whom
the protocol says to ask, as it names them. Also the `unsure` shape, for a question the ranker
could not place. Pure: the synonyms clause search uses are passed in (sources/ranker.py).
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.deciding.matching import Candidate
    from protocol_cli.deciding.model import Protocol

SEARCH_HITS = 3
COMMON = 0.1  # a word in more than this share of a protocol's clauses says nothing about a question


def unsure_view(text: str, candidates: list[Candidate]) -> dict[str, Any]:
    """The `unsure` JSON (docs/json/unsure.schema.json): the candidates, best first."""
    return {"status": "unsure", "question": text, "candidates": [c.as_dict() for c in candidates]}


def advice(protocol: Protocol) -> tuple[str | None, list[str]]:
    """The protocol's first "seek advice" clause that names whom to ask, and the roles it names
    (as the protocol names them)."""
    for label in protocol.seek_advice:
        clause = protocol.clause(label)
        if clause is None:
            continue
        named = (r.name for r in protocol.roles.values())
        names = [n for n in named if re.search(rf"\b{re.escape(n)}\b", clause.text, re.I)]
        names = [n for n in names if not any(n != m and n.lower() in m.lower() for m in names)]
        if names:
            return label, sorted(names, key=lambda n: clause.text.lower().find(n.lower()))
    return (protocol.seek_advice[0] if protocol.seek_advice else None), []


def clause_search(protocol: Protocol, text: str, synonyms: dict[str, str]) -> tuple[list[str], list[Any]]:
    """What clause search finds in the protocol for the question's telling words (with synonyms):
    the words searched for, and the clauses holding all of them, best first. Words found in more
    than COMMON of the protocol's clauses ("member", "council") are left out: they say nothing.
    `synonyms`: {stemmed word or phrase: group}, as sources/ranker.py's synonym_table gives them."""
    from protocol_cli.deciding.search import WORD_RE, Query, parse_query, search, stem

    query = parse_query(text.split(), synonyms)

    def alone(term: str) -> Query:
        return Query((term,), (), term, {k: v for k, v in query.synonyms.items() if k == (term,)})

    everywhere = list(protocol.clauses)
    telling = tuple(
        t for t in query.terms if len(t) > 2 and len(search(everywhere, alone(t))) <= COMMON * len(everywhere)
    )
    spelled = {stem(m.group()): m.group().lower() for m in WORD_RE.finditer(text)}
    words = [spelled.get(t, t) for t in telling]
    if not telling:
        return words, []
    advice_labels = set(protocol.seek_advice)
    clauses = [c for c in everywhere if c.label not in advice_labels]
    kept = {k: v for k, v in query.synonyms.items() if k[0] in telling}
    narrowed = Query(telling, (), " ".join(words), kept)
    return words, search(clauses, narrowed)[:SEARCH_HITS]


def no_scenario_view(
    protocol: Protocol, text: str, candidates: list[Candidate], synonyms: dict[str, str]
) -> dict[str, Any]:
    """The `no-scenario` JSON (docs/json/no-scenario.schema.json), also what is drawn."""
    from protocol_cli.deciding import reports

    label, contacts = advice(protocol)
    words, hits = clause_search(protocol, text, synonyms)
    council = protocol.council
    if hits:
        found = (
            f"Clause search of {council}'s protocol for {_quoted(words)} finds "
            f"{_count(len(hits), 'clause')} (below); read them to see whether one speaks to your question."
        )
    elif words:
        found = f"Clause search of {council}'s protocol for {_quoted(words)} finds nothing."
    else:
        found = f"Clause search of {council}'s protocol finds nothing telling in these words."
    ask = f" It says to ask {_or(contacts)} ({label})." if contacts else ""
    answer = f"No scenario covers this question, so there is no ruled answer to give. {found}{ask}"
    return {
        "status": "no-scenario",
        "question": text,
        "council": protocol.id,
        "protocol": {**reports.protocol_brief(protocol), "date": protocol.date},
        "answer": answer,
        "searched": words,
        "found": [reports.citation(protocol, h.clause.label) for h in hits],
        "contacts": contacts,
        "citations": [reports.citation(protocol, label)] if label else [],
        "candidates": [c.as_dict() for c in candidates],
    }


def _quoted(words: list[str]) -> str:
    quoted = [f'"{w}"' for w in words]
    if len(quoted) == 1:
        return f"the word {quoted[0]}"
    return "the words " + ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _or(names: list[str]) -> str:
    names = [f"the {n}" if n[:1].isupper() and not n.lower().startswith("the ") else n for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
