"""A non-editable install works: the wheel carries the data the commands need, and nothing reads the
source tree (tests/, examples/). The wheel is built from a copy without tests/ and benchmarks/, installed
into a folder of its own, and run from a working directory outside the repository; its dependencies
come from the test environment's site-packages (-S: without that environment's editable-install hook)."""

import io
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

ROOT = Path(__file__).resolve().parents[1]

RUN = """
import sys
import cli
from cli.main import main

assert cli.__file__.startswith(sys.argv[1]), cli.__file__  # the installed copy, not the source tree
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("installed")
    source = work / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", "tests", "benchmarks", "*.egg-info", "__pycache__", "build", "dist", ".*cache", ".venv*", "venv"
        ),
    )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    built = subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(work / "dist"), str(source)],
        capture_output=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr.decode()[-3000:]
    (wheel,) = (work / "dist").glob("precursor_watch-*.whl")
    target = work / "site"
    done = subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    return target


def precwatch(installed: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(installed), *site.getsitepackages()]),
        "PYTHONNOUSERSITE": "1",
    }
    return subprocess.run(
        [sys.executable, "-S", "-c", RUN, str(installed), *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )


def test_screen_on_the_bundled_example_gives_the_flags_of_the_source_tree(installed, tmp_path):
    from chemistry.watchlist import load_watchlist
    from cli.commands import screen_files

    expected = io.BytesIO()
    screen_files(
        [str(ROOT / "devtools" / "data" / "transactions.jsonl")], expected, io.BytesIO(), load_watchlist(), False
    )
    bundled = installed / "devtools" / "data" / "transactions.jsonl"
    done = precwatch(installed, tmp_path, "screen", str(bundled), "-o", "flags.jsonl", "--dead-letter", "dl.jsonl")
    assert done.returncode == 0, done.stderr.decode()
    flags = [orjson.loads(line) for line in (tmp_path / "flags.jsonl").read_bytes().splitlines()]
    assert flags and {f["flag_id"] for f in flags} == {
        orjson.loads(x)["flag_id"] for x in expected.getvalue().splitlines()
    }
    assert len((tmp_path / "dl.jsonl").read_bytes().splitlines()) == 3
    assert "screened 313 events" in done.stderr.decode()


def test_evaluate_runs_on_the_bundled_evaluation_set(installed, tmp_path):
    done = precwatch(installed, tmp_path, "evaluate")
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert "Evaluation set: " in out and "recall (positives reaching their expected severity): " in out
    assert "Evaluation set: 0 items" not in out


def test_watchlist_check_and_export_read_the_bundled_watchlist(installed, tmp_path):
    done = precwatch(installed, tmp_path, "watchlist", "check")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().startswith("watchlist OK: version ")
    done = precwatch(installed, tmp_path, "watchlist", "export", "-o", "watchlist.jsonl")
    assert done.returncode == 0, done.stderr.decode()
    entries = [orjson.loads(line) for line in (tmp_path / "watchlist.jsonl").read_bytes().splitlines()]
    assert len(entries) > 50 and all(e["id"] and e["watchlist_version"] for e in entries)
