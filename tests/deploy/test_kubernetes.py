"""deploy/kubernetes: every manifest validated against the Kubernetes API schema (kubernetes-validate,
offline) and cross-checked with the settings, the image and the worker's health endpoints."""

import urllib.error
import urllib.request
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from pydantic import SecretStr

from devtools.local import free_port
from devtools.prometheus_rule import prometheus_rule, rule_groups
from pipeline.settings import ENV_PREFIX, Settings
from streaming.metrics import HealthState, Metrics, start_http_server
from tests.deploy.test_container_image import stages

KUBERNETES = Path(__file__).resolve().parents[2] / "deploy" / "kubernetes"
KUSTOMIZATION = yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())
KUBERNETES_VERSION = "1.30.0"


def _documents(name: str) -> list[dict]:
    return [d for d in yaml.safe_load_all((KUBERNETES / name).read_text()) if d]


def _resources() -> dict[str, dict]:
    return {f"{d['kind']}/{d['metadata']['name']}": d for name in KUSTOMIZATION["resources"] for d in _documents(name)}


RESOURCES = _resources()
DEPLOYMENT = RESOURCES["Deployment/precursor-watch"]
WORKER = DEPLOYMENT["spec"]["template"]["spec"]["containers"][0]
CONFIG = RESOURCES["ConfigMap/precursor-watch-config"]["data"]
SETTINGS_VARIABLES = {ENV_PREFIX + name.upper(): info for name, info in Settings.model_fields.items()}


@pytest.mark.parametrize("key", sorted(RESOURCES))
def test_manifest_is_valid_for_the_kubernetes_api(key):
    resource = RESOURCES[key]
    if resource["apiVersion"].startswith("monitoring.coreos.com/"):
        spec = resource["spec"]  # a CRD: no schema in kubernetes-validate; the fields the operator needs
        if resource["kind"] == "PodMonitor":
            assert spec["selector"]["matchLabels"] and spec["podMetricsEndpoints"][0]["port"]
        else:
            assert resource["kind"] == "PrometheusRule"
            assert all(g["name"] and g["rules"] for g in spec["groups"])
        return
    kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)  # raises with the offending field


def test_secret_example_is_valid_and_holds_only_secret_settings_and_tls_material():
    for secret in _documents("secret.example.yaml"):
        kubernetes_validate.validate(secret, KUBERNETES_VERSION, strict=True)
        for key in secret["stringData"]:
            if key.startswith(ENV_PREFIX):
                assert SETTINGS_VARIABLES[key].annotation == SecretStr | None, key
    assert "secret.example.yaml" not in KUSTOMIZATION["resources"]  # created from the secret store


def test_configmap_sets_only_settings_that_validate_and_none_of_the_secrets():
    for key in CONFIG:
        assert key in SETTINGS_VARIABLES, f"{key} is not in pipeline/settings.py"
        assert SETTINGS_VARIABLES[key].annotation != SecretStr | None, f"{key} belongs in the Secret"
    settings = Settings.from_env(dict(CONFIG))
    assert settings.profile == "kafka" and settings.metrics_host == "0.0.0.0"


def test_probes_hit_the_workers_metrics_port_and_its_health_endpoints():
    (port,) = WORKER["ports"]
    assert port["containerPort"] == int(CONFIG["PRECWATCH_METRICS_PORT"])
    probes = {kind: WORKER[kind]["httpGet"] for kind in ("startupProbe", "livenessProbe", "readinessProbe")}
    assert all(p["port"] == port["name"] for p in probes.values())
    assert probes["readinessProbe"]["path"] == "/readyz" and probes["livenessProbe"]["path"] == "/healthz"
    # The paths exist on the real server: 200 or 503 (not ready yet), never 404.
    listen = free_port()
    server = start_http_server(Metrics(), HealthState(), "127.0.0.1", listen)
    try:
        for probe in probes.values():
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{listen}{probe['path']}", timeout=5).status
            except urllib.error.HTTPError as error:
                status = error.code
            assert status in (200, 503), probe
    finally:
        server.shutdown()


