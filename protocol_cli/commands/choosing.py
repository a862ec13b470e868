"""Which scenario `protocol ask` answers: from the question as typed, or chosen from a list.

The typed question goes to the ranker (deciding/matching.py), and what follows depends on how sure it is:
- sure: "Taking this as: <title>" and straight into the interview; Back from the first question
  comes back here, to a short list;
- unsure: a short list, best first, and "None of these: show all scenarios";
- sure that no scenario covers it (gifts, hospitality): the honest answer (deciding/no_scenario.py):
  no scenario covers it, what clause search finds in the person's protocol, whom it says to ask;
- none of its words known: every scenario.
Without prompts (--no-input, a pipe), unsure is exit 2 naming the candidates; with --json, the
`unsure` JSON with the ranked candidates (id, title, score).
"""

from __future__ import annotations

import sys

from protocol_cli.base.errors import EXIT_USAGE, Exit, ProtocolError
from protocol_cli.deciding.matching import NO_SCENARIO

TYPE_CHECKING = False
if TYPE_CHECKING:
    from protocol_cli.deciding.engine import Scenario
    from protocol_cli.deciding.matching import Candidate, Match
    from protocol_cli.deciding.model import Protocol
    from protocol_cli.sources.library import Library

ALL = "\x00all"  # "None of these: show all scenarios"
DONE = "\x00done"
NONE_OF_THESE = "None of these: show all scenarios"
# What a person may type instead of a question to get the list (or press Enter alone).
LIST_WORDS = frozenset(("", "list", "choose", "i'd rather choose", "i’d rather choose", "?"))


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
            from protocol_cli.deciding.no_scenario import unsure_view
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
        from protocol_cli.deciding.no_scenario import no_scenario_view
        from protocol_cli.drawing.output import emit_json
        from protocol_cli.sources.ranker import synonym_table

        assert self.found is not None
        view = no_scenario_view(protocol, self.text, self.found.candidates, synonym_table())
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
