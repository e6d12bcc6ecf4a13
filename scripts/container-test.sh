#!/usr/bin/env bash
# The containerised system test: Maskflow started from its images as the Helm chart would start it, then one
# small train-and-serve run end to end.
#   1. builds the images (scripts/build-images.sh; --skip-build to use the ones there are)
#   2. renders the chart with real Helm (io.maskflow.deploy.ContainerSpecs in the helm module) and reads from it,
#      per service, the environment, port, probes, memory limit and security context (read-only root file system,
#      dropped capabilities, user 10001, no privilege escalation, /tmp as a fresh volume like the emptyDir)
#   3. a podman network with the Kafka broker and the S3 server as containers named as the chart's cluster
#      host names (its Strimzi bootstrap service and its MinIO service), so the rendered values are used unchanged;
#      the S3 server accepts the store credentials the services are given (the chart makes them in a pre-install
#      hook Secret, which helm template leaves out: ContainerSpecs makes them up as the hook would)
#   4. the six service containers at once; measures the time from `podman run` to the startup and the readiness
#      probe answering 200
#   5. a train-and-serve request published with Kafka's console producer (inside the broker's container), waits
#      for the run to succeed, asks serving for a prediction, and checks that every probe of every service answers
#      200 and that no container restarted or was killed
#   6. prints image sizes, the times to ready and the memory of each container (VmRSS of its JVM and podman
#      stats) at idle, during and after the run; writes them to target/container-test/measurements.txt.
#      STARTUP_REPEATS=N also restarts each service alone N times and prints the median and range of its times.
# Usage: scripts/container-test.sh [--skip-build] [--keep]   (--keep leaves the containers running)
#   About 2.5 minutes here with the images built, 1 more to build them, 2.5 more to make the base image.
# Needs the Debian packages of scripts/install-container-tools.sh and a Maven build of the jars.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BUILD=true
KEEP=false
for arg in "$@"; do
  case "$arg" in
    --skip-build) BUILD=false ;;
    --keep) KEEP=true ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
export CONTAINERS_CONF="${CONTAINERS_CONF:-$ROOT/docker/containers.conf}"
REGISTRY=localhost/maskflow
TAG="$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' helm/maskflow/Chart.yaml)"
NETWORK=maskflow-ct
WORK="$ROOT/target/container-test"
SPECS="$WORK/specs"
SERVICES=(orchestrator datagen preprocess trainer evaluator serving)
# one epoch on 24 persons is below the gate's default minimum macro F1: this run checks the way to serving
RUN_PARAMETERS='{"persons":24,"evalPersons":6,"epochs":1,"imageSize":48,"seed":17,"minimumMacroF1":0}'
STARTED=$SECONDS

log() { printf '[%4d s] %s\n' "$((SECONDS - STARTED))" "$*"; }
fail() { log "FAILED: $*"; exit 1; }
now_ms() { date +%s%3N; }

rm -rf "$WORK"
mkdir -p "$WORK"
if $BUILD; then
  log "building the images"
  scripts/build-images.sh --skip-maven
fi

log "rendering the chart into podman settings"
mvn -B -q -pl helm test-compile exec:java -Dexec.mainClass=io.maskflow.deploy.ContainerSpecs \
  -Dexec.args="$SPECS" >"$WORK/specs.log" 2>&1 || { cat "$WORK/specs.log"; fail "rendering the chart"; }
