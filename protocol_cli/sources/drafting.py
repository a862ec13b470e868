"""Draft rule tables for a new protocol from a similar one (`protocol data draft`).

For every scenario with a table for the source protocol, each rule is copied with its cited
clauses replaced by the new protocol's best-matching clauses (TF-IDF cosine over stemmed words,
heading included). A rule whose cited text has no counterpart (best score below THRESHOLD)
becomes a `not-covered` candidate citing the new protocol's "seek advice" clause. Role keys the
new protocol lacks are looked for by the source protocol's name for them; a role found is added
to the new protocol's roles table. Every drafted rule carries

    draft = { from = "thanet", rule = 3, evidence = [{ source = "5.5", clause = "3.2", score = 0.71 }] }

and stays a draft (ask says so) until a reviewer accepts it (reviewed_by / reviewed_at, see
commands/reviewing.py). Pure apart from `write_tables`: takes loaded protocols and scenarios.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from protocol_cli.deciding.engine import Rule, Scenario
from protocol_cli.deciding.model import Clause, Protocol

THRESHOLD = 0.25  # below this the best match is no counterpart (see the leave-one-out figures in README)
STOP = frozenset(
    "a an and are as at be by for from has have if in is it its of on or that the their them they this "
    "to was were which will with who whom any all not no may should must shall can".split()
)


def _stems(text: str) -> list[str]:
    from protocol_cli.deciding.search import stem

    return [stem(w) for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP and len(w) > 1]


class Matcher:
    """Clause similarity between two protocols: TF-IDF vectors over both protocols' clauses."""

    def __init__(self, source: Protocol, target: Protocol) -> None:
        self.source, self.target = source, target
        bags = {("s", c.label): self._bag(source, c) for c in source.clauses}
        bags.update({("t", c.label): self._bag(target, c) for c in target.clauses})
        df: Counter[str] = Counter(w for bag in bags.values() for w in bag)
        n = len(bags)
        self.idf = {w: math.log((n + 1) / (d + 0.5)) for w, d in df.items()}
        self.vectors = {key: self._vector(bag) for key, bag in bags.items()}
        self._best: dict[str, tuple[Clause | None, float]] = {}

    @staticmethod
    def _bag(protocol: Protocol, clause: Clause) -> Counter[str]:
        bag = Counter(_stems(clause.text))
        for w in _stems(clause.heading or ""):
            bag[w] += 0.5  # type: ignore[assignment]
        return bag

    def _vector(self, bag: Counter[str]) -> dict[str, float]:
        vec = {w: (1 + math.log(c)) * self.idf[w] for w, c in bag.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    def best(self, label: str) -> tuple[Clause | None, float]:
        """The target clause most like source clause `label`, and the cosine score (0..1)."""
        if label not in self._best:
            vec = self.vectors.get(("s", label), {})
            scored = (
                (sum(v * other.get(w, 0.0) for w, v in vec.items()), c)
                for c in self.target.clauses
                if (other := self.vectors[("t", c.label)])
            )
            score, clause = max(scored, key=lambda x: x[0], default=(0.0, None))
            self._best[label] = (clause, round(score, 2))
        return self._best[label]


def similarity(a: Protocol, b: Protocol) -> float:
    """Cosine similarity of two protocols' whole texts (stemmed words, weighted by rarity)."""
    bags = [Counter(w for c in p.clauses for w in _stems(c.text)) for p in (a, b)]
    vocab = set(bags[0]) | set(bags[1])
    idf = {w: 1.0 if (w in bags[0]) != (w in bags[1]) else 0.5 for w in vocab}
    vecs = [{w: math.log(1 + n) * idf[w] for w, n in bag.items()} for bag in bags]
    dot = sum(v * vecs[1].get(w, 0.0) for w, v in vecs[0].items())
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vecs]
    return round(dot / (norms[0] * norms[1]), 3)


@dataclass
class Drafted:
    """One scenario's drafted table: rule entries (as written to TOML) and what to review."""

    scenario: str
    title: str
    rules: list[dict[str, Any]] = field(default_factory=list)
    not_covered: int = 0  # rules whose cited text has no counterpart
    skipped: str = ""  # why no table was drafted


def draft_table(
    scenario: Scenario, source: Protocol, target: Protocol, matcher: Matcher, roles: dict[str, dict[str, str]]
) -> Drafted:
    """The scenario's table for `target`, drafted from `source`'s. `roles` (key -> {name, cite})
    is the target's roles table, added to where a source role is found in the target's text."""
    out = Drafted(scenario.id, scenario.title)
    table = scenario.tables.get(source.id)
    if table is None:
        out.skipped = f"no table for {source.id}"
        return out
    for rule in table.rules:
        out.rules.append(_draft_rule(scenario, rule, source, target, matcher, roles, out))
    return out


