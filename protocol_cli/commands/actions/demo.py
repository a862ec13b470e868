"""`protocol demo`: presenter mode, one question at a time to the cited answer."""

from __future__ import annotations

from protocol_cli.base.errors import Exit, ProtocolError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from protocol_cli.deciding.engine import Scenario, Table
    from protocol_cli.sources.library import Library
    from protocol_cli.sources.training import Case


def demo(
    target: str | None = None,
    council: str | None = None,
    answer: list[str] | None = None,
    auto: bool = False,
    delay: float = 2.0,
    compare: bool = False,
) -> None:
    import sys

    from protocol_cli.base.errors import EXIT_CANCELLED
    from protocol_cli.deciding import answers as answers_mod
    from protocol_cli.deciding import reports
    from protocol_cli.deciding.unsure import resolve
    from protocol_cli.drawing import views
    from protocol_cli.drawing.blocks import Gap
    from protocol_cli.drawing.output import screen
    from protocol_cli.drawing.terminal import detect
    from protocol_cli.sources.library import default_library

    term = detect()
    if not auto and not term.interactive:
        raise ProtocolError(
            "protocol demo moves on when you press Enter, which needs a terminal; add --auto to let it "
            "run by itself"
        )
    lib = default_library()
    out = screen(term)
    try:
        case = _case(lib, target, term.interactive and not auto)
        sc, protocol_id, given = _facts(lib, case, target, council)
        _, table, protocol = lib.table(sc.id, protocol_id)
        known = answers_mod.check(sc, {**given, **answers_mod.parse_pairs(answer or [])})
        found = resolve(sc, table, known)  # (answers "unsure": every value tried)
        if found.missing is not None and term.interactive and not auto:
            _ask_missing(sc, table, known)
            found = resolve(sc, table, known)
        if found.missing is not None:
            q = found.missing
            raise ProtocolError(
                f"not enough answers: {sc.id} under {protocol.id} needs '{q.id}' next ({q.prompt}); "
                f"add --answer {q.id}={'|'.join(q.values)}"
            )

        def pause() -> None:
            if auto:
                import time

                time.sleep(delay)
            else:
                out.write("Press Enter to go on", end="")
                input()

        heading = f"{sc.title} · {protocol.council}"
        out.draw(views.story(heading, case.id if case else sc.id, case.story if case else sc.summary))
        for n, qid in enumerate([q for q in found.asked if q in known], start=1):
            pause()
            question = sc.question(qid)
            assert question is not None
            out.draw(views.demo_question(n, reports.question_view(question), known[qid]))
        pause()
        data_version = reports.answer_data_version(protocol, lib.scenario_file(sc.id).digest)
        out.draw(views.answer(reports.resolved(sc, protocol, found, known, data_version)))
        if compare:
            pause()
            entries = [lib.table(sc.id, pid)[1:] for pid in sorted(sc.tables)]
            out.draw([Gap(), *views.comparison(reports.comparison(sc, entries, known))])
    except (KeyboardInterrupt, EOFError):
        sys.stderr.write("\nStopped.\n")
        raise Exit(EXIT_CANCELLED) from None


def _case(lib: Library, target: str | None, can_ask: bool) -> Case | None:
    """The training case named (or picked at a terminal), or None when target is a scenario."""
    from protocol_cli.sources import training

    cases = {c.id: c for c in training.load(lib)}
    if target is None:
        if not can_ask:
            raise ProtocolError(
                "give a training case or a scenario: protocol demo CASE|SCENARIO "
                f"(cases: {', '.join(list(cases)[:5])}, …; see data/training/)"
            )
        from protocol_cli.drawing import prompts

        titles = {sc.id: sc.title for sc in lib.catalogue.all()}
        picked = prompts.choose(
            "Which case?",
            [(c.id, f"{titles[c.scenario]} ({c.protocol}): {c.story[:60]}…") for c in cases.values()],
        )
        return cases[picked]
    return cases.get(target.strip())


def _facts(
    lib: Library, case: Case | None, target: str | None, council: str | None
) -> tuple[Scenario, str, dict[str, str]]:
    """The scenario, the protocol and the answers to present."""
    from protocol_cli.base.errors import NotFound
    from protocol_cli.commands.actions.ask import resolve_council

    if case is not None:
        protocol_id = lib.protocol(council.strip()).id if council else case.protocol
        return lib.scenario(case.scenario), protocol_id, dict(case.answers)
    assert target is not None
    try:
        sc = lib.scenario(target.strip())
    except NotFound:
        raise ProtocolError(
            f"'{target}' is neither a training case nor a scenario; see protocol scenarios list "
            "and data/training/"
        ) from None
    return sc, resolve_council(lib, council, interactive=False), {}


def _ask_missing(sc: Scenario, table: Table, known: dict[str, str]) -> None:
    """At a terminal, the presenter answers whatever the facts given do not settle."""
    import sys

    from protocol_cli.deciding.unsure import next_needed
    from protocol_cli.drawing import prompts

    while (question := next_needed(sc, table, known)) is not None:
        choice = prompts.ask_question(
            question,
            why=lambda q=question: q.help,
            can_go_back=False,
            show=lambda t: sys.stdout.write(t + "\n"),
        )
        if choice is not None:
            known[question.id] = choice
