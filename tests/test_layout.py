"""The package layout is a contract with its readers: stages import only downward, no cycles, small units.

Layers, lowest first (a module may import its own layer or any lower one, never a higher one):
base (errors, findings) <- rules <- config <- text <- detect <- suggest <- engine
<- report / audit / hook / training / server <- cli <- the package's own __init__ and __main__.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "scriptlint"

LAYERS = {
    "errors": 0,
    "findings": 0,
    "rules": 1,
    "config": 2,
    "text": 3,
    "detect": 4,
    "suggest": 5,
    "engine": 6,
    "report": 7,
    "audit": 7,
    "hook": 7,
    "training": 7,
    "server": 7,
    "cli": 8,
    "__init__": 9,
    "__main__": 9,
}
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(("scriptlint",) + parts)] = path
    return out


MODULES = _modules()


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported scriptlint module, line, inside a function) for every import of our own package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("scriptlint"):
            assert node.level == 0, f"{path}: relative import; use absolute `scriptlint.` imports"
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.append((full if full in MODULES else node.module, node.lineno, node.col_offset > 0))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("scriptlint"):
                    found.append((alias.name, node.lineno, node.col_offset > 0))
    return found


def test_every_stage_has_a_layer():
    assert {_stage(m) for m in MODULES} <= set(LAYERS)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_run_downward(module):
    here = LAYERS[_stage(module)]
    for target, line, _ in _imports(MODULES[module]):
        if target == "scriptlint":
            continue  # `from scriptlint import __version__`
        there = LAYERS[_stage(target)]
        assert there <= here, f"{MODULES[module].name}:{line} imports {target} from a higher stage"


def test_no_import_cycles():
    graph = {m: {t for t, _, _ in _imports(p) if t in MODULES and t != m} for m, p in MODULES.items()}
    # A package's __init__ re-exporting its own modules is not a cycle with them.
    for m in graph:
        graph[m] = {t for t in graph[m] if not (t != m and m.startswith(t + ".") and MODULES[t].name == "__init__.py")}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_lazy_imports_say_why(module):
    """An import inside a function hides the graph: it needs a comment on its line saying why (start-up time)."""
    lines = MODULES[module].read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    for fn in ast.walk(tree):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(fn):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                statement = lines[node.lineno - 1 : node.end_lineno]
                assert any("#" in line for line in statement), (
                    f"{MODULES[module].name}:{node.lineno}: lazy import without a comment saying why"
                )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_units_stay_readable(module):
    path = MODULES[module]
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path.name}: over {MAX_MODULE_LINES} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{path.name}:{node.lineno} {node.name} is {length} lines"


def test_the_checker_sees_an_upward_import(tmp_path):
    """The layout tests must be able to fail: a detect module importing the engine is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from scriptlint.engine import lint\n", encoding="utf-8")
    ((target, _, _),) = _imports(bad)
    assert LAYERS[_stage(target)] > LAYERS["detect"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_ruff_is_clean(command):
    """`ruff check` and `ruff format --check` (configured in pyproject.toml) pass on the whole tree."""
    import shutil
    import subprocess

    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install '.[test]' brings it)")
    repo = PACKAGE.parents[1]
    run = subprocess.run([ruff, *command, "src", "tests", "bench"], cwd=repo, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]
