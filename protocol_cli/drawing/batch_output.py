"""Writing batch results row by row: a table for people, JSON, JSON lines or CSV for programs."""

from __future__ import annotations

import csv
import json

from protocol_cli.sources.batch import Result

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

FORMATS = ("table", "json", "jsonl", "csv")
# CSV output: the input's own columns first (so it can be checked again), then the results
CSV_INPUT = ("id", "council", "scenario", "expect", "expect_cite")
CSV_RESULTS = (
    *("status", "verdict", "cite", "cite_ok", "answer", "reason", "where", "depends_on", "branches"),
)


def branches_text(branches: list[dict]) -> str:
    """The cases an answer turns on ("unsure" answers), short: "consent=yes: allowed (9.1.12); …"."""
    parts = []
    for b in branches:
        case = " ".join(f"{q}={'|'.join(v)}" for q, v in b["answers"].items())
        cites = " ".join(c.split(":", 1)[1] for c in b["cite"])
        parts.append(f"{case}: {b['verdict']} ({cites})")
    return "; ".join(parts)


class Writer:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def start(self) -> None:
        pass

    def write(self, result: Result) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        pass


class JsonLines(Writer):
    def write(self, result: Result) -> None:
        self.out.write(result.json() + "\n")


class JsonList(Writer):
    """A JSON list, written as it goes: the rows are never all held at once."""

    first = True

    def start(self) -> None:
        self.out.write("[")

    def write(self, result: Result) -> None:
        self.out.write(("\n  " if self.first else ",\n  ") + result.json())
        self.first = False

    def finish(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")


class Csv(Writer):
    """CSV that can be checked again: the input's columns (each answer as given, and columns a
    person added, such as Notes), then the results. It starts with a BOM, as Excel's "CSV UTF-8"
    does, so Excel reads curly quotes and accents right.

    `columns` are the answer columns when the input's header names them (CSV input); otherwise
    they are learnt from the rows, which are held in a temporary file until the end.
    """

    def __init__(self, out: IO[str], columns: list[str] | None = None) -> None:
        super().__init__(out)
        self.columns = columns
        self.spool: Any = None

    def start(self) -> None:
        self.out.write("\ufeff")
        if self.columns is not None:
            self._header(self.columns)
        else:
            import tempfile

            # (closed in finish; a run stopped part-way leaves nothing, the output is discarded)
            self.spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
                max_size=8 << 20, mode="w+", encoding="utf-8"
            )
            self.seen: dict[str, None] = {}

    def _header(self, columns: list[str]) -> None:
        self.writer = csv.writer(self.out, lineterminator="\n")
        self.writer.writerow([*CSV_INPUT, *columns, "about", *CSV_RESULTS])
        self.columns = columns

    def _cells(self, result: Result, columns: list[str]) -> list[str]:
        row, d = result.row, result.decision
        about = row.about if isinstance(row.about, str) else json.dumps(row.about, ensure_ascii=False)
        return [
            row.id,
            d.council,
            d.scenario,
            d.expect or row.expect,
            " ".join(row.expect_cite),
            *(row.answers.get(c, "") for c in columns),
            about,
            d.status,
            d.verdict or "",
            " ".join(d.cite),
            {True: "yes", False: "no", None: ""}[d.cite_ok],
            d.answer or "",
            d.reason or "",
            row.where,
            " ".join(d.depends_on if d.branches else []),
            branches_text(d.branches),
        ]

    def write(self, result: Result) -> None:
        if self.spool is None:
            self.writer.writerow(self._cells(result, self.columns or []))
            return
        answers = result.row.answers
        self.seen.update(dict.fromkeys(answers))
        about = result.row.about
        self.spool.write(json.dumps([result.json(), answers, result.row.expect_cite, about]) + "\n")

    def finish(self) -> None:
        if self.spool is None:
            return
        from protocol_cli.sources.batch import Decision
        from protocol_cli.sources.batch_input import Row

        columns = list(self.seen)
        self._header(columns)
        self.spool.seek(0)
        for line in self.spool:
            data, answers, expect_cite, about = json.loads(line)
            d = json.loads(data)
            row = Row(d["where"], d["id"], expect=d.get("expect", ""), answers=answers)
            row.expect_cite, row.about = tuple(expect_cite), about
            decision = Decision(
                d["status"],
                d["council"],
                d["scenario"],
                verdict=d["verdict"],
                cite=d["cite"],
                answer=d["answer"],
                reason=d["reason"],
                expect=d.get("expect", ""),
                cite_ok=d["cite_ok"],
                depends_on=d.get("depends_on"),
                branches=d.get("branches"),
            )
            self.writer.writerow(self._cells(Result(row, decision), columns))
        self.spool.close()


