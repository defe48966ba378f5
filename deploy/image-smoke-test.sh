#!/usr/bin/env bash
# Builds the worker image without any registry and runs it for real against the embedded broker:
#   1. a Debian bookworm base (Python 3.11) made with debootstrap from Debian's archive, imported into podman;
#   2. `podman build` of ./Dockerfile on it (BASE_IMAGE build argument);
#   3. the image's worker (read-only root filesystem, its own user) against `precwatch broker` on this host:
#      it must become ready, take every example event (screened or dead-lettered), and its HEALTHCHECK must pass;
#   4. the image's workbench (`precwatch web`, read-only root filesystem, SQLite on a volume): a user added
#      with `precwatch web user add`, the log-in page served, a log-in, and the flags of step 3 listed.
# Needs root, podman, debootstrap, runc and the project's virtualenv active (for the broker and producer).
# The flags below are what made it work in the sandbox it was written in (docs/operations.md, "Container
# image"): chroot isolation for build steps (crun cannot create containers on a cgroup v1/v2 hybrid
# host), runc with explicit ulimits at run time (the sandbox may not raise rlimits), and the host's CA
# bundle for pip during the build (outbound HTTPS there goes through an intercepting proxy).
# Usage: deploy/image-smoke-test.sh [WORKDIR]   (default /var/tmp/precwatch-image)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/var/tmp/precwatch-image}
BASE=localhost/debian-python311:bookworm
IMAGE=localhost/precursor-watch:smoke
RUNTIME=(--runtime "$(command -v runc)")
LIMITS=(--ulimit nofile=20000:20000 --ulimit nproc=4096:4096)
mkdir -p "$WORK"
if ! podman image exists "$BASE"; then
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$WORK/rootfs" \
    http://deb.debian.org/debian
  tar -C "$WORK/rootfs" -c . | podman import - "$BASE"
fi
CA=()
[ -f /etc/ssl/certs/ca-certificates.crt ] && CA=(-v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
podman build --isolation=chroot "${CA[@]}" --format docker --build-arg BASE_IMAGE="$BASE" \
  --build-arg REVISION="$(git rev-parse HEAD)" -t "$IMAGE" .

free_port() { python3 -c "from devtools.local import free_port; print(free_port())"; }
BROKER_PORT=$(free_port)
METRICS_PORT=$(free_port)
precwatch broker --port "$BROKER_PORT" >"$WORK/broker.log" 2>&1 &
BROKER_PID=$!
NAME=precwatch-smoke-$$
WEB=precwatch-smoke-web-$$
cleanup() {
  podman rm -f "$NAME" "$WEB" >/dev/null 2>&1 || true
  podman volume rm -f "$WEB" >/dev/null 2>&1 || true
  kill "$BROKER_PID" 2>/dev/null || true
}
trap cleanup EXIT
sleep 5
podman "${RUNTIME[@]}" run -d --name "$NAME" --network host --read-only "${LIMITS[@]}" \
  -e PRECWATCH_BROKER="kafka://127.0.0.1:$BROKER_PORT" -e PRECWATCH_PROFILE=embedded \
  -e PRECWATCH_METRICS_PORT="$METRICS_PORT" -e PRECWATCH_PARTITIONS=2 "$IMAGE" >/dev/null
for _ in $(seq 90); do curl -sf "localhost:$METRICS_PORT/readyz" >/dev/null && break; sleep 1; done
curl -sf "localhost:$METRICS_PORT/readyz"
EVENTS=$(grep -c . devtools/data/transactions.jsonl)
# Every event once: consumed (decoded and screened) or dead-lettered.
taken() {
  curl -s "localhost:$METRICS_PORT/metrics" |
    awk '/^precwatch_events_consumed_total /{n+=$2} /^precwatch_dead_letters_total[{ ]/{n+=$2} END{print int(n)}'
}
PRECWATCH_BROKER="kafka://127.0.0.1:$BROKER_PORT" precwatch produce devtools/data/transactions.jsonl
for _ in $(seq 90); do [ "$(taken)" -ge "$EVENTS" ] && break; sleep 1; done
curl -s "localhost:$METRICS_PORT/metrics" | grep -E '^precwatch_(events_consumed_total|dead_letters_total|flags_total)'
echo "events in the file: $EVENTS, consumed + dead-lettered: $(taken)"
[ "$(taken)" -eq "$EVENTS" ]
podman healthcheck run "$NAME"
echo "user: $(podman exec "$NAME" id -u), health: $(podman inspect --format '{{.State.Health.Status}}' "$NAME")"
podman "${RUNTIME[@]}" run --rm "${LIMITS[@]}" --entrypoint /bin/sh "$IMAGE" -c \
  '! command -v gcc && ! command -v cc && ! command -v pip' >/dev/null && echo "no compiler, no pip in the image"

# The workbench from the same image. Plain HTTP on this host, hence PRECWATCH_WEB_COOKIE_SECURE=false (the
# image binds 0.0.0.0, where the cookie would otherwise be HTTPS-only).
WEB_PORT=$(free_port)
WEB_ENV=(-e PRECWATCH_BROKER="kafka://127.0.0.1:$BROKER_PORT" -e PRECWATCH_WEB_PORT="$WEB_PORT"
  -e PRECWATCH_WEB_COOKIE_SECURE=false)
WEB_PASSWORD=$(python3 -c "import secrets; print(secrets.token_urlsafe(18))")
podman volume create "$WEB" >/dev/null
podman "${RUNTIME[@]}" run --rm --read-only "${LIMITS[@]}" -v "$WEB:/var/lib/precursor-watch" \
  -e PRECWATCH_WEB_PASSWORD="$WEB_PASSWORD" "$IMAGE" web user add smoke --role viewer
podman "${RUNTIME[@]}" run -d --name "$WEB" --network host --read-only "${LIMITS[@]}" \
  -v "$WEB:/var/lib/precursor-watch" "${WEB_ENV[@]}" "$IMAGE" web >/dev/null
for _ in $(seq 60); do curl -sf "localhost:$WEB_PORT/healthz" >/dev/null && break; sleep 1; done
JAR="$WORK/cookies.txt"
rm -f "$JAR"
LOGIN=$(curl -sf -c "$JAR" "localhost:$WEB_PORT/login")
grep -o '<title>[^<]*</title>' <<<"$LOGIN"
CSRF=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' <<<"$LOGIN")
curl -sf -b "$JAR" -c "$JAR" -o /dev/null -w 'log-in: HTTP %{http_code} -> %{redirect_url}\n' \
  --data-urlencode "csrf_token=$CSRF" --data-urlencode "next=/flags" --data-urlencode "username=smoke" \
  --data-urlencode "password=$WEB_PASSWORD" "localhost:$WEB_PORT/login"
for _ in $(seq 60); do
  ROWS=$(curl -sf -b "$JAR" "localhost:$WEB_PORT/flags" | grep -c 'class="flag-link"' || true)
  [ "$ROWS" -gt 0 ] && break; sleep 1
done
echo "workbench: $ROWS flag links on /flags, user $(podman exec "$WEB" id -u)"
[ "$ROWS" -gt 0 ]
podman image inspect --format '{{.Size}} bytes; labels {{json .Config.Labels}}' "$IMAGE"
echo "image smoke test passed"