def test_pods_run_as_the_images_user_on_a_read_only_root_with_writable_state_and_tmp():
    _, final = stages()
    image_uid = int([args for instruction, args in final if instruction == "USER"][-1].split(":")[0])
    secrets = {
        "Deployment/precursor-watch": "precursor-watch-kafka",
        "Job/precursor-watch-topics": "precursor-watch-kafka",
        "Deployment/precursor-watch-workbench": "precursor-watch-workbench",
    }
    for key, secret in secrets.items():
        pod = RESOURCES[key]["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == image_uid
        assert pod["automountServiceAccountToken"] is False
        for container in pod["containers"]:
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True and context["allowPrivilegeEscalation"] is False
            assert context["capabilities"]["drop"] == ["ALL"]
            mounts = {m["mountPath"] for m in container["volumeMounts"]}
            assert "/tmp" in mounts
            assert str(Path(CONFIG["PRECWATCH_SSL_CAFILE"]).parent) in mounts
            assert {"configMapRef": {"name": "precursor-watch-config"}} in container["envFrom"]
            assert {"secretRef": {"name": secret}} in container["envFrom"]
    assert CONFIG["PRECWATCH_DATA_DIR"] in {m["mountPath"] for m in WORKER["volumeMounts"]}


def test_selectors_match_the_worker_pods_and_the_job_creates_the_topics():
    pod_labels = DEPLOYMENT["spec"]["template"]["metadata"]["labels"]
    selectors = [
        DEPLOYMENT["spec"]["selector"]["matchLabels"],
        RESOURCES["Service/precursor-watch"]["spec"]["selector"],
        RESOURCES["PodDisruptionBudget/precursor-watch"]["spec"]["selector"]["matchLabels"],
        RESOURCES["PodMonitor/precursor-watch"]["spec"]["selector"]["matchLabels"],
    ]
    for selector in selectors:
        assert selector.items() <= pod_labels.items(), selector
    assert RESOURCES["Service/precursor-watch"]["spec"]["ports"][0]["targetPort"] == WORKER["ports"][0]["name"]
    endpoint = RESOURCES["PodMonitor/precursor-watch"]["spec"]["podMetricsEndpoints"][0]
    assert endpoint["port"] == WORKER["ports"][0]["name"]
    assert {"action": "replace", "targetLabel": "job", "replacement": "precursor-watch"} in endpoint["relabelings"]
    job = RESOURCES["Job/precursor-watch-topics"]["spec"]["template"]["spec"]["containers"][0]
    assert job["args"] == ["topics", "--create"] and WORKER["args"] == ["worker"]
    (image,) = KUSTOMIZATION["images"]
    assert WORKER["image"] == job["image"] == image["name"]


def test_resources_leave_a_core_each_for_the_event_loop_and_the_screening_process():
    resources = WORKER["resources"]
    assert resources["requests"]["cpu"] == "2" and "cpu" not in resources.get("limits", {})
    assert resources["limits"]["memory"] == "1536Mi"  # above the stress run's 270 + 578 MB peak (performance.md)


WORKBENCH = RESOURCES["Deployment/precursor-watch-workbench"]
WORKBENCH_CONTAINER = WORKBENCH["spec"]["template"]["spec"]["containers"][0]


def _container_environment(container: dict) -> dict[str, str]:
    """The variables a container gets from its ConfigMaps, later sources winning as in Kubernetes."""
    env: dict[str, str] = {}
    for source in container["envFrom"]:
        if "configMapRef" in source:
            env.update(RESOURCES[f"ConfigMap/{source['configMapRef']['name']}"]["data"])
    return env


def test_prometheus_rule_holds_exactly_the_groups_of_the_rule_files_promtool_tests():
    rule = RESOURCES["PrometheusRule/precursor-watch"]
    assert rule["spec"]["groups"] == rule_groups()
    assert [g["name"] for g in rule_groups()] == ["precursor-watch.recording", "precursor-watch.alerts"]
    # byte for byte what the generator writes: `python -m devtools.prometheus_rule` after a rule change
    assert (KUBERNETES / "prometheusrule.yaml").read_text() == prometheus_rule()


def test_workbench_settings_validate_and_its_probes_and_service_hit_its_port():
    config = RESOURCES["ConfigMap/precursor-watch-workbench-config"]["data"]
    for key in config:
        assert key in SETTINGS_VARIABLES and SETTINGS_VARIABLES[key].annotation != SecretStr | None, key
    settings = Settings.from_env(_container_environment(WORKBENCH_CONTAINER))
    assert WORKBENCH_CONTAINER["args"] == ["web"] and WORKBENCH_CONTAINER["image"] == WORKER["image"]
    (port,) = WORKBENCH_CONTAINER["ports"]
    assert port["containerPort"] == settings.web_port and settings.web_host == "0.0.0.0"
    assert settings.web_cookie_secure is True  # browsers reach it over HTTPS only
    assert settings.sasl_username != CONFIG["PRECWATCH_SASL_USERNAME"]  # its own Kafka user and ACLs
    for kind in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert WORKBENCH_CONTAINER[kind]["httpGet"] == {"path": "/healthz", "port": port["name"]}
    service = RESOURCES["Service/precursor-watch-workbench"]["spec"]
    assert service["ports"][0]["targetPort"] == port["name"]
    pod_labels = WORKBENCH["spec"]["template"]["metadata"]["labels"]
    assert service["selector"].items() <= pod_labels.items()
    assert WORKBENCH["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    # the workers' Service, PodMonitor and PodDisruptionBudget do not take the workbench's pods
    assert not DEPLOYMENT["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    # its Operations page asks the workers' Service on their metrics port
    assert settings.web_worker_urls == f"http://precursor-watch:{CONFIG['PRECWATCH_METRICS_PORT']}"
    # the path exists on the real application and answers without a log-in
    from fastapi.testclient import TestClient

    from workbench.db import make_engine, migrate
    from workbench.server import build_app

    engine = make_engine("sqlite://")
    migrate(engine)
    client = TestClient(build_app(engine, Settings(), None))
    assert client.get(WORKBENCH_CONTAINER["livenessProbe"]["httpGet"]["path"]).status_code == 200


def test_workbench_keeps_nothing_in_the_pod_its_database_is_postgresql_with_the_password_from_its_secret():
    settings = Settings.from_env(_container_environment(WORKBENCH_CONTAINER))
    from sqlalchemy.engine import make_url

    url = make_url(settings.web_db)
    assert url.drivername == "postgresql+psycopg" and url.password is None  # PGPASSWORD, never in the URL
    mounts = {m["mountPath"] for m in WORKBENCH_CONTAINER["volumeMounts"]}
    assert settings.data_dir not in mounts  # no writable state: SQLite would need a PersistentVolumeClaim there
    (secret,) = [s for s in _documents("secret.example.yaml") if s["metadata"]["name"] == "precursor-watch-workbench"]
    assert {"PRECWATCH_SASL_PASSWORD", "PGPASSWORD", "PRECWATCH_WEB_SESSION_SECRET"} == set(secret["stringData"])
    assert "sslmode=verify-full" in settings.web_db


def test_workbench_resources_leave_room_above_its_measured_peak():
    resources = WORKBENCH_CONTAINER["resources"]
    assert "cpu" not in resources.get("limits", {})
    assert resources["limits"]["memory"] == "768Mi"  # 4x the 193 MB of benchmarks/workbench_memory.py (operations.md)
