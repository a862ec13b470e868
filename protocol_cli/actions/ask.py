"""`protocol ask`: the interview and the cited answer."""

from __future__ import annotations

from pathlib import Path

from protocol_cli.errors import Exit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from protocol_cli.engine import Interview, Scenario, Table
    from protocol_cli.library import Library
    from protocol_cli.model import Protocol


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

    from protocol_cli import answers as answers_mod
    from protocol_cli import engine, views
    from protocol_cli.errors import EXIT_CANCELLED, EXIT_USAGE
    from protocol_cli.library import default_library
    from protocol_cli.output import emit_json, show
    from protocol_cli.terminal import detect

    term = detect()
    interactive = term.interactive and not no_input
    lib = default_library()
    given = answers_mod.read_file(answers_file) if answers_file else {}
    given.update(answers_mod.parse_pairs(answer or []))
    try:
        scenario_id = _scenario(lib, scenario, " ".join(text or []), interactive)
        protocol_id = resolve_council(lib, council, interactive)
        sc, table, protocol = lib.table(scenario_id, protocol_id)
        interview = engine.Interview(sc, table, answers_mod.check(sc, given))
        if interactive:
            _interview(interview, protocol, sc, table)
    except (KeyboardInterrupt, EOFError):
        sys.stderr.write("\nCancelled.\n")
        raise Exit(EXIT_CANCELLED) from None

    known = interview.current()
    asked, rule = engine.path(sc, table, known)
    if rule is None:
        missing = [q for q in [interview.next()] if q is not None]
        if json_out:
            emit_json(views.incomplete(sc, protocol, missing, known, asked[:-1]))
        else:
            q = missing[0]
            sys.stderr.write(
                f"Error: not enough answers: {sc.id} under {protocol.id} needs '{q.id}' next "
                f"({q.prompt}); "
                f"add --answer {q.id}={'|'.join(q.values)}\n"
            )
        raise Exit(EXIT_USAGE)
    file = lib.scenario_file(sc.id)
    data_version = views.answer_data_version(protocol, file.digest)
    explanation = views.explanation(sc, table, known) if explain else None
    view = views.answered(sc, protocol, rule, known, asked, data_version, explanation)
    keep = _audit_choice(audit, note, interactive)
    saved = None
    if keep == "yes":
        from protocol_cli import notes

        saved = notes.save(view, note or "")
    if saved is not None:
        view["audit"] = saved
    show(view, "answer", json_out=json_out, plain=plain)
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
    from protocol_cli import settings

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
    from protocol_cli import prompts

    if not prompts.confirm("Save an audit note of this decision?", default=True):
        return None
    from protocol_cli import notes

    return notes.save(view, prompts.text("A note for the record (optional, Enter to skip):"))


def _scenario(lib: Library, scenario: str | None, text: str, interactive: bool) -> str:
    from protocol_cli.errors import ProtocolError

    catalogue = lib.catalogue
    if scenario:
        return catalogue.get(scenario.strip()).id
    ids = catalogue.ids()
    if not text.strip():
        if interactive:
            return _choose_scenario(lib, "What is your question about?", catalogue.all())
        raise ProtocolError(
            f'say what your question is about (protocol ask "can I copy this email?") '
            f"or give --scenario, one of: {', '.join(ids)}"
        )
    from protocol_cli.matching import best

    found = best(text, catalogue.all())
    if len(found) == 1:
        return found[0].id
    if found:
        if interactive:
            return _choose_scenario(lib, f"'{text}' could be one of these; which?", found)
        raise ProtocolError(
            f"'{text}' could mean: {', '.join(s.id for s in found)}; choose one with --scenario"
        )
    if interactive:
        return _choose_scenario(lib, f"No scenario matches '{text}'. Choose one:", catalogue.all())
    raise ProtocolError(f"no scenario matches '{text}'; choose one with --scenario: {', '.join(ids)}")


def _choose_scenario(lib: Library, message: str, scenarios: list[Scenario]) -> str:
    from protocol_cli import prompts

    return prompts.choose(message, [(s.id, f"{s.title}: {s.summary.split('.')[0]}") for s in scenarios])


def resolve_council(lib: Library, council: str | None, interactive: bool) -> str:
    from protocol_cli import settings
    from protocol_cli.errors import ProtocolError

    if council:
        return lib.protocol(council.strip()).id
    remembered = settings.get("council").value
    if remembered:
        return lib.protocol(remembered).id
    ids = lib.protocol_ids()
    if interactive:
        from protocol_cli import prompts

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


def _interview(interview: Interview, protocol: Protocol, scenario: Scenario, table: Table) -> None:
    """Ask on the terminal until the outcome is certain; Back undoes the last answer."""
    import sys

    from protocol_cli import prompts, views

    sys.stdout.write(f"{scenario.title}, under {protocol.council}'s protocol\n")
    while (question := interview.next()) is not None:
        choice = prompts.ask_question(
            question,
            why=lambda q=question: views.why_we_ask(scenario, table, protocol, q, interview.current()),
            can_go_back=bool(interview.asked),
            show=lambda text: sys.stdout.write(text + "\n\n"),
        )
        if choice is None:
            interview.back()
        else:
            interview.answer(question, choice)