env_of() { sed -n "s/^$2=//p" "$SPECS/maskflow-$1.env"; }
KAFKA_BOOTSTRAP="$(env_of orchestrator KAFKA_BOOTSTRAP_SERVERS)"
KAFKA_HOST="${KAFKA_BOOTSTRAP%%:*}"
STORE_ENDPOINT="$(env_of orchestrator MASKFLOW_STORE_ENDPOINT)"
STORE_HOST="${STORE_ENDPOINT#http://}"
STORE_HOST="${STORE_HOST%%:*}"
[[ ${KAFKA_BOOTSTRAP##*:} == 9092 && ${STORE_ENDPOINT##*:} == 9000 ]] \
  || fail "the chart's Kafka ($KAFKA_BOOTSTRAP) or store ($STORE_ENDPOINT) port is not the one the stack images use"
CONTAINERS=("$KAFKA_HOST" "$STORE_HOST")
for s in "${SERVICES[@]}"; do CONTAINERS+=("maskflow-$s"); done

cleanup() {
  local code=$?
  # the probe pollers of start_service
  local poller
  for poller in $(jobs -p); do kill "$poller" 2>/dev/null || true; done
  if ((code != 0)); then
    for c in "${CONTAINERS[@]}"; do
      echo "----- last lines of $c"
      podman logs --tail 40 "$c" 2>&1 || true
    done
  fi
  for c in "${CONTAINERS[@]}"; do podman logs "$c" >"$WORK/$c.log" 2>&1 || true; done
  if ! $KEEP; then
    podman rm -f -t 5 "${CONTAINERS[@]}" >/dev/null 2>&1 || true
    for s in "${SERVICES[@]}"; do podman volume rm -f "maskflow-$s-tmp" >/dev/null 2>&1 || true; done
    podman network rm -f "$NETWORK" >/dev/null 2>&1 || true
  fi
  exit $code
}
trap cleanup EXIT
podman rm -f -t 5 "${CONTAINERS[@]}" >/dev/null 2>&1 || true
for s in "${SERVICES[@]}"; do podman volume rm -f "maskflow-$s-tmp" >/dev/null 2>&1 || true; done
podman network rm -f "$NETWORK" >/dev/null 2>&1 || true
podman network create "$NETWORK" >/dev/null

host_port() { podman port "$1" "$2" | head -1 | sed 's/.*://'; }
http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" || true; }
# await SECONDS DESCRIPTION COMMAND...: runs COMMAND every half second until it succeeds
await() {
  local limit=$1 what=$2 deadline=$((SECONDS + $1))
  shift 2
  until "$@"; do
    ((SECONDS < deadline)) || fail "$what: not within $limit s"
    sleep 0.5
  done
}

log "starting the Kafka broker ($KAFKA_HOST) and the S3 server ($STORE_HOST)"
stack_opts=(--network "$NETWORK" --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,size=512m,mode=1777
  --cap-drop=ALL --security-opt=no-new-privileges)
podman run -d "${stack_opts[@]}" --name "$KAFKA_HOST" --hostname "$KAFKA_HOST" -e "KAFKA_ADVERTISED_HOST=$KAFKA_HOST" \
  "$REGISTRY/maskflow-kafka:$TAG" >/dev/null
podman run -d "${stack_opts[@]}" --name "$STORE_HOST" --hostname "$STORE_HOST" --env-file "$SPECS/store.env" \
  --publish 127.0.0.1::9000 "$REGISTRY/maskflow-s3:$TAG" >/dev/null
await 120 "the Kafka broker" sh -c "podman logs $KAFKA_HOST 2>&1 | grep -q 'Kafka Server started'"
S3_PORT="$(host_port "$STORE_HOST" 9000)"
await 60 "the S3 server" sh -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$S3_PORT/)\" != 000 ]"
log "Kafka and S3 are up"

declare -A STARTED_MS READY_MS PORT PID
seconds() { printf '%d.%d' "$(($1 / 1000))" "$(($1 % 1000 / 100))"; }
probe_path() { sed -n "s/^$2 \([^ ]*\) .*/\1/p" "$SPECS/maskflow-$1.probes"; }
# start_service NAME: podman run with the chart's settings, then a poller in the background that writes how many
# ms after `podman run` the startup probe and then the readiness probe first answered 200 (serving is ready only
# once it has a model, which the run makes: its readiness is checked later)
start_service() {
  local s=$1 name="maskflow-$1" image user port opts started
  image="$(cat "$SPECS/$name.image")"
  user="$(podman image inspect --format '{{.Config.User}}' "$image")"
  [[ -n $user && ${user%%:*} != 0 && ${user%%:*} != root ]] || fail "$image runs as root (user '$user')"
  mapfile -t opts <"$SPECS/$name.args"
  rm -f "$WORK/$s.started" "$WORK/$s.ready"
  podman volume rm -f "$name-tmp" >/dev/null 2>&1 || true
  started=$(now_ms)
  podman run -d --network "$NETWORK" "${opts[@]}" --env-file "$SPECS/$name.env" "$image" >/dev/null
  read -r _ _ port < <(grep '^startup ' "$SPECS/$name.probes")
  PORT[$s]="$(host_port "$name" "$port")"
  (
    url="http://127.0.0.1:${PORT[$s]}"
    until [[ $(http_status "$url$(probe_path "$s" startup)") == 200 ]]; do sleep 0.2; done
    echo $(($(now_ms) - started)) >"$WORK/$s.started"
    if [[ $s != serving ]]; then
      until [[ $(http_status "$url$(probe_path "$s" readiness)") == 200 ]]; do sleep 0.2; done
    fi
    echo $(($(now_ms) - started)) >"$WORK/$s.ready"
  ) &
}
# await_services LIMIT NAME...: waits for the pollers of the named services
await_services() {
  local limit=$1 s deadline=$(($SECONDS + $1)) pending
  shift
  while true; do
    pending=()
    for s in "$@"; do [[ -f $WORK/$s.ready ]] || pending+=("$s"); done
    ((${#pending[@]} > 0)) || break
    for s in "${pending[@]}"; do
      [[ $(podman inspect --format '{{.State.Running}}' "maskflow-$s") == true ]] || fail "maskflow-$s exited"
    done
    ((SECONDS < deadline)) || fail "not started within $limit s: ${pending[*]}"
    sleep 1
  done
  for s in "$@"; do
    STARTED_MS[$s]=$(cat "$WORK/$s.started")
    READY_MS[$s]=$(cat "$WORK/$s.ready")
  done
}
for s in "${SERVICES[@]}"; do start_service "$s"; done
log "six service containers started; waiting for their startup and readiness probes"
await_services 240 "${SERVICES[@]}"
declare -A TOGETHER_STARTED TOGETHER_READY
for s in "${SERVICES[@]}"; do
  TOGETHER_STARTED[$s]=${STARTED_MS[$s]}
  TOGETHER_READY[$s]=${READY_MS[$s]}
  log "maskflow-$s started after $(seconds "${STARTED_MS[$s]}") s, ready after $(seconds "${READY_MS[$s]}") s"
done

# resident memory (VmRSS) of each container's process (the JVM is the container's only process), in MiB
for c in "${CONTAINERS[@]}"; do PID[$c]="$(podman inspect --format '{{.State.Pid}}' "$c")"; done
rss() {
  local c
  for c in "${CONTAINERS[@]}"; do
    echo "$c $(awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/${PID[$c]}/status" 2>/dev/null || echo 0)"
  done
}
sleep 5
rss >"$WORK/memory-idle.txt"
podman stats --no-stream --format '{{.Name}} {{.MemUsage}}' "${CONTAINERS[@]}" >"$WORK/podman-stats-idle.txt" \
  2>/dev/null || true

RUN_ID="container-$(date +%s)"
log "publishing train-and-serve run $RUN_ID $RUN_PARAMETERS"
echo "{\"schemaVersion\":1,\"runId\":\"$RUN_ID\",\"pipeline\":\"train-and-serve\",\"parameters\":$RUN_PARAMETERS,\
\"requestedBy\":\"container-test\"}" | podman exec -i "$KAFKA_HOST" java -cp '/opt/kafka/lib/*' \
  org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$KAFKA_BOOTSTRAP" --topic maskflow.runs.requested \
  >"$WORK/producer.log" 2>&1 || { cat "$WORK/producer.log"; fail "the console producer"; }

ORCH="http://127.0.0.1:${PORT[orchestrator]}"
# every API wants a bearer token: the admin token ContainerSpecs put in the chart's API tokens Secret
AUTH="Authorization: Bearer $(cat "$SPECS/admin.token")"
code="$(http_status "$ORCH/runs")"
[[ $code == 401 ]] || fail "the orchestrator answered $code to a request without a token, not 401"
RUN_STARTED=$SECONDS
: >"$WORK/memory-run.txt"
status=""
while true; do
  status="$(curl -s --max-time 5 -H "$AUTH" "$ORCH/runs/$RUN_ID" | jq -r '.status // empty' 2>/dev/null || true)"
  case "$status" in
    SUCCEEDED) break ;;
    FAILED | CANCELLED | REJECTED)
      curl -s -H "$AUTH" "$ORCH/runs/$RUN_ID" | jq . || true
      fail "run $RUN_ID ended $status" ;;
  esac
  ((SECONDS - RUN_STARTED < 420)) || fail "run $RUN_ID not finished within 420 s (last status '$status')"
  rss >>"$WORK/memory-run.txt"
  podman stats --no-stream --format '{{.Name}} {{.MemUsage}}' "${CONTAINERS[@]}" >>"$WORK/podman-stats-run.txt" \
    2>/dev/null || true
  sleep 2
done
RUN_SECONDS=$((SECONDS - RUN_STARTED))
log "run $RUN_ID succeeded after $RUN_SECONDS s"
curl -s -H "$AUTH" "$ORCH/runs/$RUN_ID" >"$WORK/run.json"
log "steps: $(jq -r '[.steps | to_entries[] | "\(.key) \(.value.phase // .value.status)"] | join(", ")' "$WORK/run.json")"

SERVING="http://127.0.0.1:${PORT[serving]}"
read -r _ ready_path _ < <(grep '^readiness ' "$SPECS/maskflow-serving.probes")
await 90 "serving ready with the promoted model" sh -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' \
  $SERVING$ready_path)\" = 200 ]"
answer="$(curl -s --max-time 30 -w '\n%{http_code}' -H "$AUTH" -H 'Content-Type: image/jpeg' \
  --data-binary @dev/src/main/resources/io/maskflow/dev/face.jpg "$SERVING/predict")"
code="${answer##*$'\n'}"
body="${answer%$'\n'*}"
[[ $code == 200 ]] || fail "serving answered $code: $body"
jq -e '.class | type == "number"' <<<"$body" >/dev/null || fail "serving's answer has no class: $body"
log "serving predicted: $(jq -c '{class, modelId}' <<<"$body" 2>/dev/null || echo "$body")"

for s in "${SERVICES[@]}"; do
  while read -r kind path port; do
    code="$(http_status "http://127.0.0.1:${PORT[$s]}$path")"
    [[ $code == 200 ]] || fail "maskflow-$s: $kind probe $path answered $code"
  done <"$SPECS/maskflow-$s.probes"
done
for c in "${CONTAINERS[@]}"; do
  read -r running restarts oom < <(podman inspect --format '{{.State.Running}} {{.RestartCount}} {{.State.OOMKilled}}' "$c")
  [[ $running == true && $restarts == 0 && $oom == false ]] \
    || fail "$c: running=$running restarts=$restarts oomKilled=$oom"
done
log "every probe of every service answers 200; no container restarted or was killed"
rss >"$WORK/memory-after.txt"

# STARTUP_REPEATS=N: each service alone (the others idle), N times: podman rm, podman run, time to its probes
declare -A ALONE
repeats="${STARTUP_REPEATS:-0}"
for ((r = 1; r <= repeats; r++)); do
  for s in "${SERVICES[@]}"; do
    podman rm -f -t 30 "maskflow-$s" >/dev/null
    start_service "$s"
    await_services 180 "$s"
    ALONE[$s]+="${STARTED_MS[$s]}/${READY_MS[$s]} "
    log "alone, round $r: maskflow-$s started after $(seconds "${STARTED_MS[$s]}") s, ready after $(seconds "${READY_MS[$s]}") s"
  done
done
# median and range of a list of ms values
spread() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
  printf "%.1f s (%.1f-%.1f)", m / 1000, v[1] / 1000, v[NR] / 1000}'; }
# highest podman stats memory per container, in MB
stats_max() { awk -v c="$1" '$1 == c {v = $2; n = v + 0; if (v ~ /GB/) n *= 1000; if (v ~ /kB/) n /= 1000; if (n > m) m = n}
  END {printf "%d", m}' "$2"; }

{
  echo "containerised system test, $(date -u +%Y-%m-%dT%H:%MZ), run $RUN_ID $RUN_PARAMETERS"
  echo "run: $RUN_SECONDS s from publishing to SUCCEEDED"
  echo
  echo "image sizes (podman image ls):"
  podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -e "^$REGISTRY/" -e maskflow-base | sort
  echo
  echo "from podman run to the startup probe / the readiness probe answering 200 (all six started at once):"
  for s in "${SERVICES[@]}"; do
    printf '  %-13s %5s s / %5s s\n' "$s" "$(seconds "${TOGETHER_STARTED[$s]}")" \
      "$([[ $s == serving ]] && echo "-" || seconds "${TOGETHER_READY[$s]}")"
  done
  echo
  echo "resident memory (VmRSS of the container's JVM, MiB): idle after start / highest during the run (sampled"
  echo "every ~2 s) / after the run (serving with the model loaded, after one prediction)"
  for c in "${CONTAINERS[@]}"; do
    printf '  %-32s %5s / %5s / %5s\n' "$c" "$(awk -v c="$c" '$1 == c {print $2}' "$WORK/memory-idle.txt")" \
      "$(awk -v c="$c" '$1 == c && $2 > m {m = $2} END {print m + 0}' "$WORK/memory-run.txt")" \
      "$(awk -v c="$c" '$1 == c {print $2}' "$WORK/memory-after.txt")"
  done
  echo
  echo "podman stats MEM USAGE (the container's cgroup, page cache of its files included, MB): idle / highest during the run"
  for c in "${CONTAINERS[@]}"; do
    printf '  %-32s %5s / %5s\n' "$c" "$(stats_max "$c" "$WORK/podman-stats-idle.txt")" \
      "$(stats_max "$c" "$WORK/podman-stats-run.txt")"
  done
  if ((repeats > 0)); then
    echo
    echo "each service started alone, $repeats times (median, range): to the startup probe; to the readiness probe"
    for s in "${SERVICES[@]}"; do
      printf '  %-13s %s; %s\n' "$s" "$(tr ' ' '\n' <<<"${ALONE[$s]}" | cut -d/ -f1 | tr '\n' ' ' | spread)" \
        "$([[ $s == serving ]] && echo "- (ready once a model is loaded)" \
          || tr ' ' '\n' <<<"${ALONE[$s]}" | cut -d/ -f2 | tr '\n' ' ' | spread)"
    done
  fi
} | tee "$WORK/measurements.txt"
log "containerised system test passed in $((SECONDS - STARTED)) s"
