"""How well `protocol data draft` drafts: leave each bundled protocol out in turn.

    python tools/draft_leave_one_out.py [--json]

For each bundled protocol P: import P from its seed text (as a council would, with
`protocol data import`), draft its rule tables from the nearest of the other four protocols
(by clause similarity, as `protocol data draft` chooses), and compare each drafted rule with
P's bundled table. A drafted rule is compared on the answers it decides: its verdict agrees
when P's bundled table gives the same verdict for most of those answers, its citation agrees
when P's deciding rule cites (one of) the same clause labels for most of them.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"

from protocol_cli.deciding.engine import Table, decide  # noqa: E402
from protocol_cli.sources import drafting, importer  # noqa: E402
from protocol_cli.sources.library import Library, bundled_data_root, load_protocol  # noqa: E402
from protocol_cli.sources.scenarios import _rule  # noqa: E402

MAX_CASES = 400  # answer combinations tried per scenario (sampled beyond this)


def imported(pid: str, lib: Library, folder: Path):  # type: ignore[no-untyped-def]
    protocol = lib.protocol(pid)
    text = (SEEDS / protocol.seed_file).read_text(encoding="utf-8")
    data, _ = importer.import_text(text, pid, protocol.council, protocol.seed_file)
    path = folder / f"{pid}.toml"
    path.write_text(importer.render(data), encoding="utf-8")
    return load_protocol(path)


def as_table(scenario, pid: str, rules: list[dict]) -> Table:  # type: ignore[no-untyped-def]
    by_id = {q.id: q for q in scenario.questions}

    def fail(message: str, line: object = None) -> Exception:
        return ValueError(message)

    return Table(pid, tuple(_rule(r, n + 1, pid, by_id, None, fail) for n, r in enumerate(rules)))


def cases(scenario, tables: list[Table]):  # type: ignore[no-untyped-def]
    used = sorted({q for t in tables for r in t.rules for q in r.when})
    questions = [scenario.question(q) for q in used]
    combos = list(itertools.islice(itertools.product(*(q.values for q in questions)), 200_000))
    if len(combos) > MAX_CASES:
        combos = random.Random(15).sample(combos, MAX_CASES)
    return [dict(zip(used, combo, strict=True)) for combo in combos]


def measure(pid: str, lib: Library, folder: Path) -> dict[str, object]:
    target = imported(pid, lib, folder)
    others = [lib.protocol(p) for p in lib.protocol_ids() if p != pid]
    ranking = drafting.nearest(target, others)
    source = lib.protocol(ranking[0][0])
    scenarios = [s for s in lib.catalogue.all() if source.id in s.tables and pid in s.tables]
    stripped = [
        type(s)(
            s.id, s.title, s.summary, s.aliases, s.questions, {k: v for k, v in s.tables.items() if k != pid}
        )
        for s in scenarios
    ]
    drafted, _ = drafting.draft_all(stripped, source, target)
    rules = verdict_ok = cite_ok = both_ok = not_covered = 0
    for scenario, d in zip(scenarios, drafted, strict=True):
        table = as_table(scenario, pid, d.rules)
        bundled = scenario.tables[pid]
        tried = cases(scenario, [table, bundled])
        for rule in table.rules:
            decided = [a for a in tried if decide(table, a) is rule]
            if not decided:
                continue
            rules += 1
            not_covered += (
                rule.outcome.verdict == "not-covered"
                and d.rules[rule.number - 1]["draft"]
                and (scenario.tables[source.id].rules[rule.number - 1].outcome.verdict != "not-covered")
            )
            outcomes = [decide(bundled, a).outcome for a in decided]  # type: ignore[union-attr]
            v = sum(o.verdict == rule.outcome.verdict for o in outcomes) * 2 > len(outcomes)
            c = sum(bool(set(o.cite) & set(rule.outcome.cite)) for o in outcomes) * 2 > len(outcomes)
            verdict_ok += v
            cite_ok += c
            both_ok += v and c
    return {
        "protocol": pid,
        "drafted_from": source.id,
        "similarity": ranking[0][1],
        "rules": rules,
        "verdict_agrees": verdict_ok,
        "citation_agrees": cite_ok,
        "both_agree": both_ok,
        "not_covered_candidates": not_covered,
    }


def run() -> list[dict[str, object]]:
    lib = Library(bundled_data_root())
    with tempfile.TemporaryDirectory() as tmp:
        return [measure(pid, lib, Path(tmp)) for pid in lib.protocol_ids()]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    rows = run()
    if "--json" in args:
        print(json.dumps(rows, indent=1))
        return 0
    print("| left out | drafted from (similarity) | rules | verdict agrees | citation agrees | both |")
    print("|---|---|---:|---:|---:|---:|")
    total = {"rules": 0, "verdict_agrees": 0, "citation_agrees": 0, "both_agree": 0}
    for r in rows:
        n = int(r["rules"]) or 1  # type: ignore[call-overload]
        print(
            f"| {r['protocol']} | {r['drafted_from']} ({r['similarity']}) | {r['rules']} | "
            f"{r['verdict_agrees']} ({r['verdict_agrees'] / n:.0%}) | "  # type: ignore[operator]
            f"{r['citation_agrees']} ({r['citation_agrees'] / n:.0%}) | "  # type: ignore[operator]
            f"{r['both_agree']} ({r['both_agree'] / n:.0%}) |"  # type: ignore[operator]
        )
        for k in total:
            total[k] += int(r[k])  # type: ignore[call-overload]
    n = total["rules"] or 1
    print(
        f"| all | | {total['rules']} | {total['verdict_agrees']} ({total['verdict_agrees'] / n:.0%}) | "
        f"{total['citation_agrees']} ({total['citation_agrees'] / n:.0%}) | "
        f"{total['both_agree']} ({total['both_agree'] / n:.0%}) |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
