#!/usr/bin/env bash
# The project's test command (README; .ci/run calls it): installs what the tests need, runs them.
# - Debian's prometheus package (promtool + server) for the metrics tests, when missing
# - a fresh virtualenv of its own, .venv-test (never the .venv a user made), with the project and its test extras
# - ruff, then pytest (unit tests, then end-to-end tests against the embedded broker)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
  else
    echo "tests/run.sh: the metrics tests need Prometheus: run 'sudo apt-get install prometheus' first" >&2
    exit 2
  fi
fi
# Workbench tests (tests/workbench): Debian's PostgreSQL server programs (the tests start a throw-away
# cluster of their own) and chromium with its matching chromium-driver (the browser tests), when missing.
workbench_packages=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || workbench_packages+=(postgresql)
command -v chromium >/dev/null 2>&1 || workbench_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || workbench_packages+=(chromium-driver)
if [ "${#workbench_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${workbench_packages[@]}" >/dev/null
  else
    echo "tests/run.sh: the workbench tests need: sudo apt-get install ${workbench_packages[*]}" >&2
    exit 2
  fi
fi
# Systematic-name tests (tests/chemistry/test_opsin.py): a Java runtime for OPSIN's jar (extra `opsin`), when missing.
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    echo "tests/run.sh: the systematic-name tests need Java: run 'sudo apt-get install default-jre-headless' first" >&2
    exit 2
  fi
fi
# Debian starts a Prometheus service on install where systemd runs; the tests start their own.
PY=${PYTHON:-python3}
VENV=.venv-test
rm -rf "$VENV"
"$PY" -m venv "$VENV"
# shellcheck disable=SC1091
. "$VENV/bin/activate"
pip install -q -e '.[test]'
ruff check .
pytest "$@"
