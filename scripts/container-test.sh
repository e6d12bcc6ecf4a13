#!/usr/bin/env bash
# The containerised system test: Maskflow started from its images as the Helm chart would start it, then one
# small train-and-serve run end to end.
#   1. builds the images (scripts/build-images.sh; --skip-build to use the ones there are)
#   2. renders the chart with real Helm (io.maskflow.deploy.ContainerSpecs in the helm module) and reads from it,
#      per service, the environment, port, probes, memory limit and security context (read-only root file system,
#      dropped capabilities, user 10001, no privilege escalation, /tmp as a fresh volume like the emptyDir)
#   3. a podman network with the Kafka broker and the S3 server as containers named as the chart's cluster
#      host names (its Strimzi bootstrap service and its MinIO service), so the rendered values are used unchanged;
#      the S3 server gets the credentials of the chart's store Secret
#   4. the six service containers; waits for each startup probe and measures the time from `podman run` to it
#   5. a train-and-serve request published with Kafka's console producer (inside the broker's container), waits
#      for the run to succeed, asks serving for a prediction, and checks every container's probes are green
#   6. prints image sizes, times to ready and resident memory (podman stats) at idle and the highest seen during
#      the run; writes them to target/container-test/measurements.txt
# Usage: scripts/container-test.sh [--skip-build] [--keep]   (--keep leaves the containers running)
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
RUN_PARAMETERS='{"persons":24,"evalPersons":6,"epochs":1,"imageSize":48,"seed":17}'
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
mvn -B -o -q -pl helm test-compile exec:java -Dexec.mainClass=io.maskflow.deploy.ContainerSpecs \
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

declare -A RUN_AT READY_MS PORT
for s in "${SERVICES[@]}"; do
  name="maskflow-$s"
  image="$(cat "$SPECS/$name.image")"
  user="$(podman image inspect --format '{{.Config.User}}' "$image")"
  [[ -n $user && ${user%%:*} != 0 && ${user%%:*} != root ]] || fail "$image runs as root (user '$user')"
  mapfile -t opts <"$SPECS/$name.args"
  RUN_AT[$s]=$(now_ms)
  podman run -d --network "$NETWORK" "${opts[@]}" --env-file "$SPECS/$name.env" "$image" >/dev/null
done
for s in "${SERVICES[@]}"; do
  name="maskflow-$s"
  read -r _ path port < <(grep '^startup ' "$SPECS/$name.probes")
  PORT[$s]="$(host_port "$name" "$port")"
done
log "six service containers started; waiting for their startup probes"
pending=("${SERVICES[@]}")
deadline=$((SECONDS + 240))
while ((${#pending[@]} > 0)); do
  left=()
  for s in "${pending[@]}"; do
    read -r _ path _ < <(grep '^startup ' "$SPECS/maskflow-$s.probes")
    if [[ $(http_status "http://127.0.0.1:${PORT[$s]}$path") == 200 ]]; then
      READY_MS[$s]=$(($(now_ms) - RUN_AT[$s]))
      log "maskflow-$s started after $((READY_MS[$s] / 1000)).$((READY_MS[$s] % 1000 / 100)) s"
    elif [[ $(podman inspect --format '{{.State.Running}}' "maskflow-$s") != true ]]; then
      fail "maskflow-$s exited"
    else
      left+=("$s")
    fi
  done
  pending=("${left[@]}")
  ((${#pending[@]} == 0)) || ((SECONDS < deadline)) || fail "not started within 240 s: ${pending[*]}"
  sleep 0.25
done

stats() { podman stats --no-stream --no-reset --format '{{.Name}} {{.MemUsage}}' "${CONTAINERS[@]}" 2>/dev/null; }
sleep 5
stats >"$WORK/memory-idle.txt"

RUN_ID="container-$(date +%s)"
log "publishing train-and-serve run $RUN_ID $RUN_PARAMETERS"
echo "{\"schemaVersion\":1,\"runId\":\"$RUN_ID\",\"pipeline\":\"train-and-serve\",\"parameters\":$RUN_PARAMETERS,\
\"requestedBy\":\"container-test\"}" | podman exec -i "$KAFKA_HOST" java -cp '/opt/kafka/lib/*' \
  org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$KAFKA_BOOTSTRAP" --topic maskflow.runs.requested \
  >"$WORK/producer.log" 2>&1 || { cat "$WORK/producer.log"; fail "the console producer"; }

ORCH="http://127.0.0.1:${PORT[orchestrator]}"
RUN_STARTED=$SECONDS
: >"$WORK/memory-run.txt"
status=""
while true; do
  status="$(curl -s --max-time 5 "$ORCH/runs/$RUN_ID" | jq -r '.status // empty' 2>/dev/null || true)"
  case "$status" in
    SUCCEEDED) break ;;
    FAILED | CANCELLED | REJECTED)
      curl -s "$ORCH/runs/$RUN_ID" | jq . || true
      fail "run $RUN_ID ended $status" ;;
  esac
  ((SECONDS - RUN_STARTED < 420)) || fail "run $RUN_ID not finished within 420 s (last status '$status')"
  stats >>"$WORK/memory-run.txt"
  sleep 2
done
log "run $RUN_ID succeeded after $((SECONDS - RUN_STARTED)) s"
curl -s "$ORCH/runs/$RUN_ID" | jq -c '[.steps | to_entries[] | {step: .key, status: .value.status}]' || true

SERVING="http://127.0.0.1:${PORT[serving]}"
read -r _ ready_path _ < <(grep '^readiness ' "$SPECS/maskflow-serving.probes")
await 90 "serving ready with the promoted model" sh -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' \
  $SERVING$ready_path)\" = 200 ]"
answer="$(curl -s --max-time 30 -w '\n%{http_code}' -H 'Content-Type: image/jpeg' \
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

{
  echo "containerised system test, $(date -u +%Y-%m-%dT%H:%MZ), run $RUN_ID $RUN_PARAMETERS"
  echo "run: $((SECONDS - RUN_STARTED)) s from publishing to SUCCEEDED"
  echo
  echo "image sizes (podman image ls):"
  podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -e "^$REGISTRY/" -e maskflow-base | sort
  echo
  echo "from podman run to the startup probe answering 200:"
  for s in "${SERVICES[@]}"; do printf '  %-13s %5d ms\n' "$s" "${READY_MS[$s]}"; done
  echo
  echo "resident memory (podman stats MEM USAGE / LIMIT): idle, after start"
  sed 's/^/  /' "$WORK/memory-idle.txt"
  echo
  echo "resident memory: highest sample during the run (every ~2 s)"
  # the highest usage per container; units as podman prints them (kB, MB, GB)
  awk '{v=$2; u=v; sub(/[0-9.]+/,"",u); n=v+0; if(u=="GB")n*=1000; if(u=="kB")n/=1000;
        if(n>max[$1]){max[$1]=n; lim[$1]=$4}} END{for(c in max) printf "  %-32s %7.0f MB / %s\n", c, max[c], lim[c]}' \
    "$WORK/memory-run.txt" | sort
} | tee "$WORK/measurements.txt"
log "containerised system test passed in $((SECONDS - STARTED)) s"
