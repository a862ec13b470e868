"""`protocol data check`: prove the data complete, consistent and fully cited."""

from __future__ import annotations

from pathlib import Path

from protocol_cli.base.errors import EXIT_FOUND, DataError, Exit, ProtocolError


def check(path: Path | None = None, json_out: bool = False) -> None:
    from protocol_cli.drawing.output import show
    from protocol_cli.sources import datacheck
    from protocol_cli.sources.library import bundled_data_root, data_dir

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

    from protocol_cli.deciding.model import PROTOCOL_ID_RE
    from protocol_cli.drawing.output import show
    from protocol_cli.sources import importer
    from protocol_cli.sources.library import load_protocol

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
            "(numbered like 1., 2., 3. or 1.1, 1.2 ...)?"
        )
    rendered = importer.render(data)
    with tempfile.TemporaryDirectory() as tmp:  # prove the file loads before it is written
        probe = Path(tmp) / f"{protocol_id}.toml"
        probe.write_text(rendered, encoding="utf-8")
        try:
            load_protocol(probe)
        except DataError as exc:  # a fault of ours, not the person's: say so, name their file
            raise ProtocolError(
                f"the import of {text_file} made clause data that does not load "
                f"({exc.message.split(': ', 1)[-1]}); "
                "nothing was written — please report this with the file"
            ) from exc
    if target is not None:
        from protocol_cli.base.files import write_output

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
        "checks": report.checks,
        "notes": report.notes,
    }
    show(view, "import_report", json_out=json_out)


def new_scenario(scenario_id: str, output: Path | None = None, force: bool = False) -> None:
    """`protocol data new-scenario`: a commented skeleton that passes `protocol data check`."""
    import sys

    from protocol_cli.sources.library import default_library
    from protocol_cli.sources.scenarios import skeleton

    lib = default_library()
    from protocol_cli.deciding.model import PROTOCOL_ID_RE

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
    from protocol_cli.base.files import write_output

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
    from protocol_cli.sources import documents

    kind = documents.kind_of(path, raw)
    if kind == "pdf":
        return documents.read_pdf(path)
    if kind == "docx":
        return documents.read_docx(path)
    if kind == "html":
        return documents.read_html(raw)
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
    from protocol_cli.sources.library import data_dir

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


def draft(protocol_id: str, like: str | None = None, show_all: bool = False, json_out: bool = False) -> None:
    """`protocol data draft`: rule tables for a protocol drafted from a similar one, written to
    the local data folder as files adding tables to the bundled scenarios."""
    from protocol_cli.drawing.output import show
    from protocol_cli.sources import drafting
    from protocol_cli.sources.library import data_dir, default_library

    folder = data_dir(create=True)
    if folder is None:
        raise ProtocolError(
            "drafted tables are written to your data folder: give --data-dir DIR (or set PROTOCOL_DATA_DIR)"
        )
    lib = default_library()
    target = lib.protocol(protocol_id)
    scenarios = lib.catalogue.all()
    with_tables = {pid for s in scenarios for pid in s.tables}
    candidates = [lib.protocol(p) for p in lib.protocol_ids() if p != target.id and p in with_tables]
    ranking = drafting.nearest(target, candidates)
    if like is not None:
        source = lib.protocol(like)
        if source.id == target.id:
            raise ProtocolError(
                f"--like names {target.id} itself; name another protocol (see: protocol councils)"
            )
    elif ranking:
        source = lib.protocol(ranking[0][0])
    else:
        raise ProtocolError("no other protocol has rule tables to draft from")
    drafted, roles = drafting.draft_all(scenarios, source, target)
    added = {k: v for k, v in roles.items() if k not in target.roles}
    written = _write_drafts(folder, target, source, drafted, added)
    view = {
        "protocol": target.id,
        "drafted_from": source.id,
        "similarity": [{"id": pid, "score": score} for pid, score in ranking],
        "roles_added": added,
        "scenarios": [
            {
                "id": d.scenario,
                "rules": len(d.rules),
                "not_covered_candidates": d.not_covered,
                "written": written.get(d.scenario, ""),
                "skipped": d.skipped,
            }
            for d in drafted
        ],
        "rules": [
            {
                "scenario": d.scenario,
                "rule": n,
                "verdict": r["verdict"],
                "evidence": [
                    {
                        **e,
                        "source_text": _text(source, e["source"]),
                        "clause_text": _text(target, e["clause"]) if e["clause"] else "",
                    }
                    for e in r["draft"]["evidence"]
                ],
            }
            for d in drafted
            for n, r in enumerate(d.rules, start=1)
        ],
    }
    show({**view, "_show_all": show_all}, "draft_report", json_out=json_out)


def _text(protocol, label: str) -> str:  # type: ignore[no-untyped-def]
    clause = protocol.clause(label)
    return clause.text if clause is not None else ""


def _write_drafts(folder: Path, target, source, drafted, added) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Write each drafted table into DATA_DIR/scenarios/<id>.toml (added to a file that is there),
    add the roles found to the clause file, then load it all back; on failure undo and say why."""
    import datetime

    from protocol_cli.sources import drafting
    from protocol_cli.sources.library import Library, bundled_data_root
    from protocol_cli.sources.scenarios import check_against

    (folder / "scenarios").mkdir(exist_ok=True)
    before: dict[Path, str | None] = {}
    written: dict[str, str] = {}
    when = datetime.date.today().isoformat()
    try:
        if added:
            _add_roles(folder, target, added, before)
        for d in drafted:
            if not d.rules:
                continue
            path = folder / "scenarios" / f"{d.scenario}.toml"
            old = path.read_text(encoding="utf-8") if path.is_file() else None
            if old is not None and f"[[rules.{target.id}]]" in old:
                d.skipped = f"{path} has a table for {target.id} already"
                continue
            head = (
                old
                if old is not None
                else drafting.FILE_HEAD.format(
                    target=target.id, source=source.id, when=when, scenario=d.scenario
                )
            )
            before[path] = old
            rules = drafting.rules_text(target.id, d.rules)
            path.write_text(head.rstrip("\n") + "\n" + rules, encoding="utf-8")
            written[d.scenario] = str(path)
        check = Library(bundled_data_root(), folder, strict=True)
        protocol = check.protocol(target.id)
        for sid in written:
            check_against(check.scenario_file(sid), protocol)
    except (DataError, OSError) as exc:
        for path, old in before.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(old, encoding="utf-8")
        message = exc.message if isinstance(exc, DataError) else str(exc)
        raise ProtocolError(f"the drafted tables did not load ({message}); nothing was written") from exc
    return written


def _add_roles(  # type: ignore[no-untyped-def]
    folder: Path, target, added: dict[str, dict[str, str]], before: dict[Path, str | None]
) -> None:
    """Add roles to the protocol's clause file in the data folder, keeping its comments."""
    import tomlkit

    path = folder / "clauses" / f"{target.id}.toml"
    if Path(target.path).resolve() != path.resolve():
        raise ProtocolError(
            f"{target.id}'s clause file is not in the data folder {folder}, so its roles table cannot get "
            f"the roles the drafts need ({', '.join(added)}); import the protocol there first"
        )
    old = path.read_text(encoding="utf-8")
    doc = tomlkit.parse(old)
    roles = doc["protocol"].setdefault("roles", tomlkit.table())  # type: ignore[union-attr]
    for key, role in added.items():
        roles[key] = role
    before[path] = old
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")


def review(protocol_id: str, reviewer: str | None = None) -> None:
    """`protocol data review`: walk through the draft rules at a terminal."""
    from protocol_cli.commands import reviewing

    reviewing.run(protocol_id, reviewer)
