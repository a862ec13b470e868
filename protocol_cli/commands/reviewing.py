"""`protocol data review ID`: a reviewer walks through a protocol's draft rules at a terminal.

Each draft rule (`draft = {...}` without `reviewed_by`, written by `protocol data draft`) is
shown with what it decides, its verdict and answer, the clauses it cites and the evidence it was
drafted on (the other protocol's clause, this protocol's match and the match score). The
reviewer accepts it, changes its verdict, changes its citation, or skips it. A decision is
saved to the file at once (sources/draft_rules.py: tomlkit, so the file's comments stay), with
reviewed_by (the reviewer's name) and reviewed_at (UTC time), after the file is loaded back to
prove it works.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from protocol_cli.base.errors import EXIT_CANCELLED, DataError, Exit, ProtocolError
from protocol_cli.sources.draft_rules import pending, save

ACTIONS = (
    ("accept", "Accept it as drafted"),
    ("verdict", "Change the verdict"),
    ("cite", "Change the citation"),
    ("skip", "Skip it for now"),
    ("quit", "Stop reviewing (decisions so far are saved)"),
)


def run(protocol_id: str, reviewer: str | None) -> None:
    from protocol_cli.drawing.terminal import detect
    from protocol_cli.sources.library import data_dir, default_library

    folder = data_dir()
    if folder is None:
        raise ProtocolError(
            "draft rules live in your data folder: give --data-dir DIR (or set PROTOCOL_DATA_DIR)"
        )
    lib = default_library()
    protocol = lib.protocol(protocol_id)
    todo = pending(folder, protocol.id)
    if not todo:
        sys.stdout.write(f"No draft rules for {protocol.id} wait for review in {folder / 'scenarios'}.\n")
        return
    if not detect().interactive:
        raise ProtocolError(
            f"protocol data review asks at each rule, so it needs a terminal; {len(todo)} draft rules for "
            f"{protocol.id} wait for review"
        )
    name = reviewer or _user()
    done = skipped = 0
    try:
        for k, (path, index) in enumerate(todo, start=1):
            outcome = _review_one(lib, protocol, path, index, k, len(todo), name)
            if outcome == "quit":
                break
            if outcome == "skip":
                skipped += 1
            else:
                done += 1
    except (KeyboardInterrupt, EOFError):
        sys.stderr.write("\nCancelled; the decisions made so far are saved.\n")
        raise Exit(EXIT_CANCELLED) from None
    left = len(pending(folder, protocol.id))
    sys.stdout.write(
        f"Reviewed {done}, skipped {skipped}; {left} draft rules for {protocol.id} still to review.\n"
    )


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown reviewer"


def _review_one(lib: Any, protocol: Any, path: Path, index: int, k: int, total: int, name: str) -> str:
    import datetime

    import tomlkit

    from protocol_cli.drawing import prompts

    text = path.read_text(encoding="utf-8")
    doc = tomlkit.parse(text)
    rule = doc["rules"][protocol.id][index]  # type: ignore[index]
    sid = path.stem
    scenario = lib.scenario(sid)
    when = rule.get("when", {})
    conditions = []
    for qid, value in when.items():
        q = scenario.question(qid)
        values = [value] if isinstance(value, str) else list(value)
        labels = " or ".join(q.label_of(v) for v in values) if q else ", ".join(values)
        conditions.append(f"{q.prompt if q else qid} — {labels}")
    draft = rule["draft"]
    source = lib.protocol(str(draft["from"]))

    def text_of(p: Any, label: str) -> str:
        clause = p.clause(label)
        return clause.text if clause is not None else "(no such clause)"

    card = {
        "heading": f"[{k}/{total}] {scenario.title} ({sid}), rule {index + 1} for {protocol.id}",
        "when": conditions,
        "verdict": str(rule["verdict"]),
        "answer": str(rule["answer"]),
        "cites": [
            (f"{protocol.id}:{label}", text_of(protocol, str(label))) for label in rule.get("cite", [])
        ],
        "drafted_from": [
            (f"{source.id}:{e['source']}", e["score"], text_of(source, str(e["source"])))
            for e in draft.get("evidence", [])
        ],
    }
    from protocol_cli.drawing import views
    from protocol_cli.drawing.output import screen

    screen().draw(views.review_rule(card))
    action = prompts.choose("What do you make of this rule?", ACTIONS)
    if action in ("skip", "quit"):
        return action
    if action == "verdict":
        _change_verdict(rule, protocol, prompts)
    elif action == "cite":
        rule["cite"] = _ask_labels(protocol, prompts)
    rule["reviewed_by"] = name
    rule["reviewed_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    try:
        save(path, text, tomlkit.dumps(doc), protocol.id)
    except DataError as exc:
        sys.stdout.write(f"Not saved: {exc.message}\n")
        return action
    sys.stdout.write(f"Saved: {action if action != 'accept' else 'accepted'} by {name}.\n")
    return action


def _change_verdict(rule: Any, protocol: Any, prompts: Any) -> None:
    from protocol_cli.deciding.engine import VERDICTS

    options = [(v, v) for v in VERDICTS if v != rule["verdict"]]
    verdict = prompts.choose("The verdict the protocol gives:", options)
    rule["verdict"] = verdict
    roles = [(k, r.name) for k, r in protocol.roles.items()]
    if verdict == "refer" and not rule.get("route"):
        rule["route"] = [prompts.choose("Who decides or handles it?", roles)]
    if verdict == "conditional" and not rule.get("conditions"):
        rule["conditions"] = [prompts.text("The condition (who or what settles it):") or "To be written"]
    if verdict == "not-covered":
        if not rule.get("contacts"):
            rule["contacts"] = [prompts.choose("Whom to ask?", roles)]
        if protocol.seek_advice:
            rule["cite"] = list(protocol.seek_advice[:1])
        rule["answer"] = "The protocol does not say. Its advice clause says whom to ask."
        rule["why_not_covered"] = prompts.text("Why none of what clause search finds answers it:") or (
            "Reviewed: no clause of this protocol speaks to it."
        )
    elif "why_not_covered" in rule:
        del rule["why_not_covered"]


def _ask_labels(protocol: Any, prompts: Any) -> list[str]:
    while True:
        given = prompts.text(
            f"Clause labels of {protocol.id} to cite, deciding clause first (e.g. 3.2, 3.4):"
        )
        labels = [x.strip() for x in given.replace(";", ",").split(",") if x.strip()]
        bad = [x for x in labels if protocol.clause(x) is None]
        if labels and not bad:
            return labels
        sys.stdout.write(
            f"  {', '.join(bad) if bad else 'Nothing given'}: "
            f"{'not a clause of ' + protocol.id if bad else 'give at least one label'} "
            f"(see: protocol clauses list {protocol.id})\n"
        )
