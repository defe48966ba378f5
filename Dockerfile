# syntax=docker/dockerfile:1
# The precursor-watch image: the worker (`precwatch worker`, the default), the investigators' workbench
# (`precwatch web`, port 8080) and any other `precwatch` command as arguments.
#
#   docker build -t precursor-watch:0.1.0 .
#   podman build --format docker -t precursor-watch:0.1.0 .   # docker format: OCI images drop HEALTHCHECK
#
# Dependencies are installed only from requirements.lock (exact versions and hashes, binary wheels
# only), which is generated, never edited:
#   uv pip compile pyproject.toml deploy/build-requirements.in --extra postgres --generate-hashes \
#     --python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements.lock
# BASE_IMAGE must provide Python 3.11 with its venv module at the same path in both stages (the
# virtual environment is copied from the first stage into the second). docs/operations.md ("Container
# image") shows how the image was built here from a Debian base made with debootstrap.
ARG BASE_IMAGE=docker.io/library/python:3.11-slim-bookworm

FROM ${BASE_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_NO_INPUT=1
RUN python3 -m venv /opt/precursor-watch
COPY requirements.lock /src/requirements.lock
RUN /opt/precursor-watch/bin/pip install --require-hashes --only-binary=:all: -r /src/requirements.lock
COPY pyproject.toml README.md /src/
COPY schemas /src/schemas
COPY chemistry /src/chemistry
COPY pipeline /src/pipeline
COPY streaming /src/streaming
COPY agents /src/agents
COPY cli /src/cli
COPY devtools /src/devtools
COPY workbench /src/workbench
# The project itself, with the locked setuptools and nothing from the network; then setuptools and pip
# leave the environment: the final image installs nothing.
RUN /opt/precursor-watch/bin/pip install --no-deps --no-index --no-build-isolation /src \
 && /opt/precursor-watch/bin/pip uninstall --yes setuptools pip \
 && /opt/precursor-watch/bin/python -m compileall -q /opt/precursor-watch/lib
# The identifier database's index, built once here: with a read-only root filesystem the worker could
# not build it in a cache directory at start-up, and would screen without it.
RUN /opt/precursor-watch/bin/precwatch identifiers build --output /opt/precursor-watch/share/identifiers.sqlite

FROM ${BASE_IMAGE}
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="precursor-watch" \
      org.opencontainers.image.description="Streaming screening of customs transactions for drug precursors" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://git.example.internal/precursor-watch" \
      org.opencontainers.image.licenses="Apache-2.0"
# A fixed numeric user, so that Kubernetes' runAsNonRoot can check it without a passwd lookup.
RUN groupadd --system --gid 10001 precwatch \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/precursor-watch --no-create-home \
      --shell /usr/sbin/nologin precwatch \
 && install -d -o 10001 -g 10001 -m 0750 /var/lib/precursor-watch
COPY --from=build /opt/precursor-watch /opt/precursor-watch
# The kafka profile; the worker's metrics server and the workbench reachable from outside the container
# (probes, Prometheus, the investigators' browsers or their reverse proxy): the container's own network
# namespace is the boundary. Faust's local state and the workbench's SQLite file, when it uses one, in
# the one writable directory (a volume with a read-only root filesystem).
ENV PATH=/opt/precursor-watch/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PRECWATCH_PROFILE=kafka \
    PRECWATCH_METRICS_HOST=0.0.0.0 \
    PRECWATCH_METRICS_PORT=9464 \
    PRECWATCH_WEB_HOST=0.0.0.0 \
    PRECWATCH_WEB_PORT=8080 \
    PRECWATCH_DATA_DIR=/var/lib/precursor-watch \
    PRECWATCH_IDENTIFIER_DATABASE=/opt/precursor-watch/share/identifiers.sqlite
USER 10001:10001
WORKDIR /var/lib/precursor-watch
VOLUME /var/lib/precursor-watch
EXPOSE 9464 8080
# No curl in a slim image: Python asks the worker's /healthz (plain HTTP; with PRECWATCH_METRICS_TLS_CERTFILE
# set, use the orchestrator's HTTPS probe instead). A container running `precwatch web` overrides it
# with the workbench's own /healthz on PRECWATCH_WEB_PORT (deploy/compose.yaml).
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PRECWATCH_METRICS_PORT', '9464'), timeout=4)"]
ENTRYPOINT ["precwatch"]
CMD ["worker"]