class Table(Writer):
    """One row at a time, so a long run scrolls past without waiting for the end, in the
    terminal's width: ids are never cut (a long one pushes its line along), and the clauses
    cited and the reason go beside the row when they fit, else on the lines under it."""

    def __init__(
        self, out: IO[str], width: int = 80, council_width: int = 18, scenario_width: int = 19
    ) -> None:
        super().__init__(out)
        self.width = width
        # columns: id, status, verdict, council, scenario
        self.widths = (10, 11, 13, council_width + 2, scenario_width + 1)
        self.beside = sum(self.widths) + 24 <= width  # room for a useful column of cites beside
        self.narrow = sum(self.widths) - 1 > width  # council and scenario go on a line of their own

    def start(self) -> None:
        names = ["ID", "STATUS", "VERDICT", "COUNCIL", "SCENARIO"]
        if self.beside:
            names.append("CITES / REASON")
        self.out.write(self._line(names) + "\n")

    def _line(self, cells: list[str]) -> str:
        from protocol_cli.drawing.cells import ljust

        fixed = "".join(ljust(c, w) for c, w in zip(cells, self.widths, strict=False))
        tail = cells[len(self.widths)] if len(cells) > len(self.widths) else ""
        return (fixed + tail).rstrip()

    def write(self, result: Result) -> None:
        from protocol_cli.drawing.cells import ljust, wrap

        d = result.as_dict()
        cites = " ".join(c.split(":", 1)[1] for c in d["cite"])
        cases = f"[{branches_text(d['branches'])}]" if d.get("branches") else ""
        head = [d["id"], d["status"], d["verdict"] or "-", d["council"], d["scenario"]]
        lines: list[str] = []
        if self.beside:  # one line a row, the cites and reason wrapping in their column
            tail = "  ".join(part for part in (cites, cases, d["reason"] or "") if part)
            indent = " " * sum(self.widths)
            parts = wrap(tail, self.width - len(indent)) or [""]
            lines.append(self._line([*head, parts[0]]))
            lines += [indent + part for part in parts[1:]]
        else:  # under the row: what it cites, the cases it turns on, and the reason, each wrapped
            if self.narrow:
                lines.append(
                    "".join(ljust(c, w) for c, w in zip(head[:3], self.widths, strict=False)).rstrip()
                )
                lines.append(" " * 10 + f"{d['council']} · {d['scenario']}")
            else:
                lines.append(self._line(head))
            indent = " " * 10
            for part in (f"cites {cites}" if cites else "", cases, d["reason"] or ""):
                lines += wrap(part, self.width, indent) if part else []
        self.out.write("\n".join(lines) + "\n")


def writer(fmt: str, out: IO[str], columns: list[str] | None = None, **table: int) -> Writer:
    """A writer for the format; `columns`: the CSV input's answer columns (CSV output);
    `table`: width, council_width and scenario_width (table output)."""
    if fmt == "csv":
        return Csv(out, columns)
    if fmt == "table":
        return Table(out, **table)
    return {"jsonl": JsonLines, "json": JsonList}[fmt](out)