def _draft_rule(
    scenario: Scenario,
    rule: Rule,
    source: Protocol,
    target: Protocol,
    matcher: Matcher,
    roles: dict[str, dict[str, str]],
    out: Drafted,
) -> dict[str, Any]:
    o = rule.outcome
    evidence: list[dict[str, Any]] = []
    cites: list[str] = []
    for label in o.cite:
        clause, score = matcher.best(label)
        evidence.append({"source": label, "clause": clause.label if clause else "", "score": score})
        if clause is not None and score >= THRESHOLD and clause.label not in cites:
            cites.append(clause.label)
    entry: dict[str, Any] = {}
    if rule.when:
        entry["when"] = {q: _values(scenario, q, values) for q, values in rule.when.items()}
    route = [k for k in (_role(k, source, target, roles) for k in o.route) if k]
    contacts = [k for k in (_role(k, source, target, roles) for k in o.contacts) if k]
    deciding_missing = evidence and evidence[0]["score"] < THRESHOLD
    if o.verdict == "not-covered" or not cites or (deciding_missing and o.verdict != "not-covered"):
        entry.update(_not_covered(rule, source, target, roles, evidence, contacts))
        if o.verdict != "not-covered":
            out.not_covered += 1
    else:
        entry["verdict"] = o.verdict
        entry["answer"] = o.answer
        entry["cite"] = cites
        for key, values in (("conditions", o.conditions), ("steps", o.steps)):
            if values:
                entry[key] = list(values)
        if o.verdict == "refer" and not route:
            route = [k for k in ("monitoring_officer", "head_of_paid_service") if k in roles][:1]
            if not route:
                entry = {k: v for k, v in entry.items() if k == "when"}
                entry.update(_not_covered(rule, source, target, roles, evidence, contacts))
                out.not_covered += 1
        if entry["verdict"] != "not-covered":
            if route:
                entry["route"] = route
            if contacts:
                entry["contacts"] = contacts
    entry["draft"] = {"from": source.id, "rule": rule.number, "evidence": evidence}
    return entry


def _values(scenario: Scenario, qid: str, values: frozenset[str]) -> str | list[str]:
    question = scenario.question(qid)
    order = list(question.values) if question is not None else sorted(values)
    ordered = [v for v in order if v in values]
    return ordered[0] if len(ordered) == 1 else ordered


def _role(key: str, source: Protocol, target: Protocol, roles: dict[str, dict[str, str]]) -> str | None:
    """The role key in the target: the same key, or the source's name for it found in the target."""
    if key in roles:
        return key
    role = source.roles.get(key)
    if role is None:
        return None
    for clause in target.clauses:
        if role.name.lower() in clause.text.lower():
            roles[key] = {"name": role.name, "cite": clause.label}
            return key
    return None


def _not_covered(
    rule: Rule,
    source: Protocol,
    target: Protocol,
    roles: dict[str, dict[str, str]],
    evidence: list[dict[str, Any]],
    contacts: list[str],
) -> dict[str, Any]:
    seek = list(target.seek_advice[:1]) or [e["clause"] for e in evidence if e["clause"]][:1]
    whom = (
        [k for k in contacts if k in roles]
        or [k for k in ("monitoring_officer", "head_of_paid_service") if k in roles][:1]
        or list(roles)[:1]
    )
    labels = ", ".join(e["source"] for e in evidence)
    if rule.outcome.verdict == "not-covered":
        why = (
            f"Drafted from {source.id} rule {rule.number}, which is not covered there either. Search this "
            f"protocol (protocol clauses search WORDS --council {target.id}) before accepting it."
        )
    else:
        best = "; ".join(
            f"{e['source']} best matched {e['clause'] or 'nothing'} ({e['score']})" for e in evidence
        )
        why = (
            f"Drafted from {source.id} rule {rule.number} ({rule.outcome.verdict}), whose clause(s) {labels} "
            f"have no counterpart here: {best}. Search this protocol (protocol clauses search WORDS "
            f"--council {target.id}) and write the rule it gives, or accept this."
        )
    return {
        "verdict": "not-covered",
        "answer": ("The protocol does not say. Its advice clause says whom to ask."),
        "cite": seek,
        "contacts": whom,
        "why_not_covered": why,
    }


# --- writing --------------------------------------------------------------------------------


def toml_value(value: Any) -> str:
    """A TOML value on one line (strings as JSON strings, which TOML basic strings accept)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def rules_text(protocol_id: str, rules: list[dict[str, Any]]) -> str:
    """[[rules.ID]] entries, one key a line, long text as multi-line strings."""
    out = []
    for rule in rules:
        out.append(f"\n[[rules.{protocol_id}]]")
        for key, value in rule.items():
            if key in ("answer", "why_not_covered") and isinstance(value, str):
                text = value.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
                out.append(f'{key} = """{text}"""')
            else:
                out.append(f"{key} = {toml_value(value)}")
    return "\n".join(out) + "\n"


FILE_HEAD = """\
# Rule tables for {target} drafted from {source} by `protocol data draft` ({when}).
# Every rule here is a DRAFT until a reviewer of your council accepts it with
# `protocol data review {target}` (which records reviewed_by and reviewed_at); until then
# `protocol ask` says so. Each rule's draft.evidence gives, for each clause the {source} rule
# cited, the clause of {target} matched to it and the match score (0 to 1).

schema = 1
id = "{scenario}"
"""


def nearest(target: Protocol, candidates: list[Protocol]) -> list[tuple[str, float]]:
    """The candidate protocols by similarity to the target's text, most similar first."""
    return sorted(((p.id, similarity(target, p)) for p in candidates), key=lambda x: -x[1])


def draft_all(
    scenarios: list[Scenario], source: Protocol, target: Protocol
) -> tuple[list[Drafted], dict[str, dict[str, str]]]:
    """Every scenario's table for the target drafted from the source's, and the target's roles
    table with the roles the drafts needed added (key -> {name, cite})."""
    matcher = Matcher(source, target)
    roles = {k: {"name": r.name, "cite": r.cite} for k, r in target.roles.items()}
    drafted = []
    for scenario in scenarios:
        if target.id in scenario.tables:
            drafted.append(
                Drafted(scenario.id, scenario.title, skipped=f"has a table for {target.id} already")
            )
            continue
        drafted.append(draft_table(scenario, source, target, matcher, roles))
    return drafted, roles
