"""`protocol train`: a quiz from the training cases; commit to an answer, then see the protocol's."""

from __future__ import annotations

from protocol_cli.base.errors import Exit, ProtocolError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.drawing.output import Screen
    from protocol_cli.sources.library import Library
    from protocol_cli.sources.training import Case


def train(
    council: str | None = None,
    scenario: str | None = None,
    rounds: int = 10,
    seed: int | None = None,
    json_out: bool = False,
) -> None:
    import random
    import sys

    from protocol_cli.base.errors import EXIT_CANCELLED
    from protocol_cli.drawing.output import emit_json
    from protocol_cli.sources import training
    from protocol_cli.sources.library import default_library

    if rounds < 1:
        raise ProtocolError(f"--rounds must be 1 or more (got {rounds})")
    out = _console(json_out)
    lib = default_library()
    council_id = lib.protocol(council.strip()).id if council else None
    scenario_id = lib.scenario(scenario.strip()).id if scenario else None
    if seed is None:
        seed = random.SystemRandom().randrange(1, 100_000)
    cases = training.select(training.load(lib), council_id, scenario_id, rounds, seed)
    if not cases:
        raise ProtocolError(
            f"no training cases for {' and '.join(x for x in (council_id, scenario_id) if x)}; "
            "drop --council or --scenario, or add cases to data/training/"
        )
    results: list[dict[str, Any]] = []
    from protocol_cli.drawing import prompts, views

    try:
        for n, case in enumerate(cases, start=1):
            results.append(_round(out, lib, case, n, len(cases), seed, json_out))
            if n < len(cases):  # time to read the reveal before the next story scrolls it away
                prompts.pause("Press Enter for the next case", to_stderr=json_out)
    except (KeyboardInterrupt, EOFError):
        sys.stderr.write(f"\nCancelled after {len(results)} of {len(cases)} cases.\n")
        if results:  # the score so far is still worth seeing
            out.draw(views.score(training.summary(results), seed))
        raise Exit(EXIT_CANCELLED) from None
    summary = training.summary(results)
    out.draw(views.score(summary, seed))
    if json_out:
        emit_json(
            {
                "seed": seed,
                "council": council_id,
                "scenario": scenario_id,
                "results": results,
                "summary": summary,
            }
        )


def _console(json_out: bool) -> Screen:
    """Where the quiz is drawn: stdout, or stderr when stdout carries the --json results."""
    from protocol_cli.drawing.terminal import detect

    term = detect()
    interactive = term.interactive_on_stderr if json_out else term.interactive
    if not interactive:
        raise ProtocolError(
            "protocol train is a quiz and needs a terminal to ask its questions; run it in a "
            "terminal (to show a case without one: protocol demo CASE --auto)"
        )
    from protocol_cli.drawing.output import screen

    return screen(term, stderr=json_out)


def _round(
    out: Screen, lib: Library, case: Case, n: int, total: int, seed: int, json_out: bool
) -> dict[str, Any]:
    """One case: the story, the learner's answer (and route), then the protocol's answer."""
    from protocol_cli.base.errors import DataError
    from protocol_cli.deciding import engine, reports
    from protocol_cli.drawing import prompts, views
    from protocol_cli.sources import training

    sc, table, protocol = lib.table(case.scenario, case.protocol)
    _, rule = engine.path(sc, table, case.answers)
    if rule is None:
        raise DataError(case.path, f"training case {case.id}: its answers do not reach an answer", case.line)
    out.draw(views.story(f"Case {n} of {total}: {sc.title}", protocol.council, case.story))
    labels = dict(training.VERDICT_CHOICES)
    chosen = prompts.choose("What does the protocol say?", training.VERDICT_CHOICES, to_stderr=json_out)
    outcome = rule.outcome
    route = reports.role_names(protocol, outcome.route)
    route_chosen = None
    route_right = None
    if outcome.verdict == "refer" and outcome.route:
        keys = training.route_options(list(protocol.roles), outcome.route[0], seed, case.id)
        # sentence case in the list: the protocols write "group leader" beside "Monitoring Officer"
        options = [(k, _sentence_case(protocol.roles[k].name)) for k in keys]
        pick = prompts.choose("Who would you go to first?", options, to_stderr=json_out)
        route_chosen = protocol.roles[pick].name
        route_right = pick == outcome.route[0]
    result = {
        "case": case.id,
        "scenario": sc.id,
        "title": sc.title,
        "council": protocol.id,
        "chosen": chosen,
        "chosen_label": labels[chosen],
        "verdict": outcome.verdict,
        "route": route,
        "route_chosen": route_chosen,
        "right": training.mark(outcome.verdict, chosen, route_right),
        "why": reports.first_sentence(outcome.answer),
        "cite": [f"{protocol.id}:{c}" for c in outcome.cite],
    }
    # the deciding clause, and the next (often the item a lead-in clause introduces)
    out.draw(views.reveal(result, [reports.citation(protocol, label) for label in outcome.cite[:2]]))
    return result


def _sentence_case(name: str) -> str:
    return name[:1].upper() + name[1:]
