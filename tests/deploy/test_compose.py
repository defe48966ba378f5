"""deploy/compose.yaml, parsed and cross-checked against the settings, the Prometheus and Grafana files
and the image (no compose tool here can bring it up: docs/operations.md, "Local stack")."""

from pathlib import Path

import yaml

from pipeline.settings import ENV_PREFIX, Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
COMPOSE = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]


def _workers() -> dict[str, dict]:
    return {name: s for name, s in SERVICES.items() if s.get("command") == ["worker"]}


def _mounts(service: dict) -> dict[str, Path]:
    """Container path -> host path of the service's bind mounts (relative to deploy/)."""
    mounts = {}
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        if source.startswith("."):
            mounts[target] = (DEPLOY / source).resolve()
    return mounts


def test_every_precwatch_variable_is_a_setting():
    fields = {ENV_PREFIX + name.upper() for name in Settings.model_fields}
    for name, service in SERVICES.items():
        for variable in service.get("environment", {}):
            if variable.startswith(ENV_PREFIX):
                assert variable in fields, f"{name}: {variable} is not in pipeline/settings.py"


def test_kafka_runs_in_kraft_mode_and_workers_reach_its_advertised_listener():
    kafka = SERVICES["kafka"]
    assert kafka["image"].startswith("docker.io/apache/kafka:")
    env = kafka["environment"]
    assert "controller" in env["KAFKA_PROCESS_ROLES"] and "KAFKA_CONTROLLER_QUORUM_VOTERS" in env
    advertised = {listener.split("://")[1] for listener in env["KAFKA_ADVERTISED_LISTENERS"].split(",")}
    for name in [*_workers(), "topics"]:
        broker = SERVICES[name]["environment"]["PRECWATCH_BROKER"].removeprefix("kafka://")
        assert broker in advertised, name
    host_port = {port.split(":")[1] for port in kafka["ports"]}
    assert {a.split(":")[1] for a in advertised} & host_port  # the host's clients reach it too


def test_two_or_more_workers_in_one_group_after_the_topics_job():
    workers = _workers()
    assert len(workers) >= 2
    assert len({w["environment"]["PRECWATCH_GROUP_ID"] for w in workers.values()}) == 1
    assert SERVICES["topics"]["command"] == ["topics", "--create"]
    for worker in workers.values():
        assert worker["depends_on"]["topics"]["condition"] == "service_completed_successfully"
        assert worker["read_only"] is True
        assert worker["environment"]["PRECWATCH_METRICS_HOST"] == "0.0.0.0"
        # the topics job and the workers agree on the topic layout
        for key in ("PRECWATCH_PARTITIONS", "PRECWATCH_REPLICATION_FACTOR", "PRECWATCH_GROUP_ID"):
            assert worker["environment"][key] == SERVICES["topics"]["environment"][key]


def test_prometheus_scrapes_every_worker_with_the_projects_config_and_rules():
    prometheus = SERVICES["prometheus"]
    mounts = _mounts(prometheus)
    assert all(path.exists() for path in mounts.values()), mounts
    config = yaml.safe_load(mounts["/etc/prometheus/prometheus.yml"].read_text())
    assert mounts["/etc/prometheus/prometheus.yml"] == DEPLOY / "prometheus" / "prometheus.yml"
    for rule_file in config["rule_files"]:
        assert mounts[f"/etc/prometheus/{rule_file}"] == DEPLOY / "prometheus" / rule_file
    (job,) = config["scrape_configs"]
    (pattern,) = job["file_sd_configs"][0]["files"]
    targets_mount = next(t for t in mounts if Path(t).match(f"/etc/prometheus/{pattern}"))
    targets = {t for group in yaml.safe_load(mounts[targets_mount].read_text()) for t in group["targets"]}
    expected = {f"{w['hostname']}:{w['environment']['PRECWATCH_METRICS_PORT']}" for w in _workers().values()}
    assert targets == expected


def test_grafana_gets_the_datasource_and_the_dashboard():
    grafana = SERVICES["grafana"]
    mounts = _mounts(grafana)
    assert mounts["/etc/grafana/provisioning"] == DEPLOY / "grafana" / "provisioning"
    provider = yaml.safe_load((DEPLOY / "grafana/provisioning/dashboards/precursor-watch.yaml").read_text())
    dashboards_dir = provider["providers"][0]["options"]["path"]
    assert (mounts[dashboards_dir] / "precursor-watch.json").exists()
    (datasource,) = yaml.safe_load((DEPLOY / "grafana/provisioning/datasources/prometheus.yaml").read_text())[
        "datasources"
    ]
    assert datasource["url"] == "http://prometheus:9090" and "9090:9090" in SERVICES["prometheus"]["ports"]
    assert "GF_SECURITY_ADMIN_PASSWORD" in grafana["environment"]
    assert ":?" in grafana["environment"]["GF_SECURITY_ADMIN_PASSWORD"]  # from the environment, no default


def test_the_image_services_build_this_repositorys_dockerfile_and_host_ports_are_unique():
    for name in [*_workers(), "topics"]:
        build = SERVICES[name]["build"]
        assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == (DEPLOY.parent / "Dockerfile")
    published = [p.split(":")[0] for s in SERVICES.values() for p in s.get("ports", [])]
    assert len(published) == len(set(published))


def test_the_workbench_serves_the_image_on_its_port_with_sqlite_on_a_volume_and_asks_every_worker():
    workbench = SERVICES["workbench"]
    env = workbench["environment"]
    settings = Settings.from_env({k: v for k, v in env.items() if k.startswith(ENV_PREFIX)})
    assert workbench["command"] == ["web"] and workbench["image"] == SERVICES["worker-1"]["image"]
    build = workbench["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == DEPLOY.parent / "Dockerfile"
    assert f"{settings.web_port}:{settings.web_port}" in workbench["ports"] and settings.web_host == "0.0.0.0"
    # the SQLite file lies on the named volume, the only writable place of a read-only container
    (volume,) = workbench["volumes"]
    name, target = volume.split(":")
    assert name in COMPOSE["volumes"] and workbench["read_only"] is True
    assert settings.web_db == f"sqlite:///{target}/workbench.db"
    assert f"127.0.0.1:{settings.web_port}/healthz" in " ".join(workbench["healthcheck"]["test"])
    assert workbench["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    # the Operations page reaches every worker's metrics port, and reads the topics the workers write
    expected = {f"http://{w['hostname']}:{w['environment']['PRECWATCH_METRICS_PORT']}" for w in _workers().values()}
    assert set(settings.web_worker_urls.split(",")) == expected
    for key in ("PRECWATCH_BROKER", "PRECWATCH_GROUP_ID", "PRECWATCH_PARTITIONS"):
        assert env[key] == SERVICES["topics"]["environment"][key]
