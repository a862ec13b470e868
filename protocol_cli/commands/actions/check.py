"""`protocol check FILE… | -`: many questions at once, from a clerk's spreadsheet or a script."""

from __future__ import annotations

import sys
from pathlib import Path

from protocol_cli.base.errors import Exit, ProtocolError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.sources.batch import Result
    from protocol_cli.sources.batch_input import Source


EXIT_NOT_SAVED = 3


def check(
    files: list[str],
    input_format: str | None = None,
    fmt: str | None = None,
    output: Path | None = None,
    council: str | None = None,
    scenario: str | None = None,
    fail_on: str = "mismatch,incomplete,error",
    quiet: bool = False,
    audit: bool = False,
    strict: bool = False,
) -> None:
    from protocol_cli.base.errors import EXIT_FOUND
    from protocol_cli.drawing import batch_output
    from protocol_cli.drawing.terminal import detect
    from protocol_cli.sources import batch, batch_input
    from protocol_cli.sources.library import default_library

    failing = _fail_on(fail_on)
    term = detect()
    out_format = fmt or _format_for(output, term.stdout_tty)
    lib = default_library()
    if council:
        lib.protocol(council.strip())
    if scenario:
        lib.scenario(scenario.strip())
    checker = batch.Checker(lib, council and council.strip(), scenario and scenario.strip(), strict)
    stdin = sys.stdin.buffer if sys.stdin is not None else None
    if stdin is None and "-" in files:
        raise ProtocolError("standard input is closed, so '-' has nothing to read; give a file instead")
    sources = [batch_input.Source.open(name, stdin) for name in files]  # every file readable, before any work
    counts = dict.fromkeys(batch.STATUSES, 0)
    recorder = _Recorder() if audit else None
    sink = _Sink(output)
    try:
        readers = [  # (a CSV file's header is read now: its columns are known before any row)
            batch_input.rows(s, batch_input.detect_format(s.name, input_format, s.peek())) for s in sources
        ]
        csv_readers = [r for r in readers if isinstance(r, batch_input.CsvRows)]
        if strict:
            _refuse_unknown_columns(checker, csv_readers, sources)
        columns = None
        if len(csv_readers) == len(readers):
            columns = list(dict.fromkeys(c for r in csv_readers for c in r.columns))
        write = batch_output.writer(out_format, sink.stream, columns, **_table_widths(lib, term.width))
        write.start()
        from protocol_cli.drawing.progress import BatchProgress

        with BatchProgress(sources, quiet, term.stderr_tty) as tick:
            for rows in readers:
                check_row, write_row = checker.check, write.write
                for n, row in enumerate(rows, start=1):
                    result = check_row(row)
                    counts[result.decision.status] += 1
                    write_row(result)
                    if recorder is not None and result.decision.status in ("ok", "mismatch"):
                        recorder.save(lib, result)
                    if n & 2047 == 0:
                        tick()
        write.finish()
        sink.commit()
    except BaseException:
        sink.discard()  # nothing half-written: the output file appears whole or not at all
        raise
    finally:
        for source in sources:
            if source.stream is not stdin:
                source.stream.close()
    total = sum(counts.values())
    _warn_ignored(checker, csv_readers)
    if not quiet:
        parts = ", ".join(f"{counts[s]} {s}" for s in batch.STATUSES if counts[s])
        where = f"; results in {output}" if output else ""
        sys.stderr.write(f"{total} rows: {parts or 'nothing to check'}{where}\n")
    if recorder is not None:
        recorder.report(quiet)
        if recorder.failed:
            raise Exit(EXIT_NOT_SAVED)
    if any(counts[s] for s in failing):
        raise Exit(EXIT_FOUND)


def _refuse_unknown_columns(checker: Any, readers: list[Any], sources: list[Source]) -> None:
    """--strict: a column that no scenario asks about stops the run before any row is checked."""
    for reader in readers:
        unknown = [c for c in reader.columns if not checker.is_question(c)]
        if unknown:
            raise ProtocolError(
                f"{reader.source.name}: no scenario asks {', '.join(repr(c) for c in unknown)}; "
                "take out those columns, or leave out --strict to ignore them"
            )


