"""Loading scenarios (data/scenarios/<id>.toml) into engine objects, checked as they load.

A scenario file holds the questions and, for each protocol, an ordered rule table:

    [[question]]                      # id, prompt, help, options (or none: yes/no)
    [[rules.thanet]]                  # when, verdict, answer, cite, conditions, route, steps, contacts

Structure is checked when the file loads (errors name the file and line). What needs a
protocol's clauses — cited labels, role keys — is checked by `check_against` for the protocol
being asked about, so asking about one protocol never parses another.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from protocol_cli.base.errors import DataError, NotFound
from protocol_cli.deciding.engine import VERDICTS, YES_NO, Option, Outcome, Question, Rule, Scenario, Table
from protocol_cli.deciding.model import PROTOCOL_ID_RE, Protocol

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import Protocol as Interface

    class Overlay(Interface):
        """What a catalogue needs of the library it belongs to (sources/library.py's Library):
        the local folder's scenario files, and where their errors go."""

        strict: bool

        def overlay_ids(self, part: str) -> list[str]: ...

        def overlay_file(self, part: str, item_id: str) -> Path | None: ...

        def report(self, error: DataError) -> None: ...


Line = int | None | Callable[[], int | None]  # a line number, or how to find it

QUESTION_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
VALUE_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class ScenarioFile:
    """A loaded scenario with what is needed to report problems in it.

    A scenario extended by a local file has rule tables from two files: `sources` says which
    file (and text) each protocol's table came from, for messages that name file and line.
    """

    def __init__(self, path: Path, text: str, scenario: Scenario, digest: str) -> None:
        self.path = path
        self.text = text
        self.scenario = scenario
        self.digest = digest
        self.sources: dict[str, tuple[Path, str]] = {}

    def source(self, protocol_id: str) -> tuple[Path, str]:
        return self.sources.get(protocol_id, (self.path, self.text))

    def line_of_rule(self, protocol_id: str, number: int) -> int | None:
        text = self.source(protocol_id)[1]
        return _nth_line(text, rf"^\[\[rules\.{re.escape(protocol_id)}\]\]", number - 1)


def _nth_line(text: str, pattern: str, n: int) -> int | None:
    rx = re.compile(pattern)
    seen = -1
    for number, line in enumerate(text.splitlines(), start=1):
        if rx.search(line):
            seen += 1
            if seen == n:
                return number
    return None


def load_scenario(path: Path, protocol_ids: list[str], base: ScenarioFile | None = None) -> ScenarioFile:
    """Load one scenario file. With `base`, a file holding only rule tables (no questions)
    extends that scenario: its tables are added to (or replace) the base's."""
    from protocol_cli.base import tomlcache

    raw, text, data = tomlcache.load_file(path)

    def fail(message: str, line: Line = None) -> DataError:
        # line numbers are looked up only when a message needs one (a lookup scans the file)
        return DataError(path, message, line() if callable(line) else line)

    def key_line(key: str) -> int | None:
        return _nth_line(text, rf"^\s*{re.escape(key)}\s*=", 0)

    if data.get("schema") != 1:
        raise fail("'schema = 1' is missing or has another value", key_line("schema"))
    if base is not None and "question" not in data:
        return _extend(base, path, text, raw, data, protocol_ids, fail, key_line)
    for key in ("id", "title", "summary"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(f"'{key}' must be a non-empty string", key_line(key))
    if data["id"] != path.stem:
        raise fail(f"scenario id '{data['id']}' must match the file name '{path.stem}'", key_line("id"))
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise fail("'aliases' must be a list of words people type", key_line("aliases"))
    known_top = {"schema", "id", "title", "summary", "aliases", "question", "rules"}
    for key in data:
        if key not in known_top:
            raise fail(f"unknown key '{key}' (known: {', '.join(sorted(known_top))})", key_line(key))

    questions: list[Question] = []
    for n, entry in enumerate(data.get("question", [])):
        questions.append(_question(entry, n, lambda n=n: _nth_line(text, r"^\[\[question\]\]", n), fail))
    ids = [q.id for q in questions]
    if not questions:
        raise fail("has no [[question]] entries")
    for qid in ids:
        if ids.count(qid) > 1:
            raise fail(f"question id '{qid}' is used twice", _nth_line(text, rf'^\s*id\s*=\s*"{qid}"', 1))
    tables = _tables(data, text, questions, protocol_ids, fail)
    scenario = Scenario(
        id=data["id"],
        title=" ".join(data["title"].split()),
        summary=" ".join(data["summary"].split()),
        aliases=tuple(a.strip() for a in aliases),
        questions=tuple(questions),
        tables=tables,
    )
    return ScenarioFile(path, text, scenario, hashlib.sha256(raw).hexdigest())


def _extend(
    base: ScenarioFile,
    path: Path,
    text: str,
    raw: bytes,
    data: dict[str, Any],
    protocol_ids: list[str],
    fail: Any,
    key_line: Callable[[str], int | None],
) -> ScenarioFile:
    """A local file adding rule tables to a bundled scenario (it holds schema, id and rules only)."""
    allowed = {"schema", "id", "rules"}
    for key in data:
        if key not in allowed:
            raise fail(
                f"unknown key '{key}': a file adding rule tables to scenario '{base.scenario.id}' holds "
                "only schema, id and [[rules.PROTOCOL]] (copy the whole scenario to replace it)",
                key_line(key),
            )
    if data.get("id") != path.stem:
        raise fail(f"scenario id '{data.get('id')}' must match the file name '{path.stem}'", key_line("id"))
    old = base.scenario
    added = _tables(data, text, list(old.questions), protocol_ids, fail)
    scenario = Scenario(
        id=old.id,
        title=old.title,
        summary=old.summary,
        aliases=old.aliases,
        questions=old.questions,
        tables={**old.tables, **added},
    )
    digest = hashlib.sha256(base.digest.encode() + raw).hexdigest()
    merged = ScenarioFile(base.path, base.text, scenario, digest)
    merged.sources = {**base.sources, **dict.fromkeys(added, (path, text))}
    return merged


def _tables(
    data: dict[str, Any], text: str, questions: list[Question], protocol_ids: list[str], fail: Any
) -> dict[str, Table]:
    by_id = {q.id: q for q in questions}
    rules_data = data.get("rules")
    if not isinstance(rules_data, dict) or not rules_data:
        raise fail("has no rule tables ([[rules.PROTOCOL]])")
    tables: dict[str, Table] = {}
    for pid, entries in rules_data.items():
        header = rf"^\[\[rules\.{re.escape(pid)}\]\]"
        first = lambda header=header: _nth_line(text, header, 0)  # noqa: E731
        if not PROTOCOL_ID_RE.match(pid) or pid not in protocol_ids:
            raise fail(f"rules for unknown protocol '{pid}' (known: {', '.join(protocol_ids)})", first)
        if not isinstance(entries, list) or not entries:
            raise fail(f"rules.{pid} must be a list of [[rules.{pid}]] tables", first)
        rules = []
        for n, entry in enumerate(entries):
            line = lambda header=header, n=n: _nth_line(text, header, n)  # noqa: E731
            rules.append(_rule(entry, n + 1, pid, by_id, line, fail))
        table = Table(pid, tuple(rules))
        if rules[-1].when:
            gap = first_gap(questions, table)
            shown = f"no rule decides {gap}; " if gap else ""
            raise fail(
                f"rules.{pid}: {shown}the last rule must have no conditions, so every path ends in an answer",
                _nth_line(text, rf"^\[\[rules\.{re.escape(pid)}\]\]", len(rules) - 1),
            )
        tables[pid] = table
    return tables


def first_gap(questions: list[Question], table: Table, limit: int = 250_000) -> str | None:
    """A combination of answers no rule decides, as "q=v, ..." (None if none, or too many to try)."""
    import itertools

    from protocol_cli.deciding.engine import decide

    used = {qid for rule in table.rules for qid in rule.when}
    asked = [q for q in questions if q.id in used]
    size = 1
    for q in asked:
        size *= len(q.values)
    if size > limit:
        return None
    for combo in itertools.product(*(q.values for q in asked)):
        answers = {q.id: v for q, v in zip(asked, combo, strict=True)}
        if decide(table, answers) is None:
            return ", ".join(f"{k}={v}" for k, v in answers.items())
    return None


def _question(entry: Any, n: int, line: Line, fail: Any) -> Question:
    what = f"question {n + 1}"
    if not isinstance(entry, dict):
        raise fail(f"{what} must be a table", line)
    allowed = {"id", "prompt", "help", "options"}
    for key in entry:
        if key not in allowed:
            raise fail(f"{what}: unknown key '{key}' (known: {', '.join(sorted(allowed))})", line)
    for key in ("id", "prompt", "help"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"{what}: '{key}' must be a non-empty string", line)
    if not QUESTION_ID_RE.match(entry["id"]):
        raise fail(f"{what}: id '{entry['id']}' must be lower case letters, digits and _", line)
    raw_options = entry.get("options")
    if raw_options is None:
        options = tuple(Option(v, label) for v, label in YES_NO)
    else:
        if not isinstance(raw_options, list) or len(raw_options) < 2:
            raise fail(f"{what} ({entry['id']}): 'options' must list at least two choices", line)
        options_list = []
        for opt in raw_options:
            if not (
                isinstance(opt, dict)
                and isinstance(opt.get("value"), str)
                and isinstance(opt.get("label"), str)
            ):
                raise fail(f"{what} ({entry['id']}): each option needs a value and a label", line)
            if not VALUE_RE.match(opt["value"]):
                raise fail(
                    f"{what} ({entry['id']}): option value '{opt['value']}' must be lower-case-words", line
                )
            options_list.append(Option(opt["value"], opt["label"].strip()))
        values = [o.value for o in options_list]
        if len(set(values)) != len(values):
            raise fail(f"{what} ({entry['id']}): an option value is used twice", line)
        options = tuple(options_list)
    return Question(entry["id"], " ".join(entry["prompt"].split()), " ".join(entry["help"].split()), options)


_RULE_KEYS = {
    *("when", "verdict", "answer", "cite", "conditions", "route", "steps", "contacts"),
    *("why_not_covered", "reviewed"),
    *("draft", "reviewed_by", "reviewed_at"),  # a drafted rule and who accepted it (data draft/review)
}


def _strings(entry: dict[str, Any], key: str, what: str, line: Line, fail: Any) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"{what}: '{key}' must be a list of strings", line)
    return tuple(" ".join(v.split()) for v in value)


def _rule(entry: Any, number: int, pid: str, questions: dict[str, Question], line: Line, fail: Any) -> Rule:
    what = f"rules.{pid} rule {number}"
    if not isinstance(entry, dict):
        raise fail(f"{what} must be a table", line)
    for key in entry:
        if key not in _RULE_KEYS:
            raise fail(f"{what}: unknown key '{key}' (known: {', '.join(sorted(_RULE_KEYS))})", line)
    when_raw = entry.get("when", {})
    if not isinstance(when_raw, dict):
        raise fail(f"{what}: 'when' must be a table of question = value(s)", line)
    when: dict[str, frozenset[str]] = {}
    for qid, value in when_raw.items():
        question = questions.get(qid)
        if question is None:
            raise fail(f"{what}: 'when' names unknown question '{qid}' (known: {', '.join(questions)})", line)
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            raise fail(f"{what}: when.{qid} must be a value or a list of values", line)
        for v in values:
            if v not in question.values:
                raise fail(f"{what}: when.{qid} = '{v}' is not one of {', '.join(question.values)}", line)
        when[qid] = frozenset(values)
    verdict = entry.get("verdict")
    if verdict not in VERDICTS:
        raise fail(f"{what}: verdict '{verdict}' is not one of {', '.join(VERDICTS)}", line)
    answer = entry.get("answer")
    if not isinstance(answer, str) or not answer.strip():
        raise fail(f"{what}: 'answer' must be a non-empty paragraph", line)
    outcome = Outcome(
        verdict=verdict,
        answer=" ".join(answer.split()),
        cite=_strings(entry, "cite", what, line, fail),
        conditions=_strings(entry, "conditions", what, line, fail),
        route=_strings(entry, "route", what, line, fail),
        steps=_strings(entry, "steps", what, line, fail),
        contacts=_strings(entry, "contacts", what, line, fail),
        why_not_covered=" ".join(str(entry.get("why_not_covered", "")).split()),
    )
    if "why_not_covered" in entry and (
        verdict != "not-covered" or not isinstance(entry["why_not_covered"], str)
    ):
        raise fail(f"{what}: 'why_not_covered' is a paragraph, and only on a not-covered outcome", line)
    if not outcome.cite:
        raise fail(f"{what}: every outcome cites at least one clause ('cite')", line)
    if verdict == "conditional" and not outcome.conditions:
        raise fail(f"{what}: a conditional outcome lists its 'conditions'", line)
    if verdict == "refer" and not outcome.route:
        raise fail(f"{what}: a refer outcome lists its 'route' (role keys, in order)", line)
    if verdict == "not-covered" and not outcome.contacts:
        raise fail(f"{what}: a not-covered outcome names whom to ask ('contacts')", line)
    reviewed = entry.get("reviewed", {})
    if not isinstance(reviewed, dict) or not all(isinstance(v, str) and v.strip() for v in reviewed.values()):
        raise fail(f"{what}: 'reviewed' maps a data check finding's id to the reason it does not apply", line)
    draft = _draft(entry, what, line, fail)
    return Rule(number, when, outcome, {k: " ".join(v.split()) for k, v in reviewed.items()}, draft)


def _draft(entry: dict[str, Any], what: str, line: Line, fail: Any) -> dict[str, Any] | None:
    """A drafted rule's marker: draft = { from = "thanet", rule = 3, evidence = [...] }, with
    reviewed_by / reviewed_at once a reviewer of this council accepted it (None: not a draft)."""
    raw = entry.get("draft")
    for key in ("reviewed_by", "reviewed_at"):
        if key in entry and (raw is None or not isinstance(entry[key], str) or not entry[key].strip()):
            raise fail(
                f"{what}: '{key}' is a non-empty string, and only on a drafted rule (draft = {{...}})", line
            )
    if raw is None:
        return None
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("from"), str)
        or not isinstance(raw.get("rule"), int)
        or not isinstance(raw.get("evidence", []), list)
    ):
        raise fail(f"{what}: 'draft' must be {{ from = PROTOCOL, rule = N, evidence = [...] }}", line)
    return {**raw, "reviewed_by": entry.get("reviewed_by"), "reviewed_at": entry.get("reviewed_at")}


