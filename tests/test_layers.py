"""The layers of ARCHITECTURE.md hold: each folder of protocol_cli/ is one layer, imports only go
down (import-linter's contracts in pyproject.toml), and no module imports itself round a circle.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest
from conftest import ROOT

CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
LAYERS = next(c for c in CONFIG["contracts"] if c["id"] == "layers")["layers"]
OUTSIDE_LAYERS = {"protocol_cli", "protocol_cli.__main__"}  # the version, and `python -m protocol_cli`


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # type-checking imports count: a circle only in the type hints is still a circle to read
    return grimp.build_graph("protocol_cli", exclude_type_checking_imports=False, cache_dir=None)


def lint_imports() -> str:
    """The `lint-imports` beside this Python (the venv's), or on PATH."""
    here = Path(sys.executable).parent
    for name in ("lint-imports", "lint-imports.exe"):
        if (here / name).is_file():
            return str(here / name)
    found = shutil.which("lint-imports")
    assert found, "lint-imports is missing: pip install -e '.[test]'"
    return found


def test_the_layer_contracts_are_kept() -> None:
    proc = subprocess.run([lint_imports(), "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_every_module_is_in_a_layer_and_every_layer_is_a_folder(graph) -> None:
    stray = sorted(
        m
        for m in graph.modules
        if m not in OUTSIDE_LAYERS and not any(m.startswith(layer + ".") or m == layer for layer in LAYERS)
    )
    assert stray == []
    for layer in LAYERS:
        assert (ROOT / Path(*layer.split("."))).is_dir(), layer
        assert (ROOT / Path(*layer.split(".")) / "__init__.py").is_file(), layer


def test_no_import_cycles(graph) -> None:
    """Tarjan's strongly connected components over every import, lazy and type-checking ones too."""
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for m in modules:
        if m not in index:
            visit(m)
    assert circles == []


def test_an_upward_import_breaks_the_contract(tmp_path) -> None:
    """The contract is not vacuous: a copy of the package where the engine imports the drawing
    layer fails lint-imports, naming the two modules."""
    shutil.copytree(
        ROOT / "protocol_cli",
        tmp_path / "protocol_cli",
        ignore=shutil.ignore_patterns("__pycache__", "data", "completions"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    engine = tmp_path / "protocol_cli" / "deciding" / "engine.py"
    engine.write_text(
        engine.read_text(encoding="utf-8")
        + "\n\ndef _up() -> None:\n    from protocol_cli.drawing import views  # noqa\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [lint_imports(), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert (
        "BROKEN" in proc.stdout
        and "protocol_cli.deciding.engine -> protocol_cli.drawing.views" in proc.stdout
    )
