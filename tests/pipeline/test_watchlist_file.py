import subprocess
import sys
from pathlib import Path

import pytest

from chemistry.watchlist import WATCHLIST_CSV
from pipeline.errors import ConfigError, InputUnavailable
from pipeline.watchlist_file import load_watchlist_from

ROOT = Path(__file__).resolve().parents[2]


def test_a_process_starts_from_the_configured_file_or_the_bundled_watchlist(tmp_path):
    bundled = load_watchlist_from(None)
    assert load_watchlist_from(str(WATCHLIST_CSV)).version == bundled.version
    with pytest.raises(InputUnavailable, match="not found"):
        load_watchlist_from(str(tmp_path / "missing.csv"))
    broken = tmp_path / "broken.csv"
    broken.write_text("id,name\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is invalid"):
        load_watchlist_from(str(broken))


def test_the_screen_command_loads_its_watchlist_without_the_signing_code():
    # precwatch screen imports what it needs before it forks its children: serial time on every run.
    code = (
        "import sys, cli.main, cli.commands, cli.parallel, pipeline.chunks, pipeline.watchlist_file;"
        "print(sorted(m for m in ('cryptography', 'pipeline.watchlist_trust', 'schemas.records') if m in sys.modules))"
    )
    assert (
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        == "[]\n"
    )
