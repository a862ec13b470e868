"""Which scenario `protocol ask` answers: from the question as typed, or chosen from a list.

The typed question goes to the ranker (matching.py), and what follows depends on how sure it is:
- sure: "Taking this as: <title>" and straight into the interview; Back from the first question
  comes back here, to a short list;
- unsure: a short list, best first, and "None of these: show all scenarios";
- sure that no scenario covers it (gifts, hospitality): the honest answer (no_scenario_view):
  no scenario covers it, what clause search finds in the person's protocol, whom it says to ask;
- none of its words known: every scenario.
Without prompts (--no-input, a pipe), unsure is exit 2 naming the candidates; with --json, the
`unsure` JSON with the ranked candidates (id, title, score).
"""

from __future__ import annotations

import re
import sys

from protocol_cli.base.errors import EXIT_USAGE, Exit, ProtocolError
from protocol_cli.deciding.matching import NO_SCENARIO

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.deciding.engine import Scenario
    from protocol_cli.deciding.matching import Candidate, Match
    from protocol_cli.deciding.model import Protocol
    from protocol_cli.sources.library import Library

ALL = "\x00all"  # "None of these: show all scenarios"
DONE = "\x00done"
NONE_OF_THESE = "None of these: show all scenarios"
# What a person may type instead of a question to get the list (or press Enter alone).
LIST_WORDS = frozenset(("", "list", "choose", "i'd rather choose", "i’d rather choose", "?"))
SEARCH_HITS = 3
COMMON = 0.1  # a word in more than this share of a protocol's clauses says nothing about a question