def check_against(file: ScenarioFile, protocol: Protocol) -> None:
    """Cited clauses and role keys of this protocol's table exist in its clause data."""
    table = file.scenario.tables.get(protocol.id)
    if table is None:
        return
    path = file.source(protocol.id)[0]
    for rule in table.rules:
        line = file.line_of_rule(protocol.id, rule.number)
        what = f"rules.{protocol.id} rule {rule.number}"
        for label in rule.outcome.cite:
            if protocol.clause(label) is None:
                raise DataError(
                    path, f"{what}: cites '{label}', which is not a clause of {protocol.id}", line
                )
        for key in (*rule.outcome.route, *rule.outcome.contacts):
            if key not in protocol.roles:
                known = ", ".join(protocol.roles)
                raise DataError(path, f"{what}: role '{key}' is not in {protocol.id}'s roles ({known})", line)


class Catalogue:
    """The scenarios in a data folder (scenarios/<id>.toml), each parsed on first use, with a
    library's local folder over them (see Library)."""

    def __init__(self, root: Path, protocol_ids: list[str], library: Overlay | None = None) -> None:
        self.root = root
        self.protocol_ids = protocol_ids
        self.library = library
        self._files: dict[str, ScenarioFile] = {}
        self._ids: list[str] | None = None

    def ids(self) -> list[str]:
        if self._ids is None:
            folder = self.root / "scenarios"
            bundled = {p.stem for p in folder.glob("*.toml")} if folder.is_dir() else set()
            local = set(self.library.overlay_ids("scenarios")) if self.library is not None else set()
            self._ids = sorted(bundled | local)
        return self._ids

    def file(self, scenario_id: str) -> ScenarioFile:
        if scenario_id not in self._files:
            from protocol_cli.deciding.model import canonical

            scenario_id = canonical(scenario_id, self.ids())
        if scenario_id not in self._files:
            ids = self.ids()
            if scenario_id not in ids:
                from protocol_cli.deciding.model import unknown

                raise NotFound(unknown("scenario", scenario_id, ids))
            self._files[scenario_id] = self._load(scenario_id)
        return self._files[scenario_id]

    def _load(self, scenario_id: str) -> ScenarioFile:
        bundled = self.root / "scenarios" / f"{scenario_id}.toml"
        base = load_scenario(bundled, self.protocol_ids) if bundled.is_file() else None
        local = self.library.overlay_file("scenarios", scenario_id) if self.library is not None else None
        if local is None:
            assert base is not None
            return base
        try:
            return load_scenario(local, self.protocol_ids, base)
        except DataError as exc:
            if base is None:
                raise
            self.library.report(exc)  # (raises when strict)
            return base

    def get(self, scenario_id: str) -> Scenario:
        return self.file(scenario_id).scenario

    def all(self) -> list[Scenario]:
        """Every scenario; outside strict mode a broken local one is reported and left out."""
        out = []
        for sid in self.ids():
            try:
                out.append(self.get(sid))
            except DataError as exc:
                if self.library is None or self.library.strict:
                    raise
                self.library.report(exc)
        return out


