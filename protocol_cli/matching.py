"""Which scenario a question is about: the words typed, against each scenario's title and aliases.

Pure. "can I copy this email to the other ward councillor?" matches copy-correspondence through
its aliases "copy", "email" and "ward councillor"; a longer alias that matches counts for more.
"""

from __future__ import annotations

from collections.abc import Sequence

from protocol_cli.engine import Scenario
from protocol_cli.search import STOPWORDS, WORD_RE, stem


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(m.group()) for m in WORD_RE.finditer(text) if m.group().lower() not in STOPWORDS)


def score(text: str, scenario: Scenario) -> int:
    words = set(_stems(text))
    phrases = {_stems(p) for p in (*scenario.aliases, scenario.title, scenario.id.replace("-", " "))}
    return sum(len(p) for p in phrases if p and set(p) <= words)


def rank(text: str, scenarios: Sequence[Scenario]) -> list[tuple[int, Scenario]]:
    """Scenarios that match at all, best first."""
    scored = [(score(text, s), s) for s in scenarios]
    return sorted([(n, s) for n, s in scored if n > 0], key=lambda pair: -pair[0])


def best(text: str, scenarios: Sequence[Scenario]) -> list[Scenario]:
    """The single best scenario, or the ones tied for best (empty when nothing matches)."""
    exact = [s for s in scenarios if s.id == text.strip().lower()]
    if exact:
        return exact
    ranked = rank(text, scenarios)
    if not ranked:
        return []
    top = ranked[0][0]
    return [s for n, s in ranked if n == top]