class Chooser:
    """Chooses the scenario once (first), and again after Back from the first question (again)."""

    def __init__(self, lib: Library, flag: str | None, text: str, interactive: bool, json_out: bool) -> None:
        self.lib = lib
        self.flag = flag
        self.text = " ".join(text.split())
        self.interactive = interactive
        self.json_out = json_out
        self.found: Match | None = None

    @property
    def can_return(self) -> bool:
        """Whether Back from the first question may come back to the choice of scenario."""
        return self.interactive and not self.flag

    def scenarios(self) -> list[Scenario]:
        return self.lib.catalogue.all()

    def titles(self) -> dict[str, str]:
        """{id: title} of every scenario. Read from the model where it knows them all (reading
        the scenario files costs more than the rest of a scripted `ask`)."""
        from protocol_cli.sources.ranker import titles

        known = titles()
        ids = self.lib.catalogue.ids()
        if self.lib.overlay is None and set(ids) <= set(known):
            return {i: known[i] for i in ids}
        return {s.id: s.title for s in self.scenarios()}

    def first(self) -> str:
        """A scenario id, or NO_SCENARIO when the ranker is sure no scenario covers the question.
        Raises ProtocolError (or Exit, after writing the `unsure` JSON) when it cannot choose."""
        catalogue = self.lib.catalogue
        if self.flag:
            return catalogue.get(self.flag.strip()).id
        if not self.text and self.interactive:
            from protocol_cli.drawing import prompts

            self.text = prompts.text(
                "What is your question? Type it in your own words (Enter alone: choose from the list)"
            )
        if self.text.lower() in LIST_WORDS:
            if self.interactive:
                return self.choose_all("What is your question about?")
            raise ProtocolError(
                'say what your question is about (protocol ask "can I copy this email?") '
                f"or give --scenario, one of: {', '.join(catalogue.ids())}"
            )
        from protocol_cli.deciding.matching import match
        from protocol_cli.sources import ranker

        found = self.found = match(self.text, self.titles(), ranker.model())
        if found.kind in ("exact", "confident"):
            best = found.candidates[0]
            if self.interactive and found.kind == "confident":
                sys.stdout.write(f"Taking this as: {best.title}\n")
            return best.id
        if found.kind == "no-scenario":
            return NO_SCENARIO
        if self.interactive:
            if found.kind == "unknown":
                return self.choose_all(f"No scenario matches '{self.text}'. Choose one:")
            return self.choose_short(f"'{self.text}' could be one of these; which?", found.candidates)
        self.unsure(found.candidates)
        raise AssertionError("unreachable")  # pragma: no cover

    def again(self) -> str:
        """After Back from the first question: the short list again (or every scenario)."""
        found = self.found
        if found is None or not found.candidates or found.kind == "exact":
            return self.choose_all("What is your question about?")
        return self.choose_short("Which of these is your question about?", found.candidates)

    def choose_short(self, message: str, candidates: list[Candidate]) -> str:
        from protocol_cli.drawing import prompts

        options = [(c.id, c.title) for c in candidates[:4]] + [(ALL, NONE_OF_THESE)]
        chosen = prompts.choose(message, options)
        return self.choose_all("Choose one:") if chosen == ALL else chosen

    def choose_all(self, message: str) -> str:
        from protocol_cli.drawing import prompts

        # Titles only, so no line is cut at the terminal's width.
        return prompts.choose(message, [(s.id, s.title) for s in self.scenarios()])

    def unsure(self, candidates: list[Candidate]) -> None:
        """Without prompts: say which scenarios it could be, and exit 2."""
        if self.json_out:
            from protocol_cli.drawing.output import emit_json

            emit_json(unsure_view(self.text, candidates))
        if candidates:
            listed = ", ".join(f"{c.id} ({c.title})" for c in candidates)
            message = f"'{self.text}' could mean: {listed}; choose one with --scenario"
        else:
            ids = ", ".join(self.lib.catalogue.ids())
            message = f"no scenario matches '{self.text}'; choose one with --scenario: {ids}"
        if self.json_out:
            sys.stderr.write(f"Error: {message}\n")
            raise Exit(EXIT_USAGE)
        raise ProtocolError(message)

    def no_scenario(self, protocol: Protocol, json_out: bool) -> str | None:
        """Give the honest answer for a question no scenario covers. At a terminal, then offer
        the nearest scenarios anyway; returns the one chosen, or None when the person is done."""
        from protocol_cli.drawing.output import emit_json

        assert self.found is not None
        view = no_scenario_view(protocol, self.text, self.found.candidates)
        if json_out:
            emit_json(view)
        else:
            from protocol_cli.drawing.output import show

            show(view, "no_scenario")
        if not self.interactive:
            return None
        from protocol_cli.drawing import prompts

        options = [(DONE, "That's all (nothing more to ask)")]
        options += [(c.id, f"It is about: {c.title}") for c in self.found.candidates[:3]]
        options.append((ALL, "Show all scenarios"))
        chosen = prompts.choose("Is your question one of these after all?", options)
        if chosen == DONE:
            return None
        return self.choose_all("Choose one:") if chosen == ALL else chosen


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


def clause_search(protocol: Protocol, text: str) -> tuple[list[str], list[Any]]:
    """What clause search finds in the protocol for the question's telling words (with synonyms):
    the words searched for, and the clauses holding all of them, best first. Words found in more
    than COMMON of the protocol's clauses ("member", "council") are left out: they say nothing."""
    from protocol_cli.deciding.search import WORD_RE, Query, parse_query, search, stem
    from protocol_cli.sources.ranker import synonym_table

    query = parse_query(text.split(), synonym_table())

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
    synonyms = {k: v for k, v in query.synonyms.items() if k[0] in telling}
    narrowed = Query(telling, (), " ".join(words), synonyms)
    return words, search(clauses, narrowed)[:SEARCH_HITS]


def no_scenario_view(protocol: Protocol, text: str, candidates: list[Candidate]) -> dict[str, Any]:
    """The `no-scenario` JSON (docs/json/no-scenario.schema.json), also what is drawn."""
    from protocol_cli.deciding import reports

    label, contacts = advice(protocol)
    words, hits = clause_search(protocol, text)
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
