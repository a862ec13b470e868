"""`protocol compare SCENARIO`: the same facts under every protocol, side by side."""

from __future__ import annotations

from pathlib import Path

from protocol_cli.base.errors import Exit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from protocol_cli.deciding.engine import Scenario, Table
    from protocol_cli.deciding.model import Protocol


def compare(
    scenario: str,
    answer: list[str] | None = None,
    answers_file: Path | None = None,
    council: list[str] | None = None,
    json_out: bool = False,
    plain: bool = False,
    no_input: bool = False,
) -> None:
    import sys

    from protocol_cli.base.errors import EXIT_CANCELLED
    from protocol_cli.deciding import answers as answers_mod
    from protocol_cli.deciding import reports
    from protocol_cli.drawing.output import show
    from protocol_cli.drawing.terminal import detect
    from protocol_cli.sources.library import default_library

    lib = default_library()
    sc = lib.scenario(scenario.strip())
    ids = [lib.protocol(c.strip()).id for c in council] if council else sorted(sc.tables)
    if not council:  # say which protocols are left out, and how they get tables
        for pid in (p for p in lib.protocol_ids() if p not in sc.tables):
            sys.stderr.write(
                f"Note: {pid} is left out: it has no rules for '{sc.id}' yet "
                f"(draft them with: protocol data draft {pid})\n"
            )
    entries = []
    for pid in dict.fromkeys(ids):
        _, table, protocol = lib.table(sc.id, pid)
        entries.append((table, protocol))
    given: dict[str, str] = {}
    if answers_file:
        from protocol_cli.sources.answer_file import read_file

        given = read_file(answers_file)
    given.update(answers_mod.parse_pairs(answer or []))
    known = answers_mod.check(sc, given)
    if detect().interactive and not no_input:
        try:
            _ask_missing(sc, entries, known)
        except (KeyboardInterrupt, EOFError):
            sys.stderr.write("\nCancelled.\n")
            raise Exit(EXIT_CANCELLED) from None
    view = reports.comparison(sc, entries, known)
    show(view, "comparison", json_out=json_out, plain=plain)
    _refuse_missing(sc, view)


def _refuse_missing(scenario: Scenario, view: dict) -> None:
    """Answers still missing (no terminal, or --no-input): after the partial comparison, one line
    naming each question still needed and by whom, and exit 2, as `ask` does."""
    import sys

    from protocol_cli.base.errors import EXIT_USAGE

    needed: dict[str, list[str]] = {}
    for row in view["rows"]:
        for qid in row["missing"]:
            needed.setdefault(qid, []).append(row["protocol"])
    if not needed:
        return
    parts = []
    for qid, protocols in sorted(needed.items(), key=lambda item: scenario.order[item[0]]):
        question = scenario.question(qid)
        values = "|".join(question.values) if question is not None else "VALUE"
        parts.append(f"--answer {qid}={values} ({', '.join(protocols)})")
    sys.stderr.write(
        f"Error: not enough answers: {scenario.id} still needs, under some protocols: "
        f"{'; '.join(parts)} (or QUESTION=unsure)\n"
    )
    raise Exit(EXIT_USAGE)


def _ask_missing(scenario: Scenario, entries: list[tuple[Table, Protocol]], known: dict[str, str]) -> None:
    """Ask each question some protocol still needs, once, in the scenario's order."""
    import sys

    from protocol_cli.deciding.unsure import next_needed
    from protocol_cli.drawing import prompts

    order = scenario.order
    while True:
        needed = {q.id: q for table, _ in entries if (q := next_needed(scenario, table, known)) is not None}
        if not needed:
            return
        for qid in sorted(needed, key=order.__getitem__):
            question = needed[qid]
            choice = prompts.ask_question(
                question,
                why=lambda q=question: q.help,
                can_go_back=False,
                show=lambda text: sys.stdout.write(text + "\n\n"),
            )
            if choice is not None:  # (there is no Back here: each question is asked once)
                known[qid] = choice
