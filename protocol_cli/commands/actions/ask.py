"""`protocol ask`: the interview and the cited answer."""

from __future__ import annotations

from pathlib import Path

from protocol_cli.base.errors import Exit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from protocol_cli.deciding.engine import Scenario, Table
    from protocol_cli.deciding.interview import Interview
    from protocol_cli.deciding.model import Protocol
    from protocol_cli.sources.library import Library


def run(
    text: list[str] | None = None,
    scenario: str | None = None,
    council: str | None = None,
    answer: list[str] | None = None,
    answers_file: Path | None = None,
    json_out: bool = False,
    explain: bool = False,
    no_input: bool = False,
    plain: bool = False,
    audit: bool | None = None,
    note: str | None = None,
) -> None:
    import sys

    from protocol_cli.base.errors import EXIT_CANCELLED, EXIT_USAGE
    from protocol_cli.deciding import answers as answers_mod
    from protocol_cli.deciding import interview as interviews
    from protocol_cli.deciding import reports
    from protocol_cli.drawing.output import emit_json, show
    from protocol_cli.drawing.terminal import detect
    from protocol_cli.sources.library import default_library

    term = detect()
    interactive = term.interactive and not no_input
    lib = default_library()
    given: dict[str, str] = {}
    if answers_file:
        from protocol_cli.sources.answer_file import read_file

        given = read_file(answers_file)
    given.update(answers_mod.parse_pairs(answer or []))
    try:
        from protocol_cli.commands.choosing import NO_SCENARIO, Chooser

        chooser = Chooser(lib, scenario, " ".join(text or []), interactive, json_out)
        scenario_id = chooser.first()  # from the words typed, or a list (commands/choosing.py)
        protocol_id = resolve_council(lib, council, interactive)
        if scenario_id == NO_SCENARIO:  # no scenario covers it: say so, and what the protocol has
            scenario_id = chooser.no_scenario(lib.protocol(protocol_id), json_out)
            if scenario_id is None:
                return
        while True:
            sc, table, protocol = lib.table(scenario_id, protocol_id)
            interview = interviews.Interview(sc, table, answers_mod.check(sc, given))
            if not interactive or _interview(interview, protocol, sc, table, chooser.can_return):
                break
            scenario_id = chooser.again()  # Back from the first question: choose again
    except (KeyboardInterrupt, EOFError):
        sys.stderr.write("\nCancelled.\n")
        raise Exit(EXIT_CANCELLED) from None

    from protocol_cli.deciding.unsure import resolve

    known = interview.current()
    found = resolve(sc, table, known)  # (with an answer "unsure", every value it could take is tried)
    if found.missing is not None:
        missing = [found.missing]
        if json_out:
            asked = [q for q in found.asked if q in known]
            emit_json(reports.incomplete(sc, protocol, missing, known, asked))
        else:
            q = missing[0]
            sys.stderr.write(
                f"Error: not enough answers: {sc.id} under {protocol.id} needs '{q.id}' next "
                f"({q.prompt}); "
                f"add --answer {q.id}={'|'.join(q.values)} (or {q.id}=unsure)\n"
            )
        raise Exit(EXIT_USAGE)
    file = lib.scenario_file(sc.id)
    data_version = reports.answer_data_version(protocol, file.digest)
    unused = reports.not_used(sc, table, known, found.asked)  # (answers given up front it did not need)
    explanation = reports.explanation(sc, table, known, found.rule) if explain else None
    if explanation is not None:
        explanation["not_used"] = unused
    view = reports.resolved(sc, protocol, found, known, data_version, explanation)
    keep = _audit_choice(audit, note, interactive)
    saved = None
    if keep == "yes" and json_out:  # (the JSON carries the note's id, so it is saved first)
        from protocol_cli.storage import notes

        saved = notes.save(view, note or "")
        view["audit"] = saved
    show(view, "answer", json_out=json_out, plain=plain)
    if keep == "yes" and not json_out:  # a note only of an answer the person has been shown
        from protocol_cli.storage import notes

        saved = notes.save(view, note or "")
    if unused:
        sys.stderr.write(reports.not_used_line(protocol, unused) + "\n")
    if keep == "ask":
        try:
            saved = _ask_and_save(view)
        except (KeyboardInterrupt, EOFError):
            sys.stderr.write("\nNo audit note saved.\n")
            raise Exit(EXIT_CANCELLED) from None
    if saved is not None:
        if saved.get("saved"):
            sys.stderr.write(f"Audit note {saved['id']} saved: {saved['path']}\n")
        else:
            sys.stderr.write(f"Warning: the audit note was NOT saved: {saved['error']}\n")
            raise Exit(EXIT_NOT_SAVED)


EXIT_NOT_SAVED = 3  # the answer was given but its audit note could not be saved (README: exit codes)


def _audit_choice(flag: bool | None, note: str | None, interactive: bool) -> str:
    """'yes', 'no' or 'ask': the --audit/--no-audit flag, else --note, else the audit setting."""
    from protocol_cli.storage import settings

    if flag is not None:
        return "yes" if flag else "no"
    if note:
        return "yes"
    mode = settings.get("audit").value
    if mode == "always":
        return "yes"
    if mode == "ask" and interactive:
        return "ask"
    return "no"


def _ask_and_save(view: dict) -> dict | None:
    from protocol_cli.drawing import prompts

    if not prompts.confirm("Save an audit note of this decision?", default=True):
        return None
    from protocol_cli.storage import notes

    return notes.save(view, prompts.text("A note for the record (optional, Enter to skip):"))


def resolve_council(lib: Library, council: str | None, interactive: bool) -> str:
    from protocol_cli.base.errors import ProtocolError
    from protocol_cli.storage import settings

    if council:
        return lib.protocol(council.strip()).id
    remembered = settings.get("council").value
    if remembered:
        return lib.protocol(remembered).id
    ids = lib.protocol_ids()
    if interactive:
        from protocol_cli.drawing import prompts

        chosen = prompts.choose(
            "Which council's protocol?", [(p.id, f"{p.council}: {p.title}") for p in lib.protocols()]
        )
        if prompts.confirm(
            f"Remember {chosen} as your council? (change it: protocol config set council ID)", True
        ):
            settings.set_value("council", chosen)
        return chosen
    raise ProtocolError(
        "which council? give --council, set PROTOCOL_COUNCIL, or run: protocol config set council ID "
        f"(one of: {', '.join(ids)})"
    )


def _interview(
    interview: Interview, protocol: Protocol, scenario: Scenario, table: Table, can_leave: bool = False
) -> bool:
    """Ask on the terminal until the outcome is certain; Back undoes the last answer. With
    can_leave, Back from the first question leaves the interview: returns False (else True)."""
    import sys

    from protocol_cli.deciding import reports
    from protocol_cli.drawing import prompts

    sys.stdout.write(f"{scenario.title}, under {protocol.council}'s protocol\n")
    while (question := interview.next()) is not None:
        choice = prompts.ask_question(
            question,
            why=lambda q=question: reports.why_we_ask(scenario, table, protocol, q, interview.current()),
            can_go_back=bool(interview.asked) or can_leave,
            show=lambda text: sys.stdout.write(text + "\n\n"),
            back_label=None if interview.asked else "← Back to the choice of scenario",
        )
        if choice is None:
            if not interview.asked:
                return False
            interview.back()
        else:
            interview.answer(question, choice)
    return True
