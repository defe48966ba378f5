"""The Dockerfile and its lock file, read as a builder would (the image itself is built and run by
deploy/image-smoke-test.sh, which needs root and podman: docs/operations.md, "Container image")."""

import re
import shlex
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines if line and line[0] != "#"]


def stages() -> list[list[tuple[str, str]]]:
    result: list[list[tuple[str, str]]] = []
    for instruction, args in dockerfile_instructions():
        if instruction == "FROM":
            result.append([])
        if result:
            result[-1].append((instruction, args))
    return result


def locked() -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", (ROOT / "requirements.lock").read_text(), re.M)
    return {canonicalize_name(name): version for name, version in pins}


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_two_stages_on_the_same_base_and_the_final_one_runs_as_a_numeric_non_root_user():
    build, final = stages()
    assert build[0][1] == "${BASE_IMAGE} AS build" and final[0][1] == "${BASE_IMAGE}"
    user = [args for instruction, args in final if instruction == "USER"][-1]
    uid = user.split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000  # runAsNonRoot checks a number
    assert ("ENTRYPOINT", '["precwatch"]') in final and ("CMD", '["worker"]') in final


def test_dependencies_come_only_from_the_lock_file_with_hashes_and_binary_wheels():
    build, _ = stages()
    installs = [args for instruction, args in build if instruction == "RUN" and "pip install" in args]
    assert installs, "no pip install in the build stage"
    locked_install = shlex.split(installs[0])
    assert {"--require-hashes", "--only-binary=:all:", "/src/requirements.lock"} <= set(locked_install)
    project_install = shlex.split(installs[1])
    assert {"--no-deps", "--no-index"} <= set(project_install)  # nothing else from the network


def test_the_final_image_has_no_build_tools_and_copies_only_the_virtualenv():
    _, final = stages()
    runs = " ".join(args for instruction, args in final if instruction == "RUN")
    assert not re.search(r"apt-get install|gcc|build-essential|pip install", runs)
    copies = [args for instruction, args in final if instruction == "COPY"]
    assert copies == ["--from=build /opt/precursor-watch /opt/precursor-watch"]
    build, _ = stages()
    assert any("pip uninstall --yes setuptools pip" in args for instruction, args in build if instruction == "RUN")


def test_healthcheck_asks_healthz_and_labels_name_version_and_source():
    _, final = stages()
    healthcheck = [args for instruction, args in final if instruction == "HEALTHCHECK"]
    assert len(healthcheck) == 1 and "/healthz" in healthcheck[0] and "PRECWATCH_METRICS_PORT" in healthcheck[0]
    labels = " ".join(args for instruction, args in final if instruction == "LABEL")
    for key in ("title", "version", "revision", "source", "licenses"):
        assert f"org.opencontainers.image.{key}=" in labels, key
    assert ("EXPOSE", "9464 8080") in final  # the worker's metrics, the workbench


def test_the_image_serves_the_workbench_on_all_interfaces_of_its_own_network_namespace():
    from pipeline.settings import Settings

    _, final = stages()
    env = " ".join(args for instruction, args in final if instruction == "ENV")
    variables = dict(re.findall(r"(PRECWATCH_\w+)=(\S+)", env))
    settings = Settings.from_env(variables)
    assert settings.web_host == "0.0.0.0" and settings.web_port == 8080
    assert settings.metrics_port == 9464 and settings.data_dir is not None


def test_every_package_of_the_project_is_copied_into_the_build():
    build, _ = stages()
    copied = {args.split()[0] for instruction, args in build if instruction == "COPY"}
    for package in pyproject()["tool"]["setuptools"]["packages"]:
        assert package in copied, f"the Dockerfile does not COPY {package}/"
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert not set(pyproject()["tool"]["setuptools"]["packages"]) & set(ignored)


def test_lock_pins_every_dependency_within_its_specifier_with_hashes():
    pins = locked()
    # the workbench's PostgreSQL driver too: the image serves `precwatch web` on either database
    dependencies = [Requirement(d) for d in pyproject()["project"]["dependencies"]]
    dependencies += [Requirement(d) for d in pyproject()["project"]["optional-dependencies"]["postgres"]]
    build_requires = [Requirement(r) for r in pyproject()["build-system"]["requires"]]
    for requirement in dependencies + build_requires:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements.lock: regenerate it (command in Dockerfile)"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} vs {requirement}"
        for extra in requirement.extras:  # psycopg[binary]: its libpq-carrying wheel is locked with it
            assert canonicalize_name(f"{name}-{extra}") in pins, f"{name}[{extra}] is not in requirements.lock"
    entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / "requirements.lock").read_text().split("\n", 2)[2])
    for entry in entries:
        if "==" in entry:
            assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_the_image_smoke_test_parses_and_runs_the_worker_and_the_workbench_read_only():
    import subprocess

    script = ROOT / "deploy" / "image-smoke-test.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)  # root and podman run it, not CI: it must parse
    runs = [line for line in script.read_text().splitlines() if " run -d " in line]
    assert len(runs) == 2 and all("--read-only" in line for line in runs)  # the worker, then the workbench
    assert '"$IMAGE" web' in script.read_text() and "web user add" in script.read_text()
    assert "image-smoke-test" not in (ROOT / "tests" / "run.sh").read_text()  # too slow for CI
