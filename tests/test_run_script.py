"""tests/run.sh, the project's test command, run with stand-ins for Python, pip, ruff, pytest and
Prometheus: it must build its own environment and leave the user's .venv alone."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FAKE_PYTHON = """#!/usr/bin/env bash
# Stands in for `python3 -m venv DIR`: an activate script whose pip, ruff and pytest only log.
set -eu
[ "$1" = -m ] && [ "$2" = venv ]
mkdir -p "$3/bin"
cat > "$3/bin/activate" <<'ACTIVATE'
pip() { echo "pip $*" >> "$RUN_LOG"; }
ruff() { echo "ruff $*" >> "$RUN_LOG"; }
pytest() { echo "pytest $*" >> "$RUN_LOG"; }
ACTIVATE
"""


def executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_run_sh_uses_its_own_environment_and_keeps_the_users_venv(tmp_path):
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "run.sh", project / "tests" / "run.sh")
    users_venv = project / ".venv"
    users_venv.mkdir()
    (users_venv / "pyvenv.cfg").write_text("made by the README's first command\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    executable(bin_dir / "fake-python", FAKE_PYTHON)
    for tool in ("promtool", "prometheus", "chromium", "chromedriver"):
        executable(bin_dir / tool, "#!/bin/sh\nexit 0\n")
    log = tmp_path / "run.log"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "PYTHON": str(bin_dir / "fake-python"),
        "RUN_LOG": str(log),
    }
    done = subprocess.run(["bash", str(project / "tests" / "run.sh"), "-x"], env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert (users_venv / "pyvenv.cfg").read_text() == "made by the README's first command\n"
    assert (project / ".venv-test" / "bin" / "activate").exists()
    assert log.read_text().splitlines() == ["pip install -q -e .[test]", "ruff check .", "pytest -x"]
    assert ".venv-test/" in (ROOT / ".gitignore").read_text().splitlines()
