"""Writing batch results row by row: a table for people, JSON, JSON lines or CSV for programs."""

from __future__ import annotations

import csv
from typing import IO

from protocol_cli.batch import Result

FORMATS = ("table", "json", "jsonl", "csv")
CSV_FIELDS = ["id", "council", "scenario", "status", "verdict", "cite", "answer", "reason", "where", "expect"]


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
    def start(self) -> None:
        self.writer = csv.DictWriter(
            self.out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n"
        )
        self.writer.writeheader()

    def write(self, result: Result) -> None:
        row = result.as_dict()
        row["cite"] = " ".join(row["cite"])
        self.writer.writerow(row)


class Table(Writer):
    """Fixed columns, one line a row, so a long run scrolls past without waiting for the end."""

    WIDTHS = (10, 19, 20, 11, 12)

    def start(self) -> None:
        self.out.write(self._line(["ID", "COUNCIL", "SCENARIO", "STATUS", "VERDICT", "CITES / REASON"]))

    def _line(self, cells: list[str]) -> str:
        fixed = "".join(c[: w - 1].ljust(w) for c, w in zip(cells, self.WIDTHS, strict=False))
        return (fixed + cells[-1]).rstrip() + "\n"

    def write(self, result: Result) -> None:
        d = result.as_dict()
        tail = " ".join(c.split(":", 1)[1] for c in d["cite"])
        if d["reason"]:
            tail = (tail + "  " if tail else "") + d["reason"]
        self.out.write(
            self._line([d["id"], d["council"], d["scenario"], d["status"], d["verdict"] or "-", tail])
        )


def writer(fmt: str, out: IO[str]) -> Writer:
    return {"jsonl": JsonLines, "json": JsonList, "csv": Csv, "table": Table}[fmt](out)
