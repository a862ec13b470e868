"""`protocol data check`: prove the data complete, consistent and fully cited."""

from __future__ import annotations

from pathlib import Path

from protocol_cli.errors import EXIT_FOUND, Exit, ProtocolError


def check(path: Path | None = None, json_out: bool = False) -> None:
    from protocol_cli import datacheck
    from protocol_cli.library import bundled_data_root, data_dir
    from protocol_cli.output import show

    overlay = data_dir() if path is None else None
    root = path or bundled_data_root()
    if not root.is_dir():
        raise ProtocolError(f"{root} is not a folder; give a data folder holding clauses/ and scenarios/")
    for part in ("clauses", "scenarios"):
        if not (root / part).is_dir():
            raise ProtocolError(
                f"{root} has no {part}/ folder; give a data folder holding clauses/ and scenarios/"
            )
    report = datacheck.check(root, overlay)
    report["bundled"] = path is None
    report["data_dir"] = str(overlay) if overlay else None
    show(report, "data_report", json_out=json_out)
    if not report["ok"]:
        raise Exit(EXIT_FOUND)


MAX_TEXT_BYTES = 20 * 1024 * 1024  # far beyond any protocol; a bigger file is not one


def import_(
    text_file: Path,
    protocol_id: str,
    council: str | None = None,
    output: Path | None = None,
    force: bool = False,
    json_out: bool = False,
) -> None:
    """`protocol data import`: a protocol's text as a clause file, checked by loading it back."""
    import tempfile

    from protocol_cli import importer
    from protocol_cli.library import load_protocol
    from protocol_cli.model import PROTOCOL_ID_RE
    from protocol_cli.output import show

    if not PROTOCOL_ID_RE.match(protocol_id):
        raise ProtocolError(
            f"--id '{protocol_id}' must be lower-case words joined by hyphens, e.g. my-council"
        )
    text = _read_text(text_file)
    target = _target(output, "clauses", protocol_id, force)
    data, report = importer.import_text(text, protocol_id, council, text_file.name)
    numbered = [c for c in data["clause"] if not c.get("assigned")]
    if not numbered and not [s for s in data["section"] if not s.get("assigned")]:
        raise ProtocolError(
            f"found no numbered sections or paragraphs in {text_file}; is it a protocol's text "
            "(numbered like 1., 1.1, 1.2 ...)?"
        )
    rendered = importer.render(data)
    with tempfile.TemporaryDirectory() as tmp:  # prove the file loads before it is written
        probe = Path(tmp) / f"{protocol_id}.toml"
        probe.write_text(rendered, encoding="utf-8")
        load_protocol(probe)
    if target is not None:
        from protocol_cli.files import write_output

        write_output(target, rendered.encode("utf-8"))
    else:
        import sys

        sys.stdout.write(rendered)
        sys.stderr.write(
            f"Imported {report.clauses} clauses in {report.sections} sections from {text_file} "
            "(give -o FILE or --data-dir DIR to write a file and see the full report)\n"
        )
        return
    view = {
        "id": protocol_id,
        "source": str(text_file),
        "written": str(target),
        "clauses": report.clauses,
        "sections": report.sections,
        "council": data["protocol"]["council"],
        "title_lines": report.title_lines,
        "roles": sorted(data["protocol"]["roles"]),
        "seek_advice": data["protocol"]["seek_advice"],
        "left_out": [{"line": n, "text": t, "why": w} for n, t, w in report.left_out],
        "notes": report.notes,
    }
    show(view, "import_report", json_out=json_out)


def new_scenario(scenario_id: str, output: Path | None = None, force: bool = False) -> None:
    """`protocol data new-scenario`: a commented skeleton that passes `protocol data check`."""
    import sys

    from protocol_cli.library import default_library
    from protocol_cli.scenarios import skeleton

    lib = default_library()
    from protocol_cli.model import PROTOCOL_ID_RE

    if not PROTOCOL_ID_RE.match(scenario_id):
        raise ProtocolError(f"scenario id '{scenario_id}' must be lower-case words joined by hyphens")
    if scenario_id in lib.catalogue.ids():
        raise ProtocolError(
            f"there is already a scenario '{scenario_id}'; choose another id (see: protocol scenarios list)"
        )
    target = _target(output, "scenarios", scenario_id, force)
    text = skeleton(scenario_id, lib.protocols())
    if target is None:
        sys.stdout.write(text)
        return
    from protocol_cli.files import write_output

    write_output(target, text.encode("utf-8"))
    sys.stderr.write(f"Wrote {target}; fill it in, then run: protocol data check\n")


def _read_text(path: Path) -> str:
    if path.is_dir():
        raise ProtocolError(f"{path} is a folder; give the protocol's text file")
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise ProtocolError(f"{path} is {size // (1024 * 1024)} MB: too large for a protocol's text")
        raw = path.read_bytes()
    except OSError as exc:
        raise ProtocolError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise ProtocolError(f"{path} is empty")
    if b"\x00" in raw:
        raise ProtocolError(
            f"{path} does not look like text (it holds NUL bytes); export the protocol as text"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProtocolError(
            f"{path} is not UTF-8 text (line {line}); save it as UTF-8 and try again"
        ) from exc


def _target(output: Path | None, part: str, item_id: str, force: bool) -> Path | None:
    """Where a new data file goes: -o, else the local data folder, else stdout (None)."""
    from protocol_cli.library import data_dir

    if output is not None and str(output) == "-":
        return None
    if output is None:
        folder = data_dir(create=True)
        if folder is None:
            return None
        try:
            (folder / part).mkdir(exist_ok=True)
        except OSError as exc:
            raise ProtocolError(f"cannot make {folder / part}: {exc.strerror or exc}") from exc
        output = folder / part / f"{item_id}.toml"
    if output.exists() and not force:
        raise ProtocolError(f"{output} already exists; add --force to replace it")
    return output