def _warn_ignored(checker: Any, readers: list[Any]) -> None:
    """One line for what was ignored: answers no scenario asks about, cells under unnamed columns."""
    if checker.ignored:
        names = ", ".join(repr(c) for c in checker.ignored)
        sys.stderr.write(
            f"Warning: ignored {names}: no scenario has such a question (columns of your own notes "
            "are fine; --strict refuses them)\n"
        )
    for reader in readers:
        if reader.unnamed_values:
            sys.stderr.write(
                f"Warning: {reader.source.name}: ignored values in {reader.unnamed_values} rows under "
                "a column with no name in the header; name the column to keep them\n"
            )


def _table_widths(lib: Any, width: int) -> dict[str, int]:
    """The table's width, and room for the longest council and scenario ids (so none is cut)."""
    return {
        "width": width,
        "council_width": max(map(len, lib.protocol_ids()), default=10),
        "scenario_width": max(map(len, lib.catalogue.ids()), default=10),
    }


def _fail_on(text: str) -> set[str]:
    from protocol_cli.base.errors import ProtocolError
    from protocol_cli.sources.batch import STATUSES

    chosen = {s.strip().lower() for s in text.split(",") if s.strip()}
    if chosen == {"none"}:
        return set()
    wrong = chosen - set(STATUSES[1:])
    if wrong or not chosen:
        raise ProtocolError(
            f"--fail-on takes mismatch, incomplete, error (comma-separated) or none; got {text!r}"
        )
    return chosen


def _format_for(output: Path | None, tty: bool) -> str:
    if output is not None:
        return {".csv": "csv", ".json": "json", ".txt": "table"}.get(output.suffix.lower(), "jsonl")
    return "table" if tty else "jsonl"


class _Sink:
    """stdout, or a temp file beside FILE renamed into place only when every row is written."""

    def __init__(self, output: Path | None) -> None:
        self.output = output
        self.temp: Path | None = None
        if output is None:
            self.stream = sys.stdout
            return
        import tempfile

        from protocol_cli.base.errors import ProtocolError
        from protocol_cli.base.files import TEMP_PREFIX

        if output.is_dir():
            raise ProtocolError(f"{output} is a folder; give a file name for --output")
        try:
            fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=output.parent if str(output.parent) else ".")
        except OSError as exc:
            raise ProtocolError(f"cannot write {output}: {exc.strerror or exc}") from exc
        self.temp = Path(name)
        self.stream = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in commit/discard

    def commit(self) -> None:
        if self.temp is None or self.output is None:
            sys.stdout.flush()
            return
        import os

        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.chmod(self.temp, 0o644)
        os.replace(self.temp, self.output)

    def discard(self) -> None:
        if self.temp is not None:
            self.stream.close()
            self.temp.unlink(missing_ok=True)


class _Recorder:
    """One audit note per answered row, all with the same batch id."""

    def __init__(self) -> None:
        from protocol_cli.storage import notes

        self.batch = notes.batch_id()
        self.recorder = notes.Recorder()
        self.saved = 0
        self.failed: list[str] = []

    def save(self, lib: Any, result: Result) -> None:
        from protocol_cli.deciding import reports
        from protocol_cli.deciding.unsure import resolve

        d = result.decision
        scenario, table, protocol = lib.table(d.scenario, d.council)
        found = resolve(scenario, table, d.answers)  # (answers "unsure": the note records each branch)
        digest = lib.scenario_file(scenario.id).digest
        view = reports.resolved(
            scenario, protocol, found, d.answers, reports.answer_data_version(protocol, digest)
        )
        saved = self.recorder.save(view, note=f"{result.row.where} ({result.row.id})", batch=self.batch)
        if saved["saved"]:
            self.saved += 1
        else:
            self.failed.append(f"{result.row.where}: {saved['error']}")

    def report(self, quiet: bool) -> None:
        if not quiet:
            sys.stderr.write(f"{self.saved} audit notes saved, batch {self.batch}\n")
        if self.failed:
            sys.stderr.write(
                f"Warning: {len(self.failed)} audit notes were NOT saved; first: {self.failed[0]}\n"
            )
