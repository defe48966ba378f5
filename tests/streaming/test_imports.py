"""Module boundaries of the runtime: no import cycles, and importing the profiles or the
compatibility module builds nothing (the stream benchmark's do-nothing app imports only those)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("schemas", "chemistry", "pipeline", "streaming", "agents")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = sorted(module_name(p) for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def module_level_imports(module: str) -> set[str]:
    """Project modules imported when ``module`` is imported (not inside functions or TYPE_CHECKING)."""
    path = ROOT / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = ROOT / module.replace(".", "/") / "__init__.py"
    found: set[str] = set()

    def visit(statements) -> None:
        for node in statements:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, (ast.If, ast.Try, ast.With)):
                visit(node.body)
                visit(getattr(node, "orelse", []))

    visit(ast.parse(path.read_text()).body)
    return {name for name in found if name in MODULES}


def test_no_project_module_imports_itself_back_at_module_level():
    graph = {module: module_level_imports(module) for module in MODULES}
    cycles: list[list[str]] = []

    def walk(module: str, trail: list[str]) -> None:
        for imported in graph[module]:
            if imported in trail:
                cycles.append([*trail[trail.index(imported) :], imported])
            elif imported not in done:
                walk(imported, [*trail, imported])
        done.add(module)

    done: set[str] = set()
    for module in MODULES:
        walk(module, [module])
    assert cycles == []


# streaming.worker builds the worker's app on import (by design): with default settings that works too.
@pytest.mark.parametrize("module", [m for m in MODULES if m.split(".")[0] in ("streaming", "agents", "pipeline")])
def test_each_runtime_module_imports_first_in_a_fresh_interpreter(module):
    done = run(f"import {module}")
    assert done.returncode == 0, done.stderr[-2000:]


def test_importing_the_profiles_and_the_compatibility_module_builds_no_app_and_loads_no_watchlist():
    done = run(
        "import sys, faust\n"
        "built = []\n"
        "original = faust.App.__init__\n"
        "faust.App.__init__ = lambda self, *a, **k: (built.append(1), original(self, *a, **k))[1]\n"
        "import streaming.profiles, streaming.compat\n"
        "loaded = [m for m in ('chemistry.watchlist', 'streaming.app', 'agents', 'streaming.runtime') if m in sys.modules]\n"
        "print(len(built), loaded)\n"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[0] == "0 []"


def test_profiles_import_nothing_at_all_from_the_project_or_faust():
    done = run(
        "import sys, streaming.profiles; print(sorted(m for m in sys.modules if m.split('.')[0] in ('faust', 'chemistry', 'pipeline', 'agents')))"
    )
    assert done.returncode == 0 and done.stdout.strip() == "[]"


def test_the_do_nothing_benchmark_app_imports_only_the_profiles_and_the_compatibility_module():
    tree = ast.parse((ROOT / "benchmarks" / "noop_app.py").read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert {m for m in imported if m.split(".")[0] in PACKAGES} == {"streaming.profiles", "streaming.compat"}
