"""The systemd unit and the environment file example agree with the settings and the exit codes."""

import re
from pathlib import Path

from pipeline.errors import ConfigError, IncompatibleLibrary
from pipeline.settings import ENV_PREFIX, Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_every_variable_of_the_environment_example_is_a_setting():
    fields = {ENV_PREFIX + name.upper() for name in Settings.model_fields}
    named = set(re.findall(r"\bPRECWATCH_[A-Z0-9_]+", (DEPLOY / "precwatch.env.example").read_text()))
    assert named and named <= fields, sorted(named - fields)


def test_the_unit_does_not_restart_on_the_errors_a_restart_cannot_fix():
    unit = (DEPLOY / "precursor-watch.service").read_text()
    (codes,) = re.findall(r"^RestartPreventExitStatus=(.+)$", unit, re.M)
    assert {int(c) for c in codes.split()} == {ConfigError.exit_code, IncompatibleLibrary.exit_code}
    assert re.search(r"^ExecStart=\S*precwatch worker$", unit, re.M)