SKELETON_HEAD = """\
# {id}: a new scenario. Fill in each part, then run `protocol data check`.
#
# A scenario is the questions that matter and, for each protocol, an ordered rule table: the
# first rule whose `when` holds decides. Every answer cites the clause(s) it rests on, deciding
# clause first, word for word in `protocol clauses show PROTOCOL:LABEL`.
#
# The verdict answers the person's actual question, as the protocol does, and the answer's first
# words say it (`protocol data check` checks both):
#   allowed      the act is permitted as described; duties while doing it go in `steps`.
#                The answer begins "Yes".
#   not-allowed  the act is not permitted. The answer begins "No".
#   conditional  permitted only if something the asker cannot settle now holds (someone else's
#                consent or permission, a fact still to be found out); each of `conditions` says
#                who or what settles it. A fact the asker knows is a question, not a condition.
#                The answer begins "Only if", "Yes, if" or "Yes, provided".
#   required     the protocol puts a duty on the asker (declare, notify in writing, make clear,
#                tell the chair): `contacts` say to whom, `steps` what to do. The answer begins
#                "Yes", "You must", "You should" or "You need to".
#   refer        someone else decides or handles it: `route` lists their roles in order. The
#                answer begins by naming who, never with "Yes" or "No".
#   not-covered  only where the protocol has no text on it: search first (`protocol clauses
#                search WORDS --council ID`) and use any clause that speaks to it. It cites the
#                protocol's "seek advice" clause, names whom to ask (`contacts`), begins "The
#                protocol does not say", and says in `why_not_covered` why none of what the
#                search finds answers it.
# A data check finding a reviewer judges not to apply to a rule is acknowledged in that rule:
#   reviewed = {{ contradicts-clause = "why it does not apply" }}

schema = 1
id = "{id}"
title = "A short title: what the question is about"
summary = \"\"\"One or two sentences saying which situations this scenario answers.\"\"\"
# Words people type for this scenario (`protocol ask "..."` finds it by them).
aliases = []

# One [[question]] per fact that decides the answer. Without `options` it is a yes/no question.
[[question]]
id = "first_question"
prompt = "The question as a person would be asked it?"
help = \"\"\"Why we ask: what in the protocols turns on the answer.\"\"\"
# options = [
#     {{ value = "one", label = "The first answer" }},
#     {{ value = "two", label = "The second answer" }},
# ]
"""

SKELETON_TABLE = """
# --- {pid} ({council}) {rule}
# Add rules above this last one, e.g.:
# [[rules.{pid}]]
# when = {{ first_question = "yes" }}
# verdict = "allowed"   # allowed, not-allowed, conditional, required, refer, not-covered
# answer = \"\"\"What the protocol says, in plain words.\"\"\"
# cite = ["LABEL"]
[[rules.{pid}]]
verdict = "not-covered"
answer = \"\"\"The protocol does not say (this table is not written yet); its advice clause says whom
to ask.\"\"\"
cite = ["{cite}"]
contacts = ["{contact}"]
why_not_covered = \"\"\"Not searched yet: run `protocol clauses search WORDS --council {pid}` and say
why none of what it finds answers the question (or write the rules it gives).\"\"\"
"""


def skeleton(scenario_id: str, protocols: list[Protocol]) -> str:
    """A commented scenario file that loads and passes `protocol data check` as it stands."""
    out = [SKELETON_HEAD.format(id=scenario_id)]
    for protocol in protocols:
        contact = (
            "monitoring_officer"
            if "monitoring_officer" in protocol.roles
            else next(iter(protocol.roles), None)
        )
        if not protocol.seek_advice or contact is None:
            out.append(
                f"\n# --- {protocol.id}: no table yet (its clause data names no seek_advice clause or "
                "no roles, which a not-covered answer needs)\n"
            )
            continue
        out.append(
            SKELETON_TABLE.format(
                pid=protocol.id,
                council=protocol.council,
                rule="-" * max(3, 80 - len(protocol.id) - len(protocol.council) - 9),
                cite=protocol.seek_advice[0],
                contact=contact,
            )
        )
    return "".join(out)
