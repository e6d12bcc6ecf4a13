#!/usr/bin/env bash
# Runs Maskflow on this machine: builds it, starts the local stack (a real Kafka broker and a real S3 server,
# each its own process), starts every service as its own process, publishes a train-and-serve run request to
# Kafka and shows each service's health. Runs until Ctrl-C, then stops everything it started. Data, logs and
# artifacts stay under .maskflow/, so a second start finds them again.
#
# Usage: ./run-local.sh [--no-build]
#   MASKFLOW_PARAMS='{"persons":600,"epochs":20}' ./run-local.sh   overrides train-and-serve's parameters
#   TRAINER_HEAP=4g ./run-local.sh   the trainer's heap (default 2g): it holds every training image in memory,
#                                    about 12 KiB each at 64 px, and refuses a data set that needs over half of it
#   EVALUATOR_HEAP=3g ./run-local.sh the evaluator's heap (default 1g): it holds the sets it judges in memory; a
#                                    step that runs out fails with code out-of-memory and says so
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="$ROOT/.maskflow"
LOGS="$STATE/logs"
KAFKA="127.0.0.1:9092"
KAFKA_CP="$ROOT/dev/target/stack/kafka/*"
# Each service logs in to Kafka as its own principal (SASL SCRAM-SHA-512); the local stack writes every
# principal's client settings here, readable by the user only.
KAFKA_CLIENTS="$STATE/stack/kafka/clients"
# service name, module folder, HTTP port, heap: the trainer and the evaluator hold a data set's images in memory
SERVICES=(
  "orchestrator pipeline/orchestrator 8080 384m"
  "datagen services/datagen 8081 384m"
  "preprocess services/preprocess 8082 384m"
  "trainer services/trainer 8083 ${TRAINER_HEAP:-2g}"
  "evaluator services/evaluator 8084 ${EVALUATOR_HEAP:-1g}"
  "serving services/serving 8085 384m"
)
PIDS=()
# PyTorch allocates and frees its tensors' memory through malloc at every batch; by default glibc hands large freed
# blocks back to the kernel and faults them in again (65,000 page faults a second while training, dear on a
# virtual machine). Keeping up to 1 GiB of freed memory, and blocks up to 32 MiB in the heap,
# made TrainingBenchmark take 63 - 73 s instead of 93 - 114 s, with steadier rates. The trainer also allocates from
# one arena: a thread's own arena hands whole 64 MiB heaps back as soon as they empty, whatever the trim threshold
# (its train step 5 min 34 s instead of 8 min 17 s; serving answered a little less at 4 - 16 connections with it).
NATIVE_MEMORY="glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824"
TRAINER_NATIVE_MEMORY="$NATIVE_MEMORY:glibc.malloc.arena_max=1"

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*"; }

# Stops every process this script started, within seconds: TERM first, then KILL for any still there after
# STOP_GRACE seconds. Ends the script (a trap that returned would let it carry on with a dead stack).
STOP_GRACE=10
stop_all() {
  local code=${1:-0}
  trap - INT TERM EXIT
  if ((${#PIDS[@]} > 0)); then
    log "Stopping ${#PIDS[@]} processes..."
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    local deadline=$((SECONDS + STOP_GRACE))
    for pid in "${PIDS[@]}"; do
      while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
    done
    log "Stopped. Data and logs kept in $STATE"
  fi
  exit "$code"
}

wait_for_line() { # file, text, seconds
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    if ((SECONDS > deadline)); then log "Timed out waiting for '$2' in $1:"; tail -20 "$1"; exit 1; fi
    sleep 0.5
  done
}

health() { # port
  curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/q/health/ready" 2>/dev/null || echo "---"
}

alive() { # port
  curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/q/health/live" 2>/dev/null || echo "---"
}

mkdir -p "$LOGS"
cd "$ROOT"

if [[ "${1:-}" != "--no-build" ]]; then
  log "Building Maskflow (mvn install -DskipTests; log in $LOGS/build.log)..."
  started=$SECONDS
  if ! mvn -B -q install -DskipTests >"$LOGS/build.log" 2>&1; then
    tail -40 "$LOGS/build.log"; log "Build failed; see $LOGS/build.log"; exit 1
  fi
  log "Built in $((SECONDS - started)) s"
fi

trap 'stop_all 130' INT
trap 'stop_all 143' TERM
trap 'stop_all $?' EXIT

log "Starting the local stack (Kafka broker and S3 server)..."
java -cp "$ROOT/dev/target/classes:$KAFKA_CP" io.maskflow.dev.LocalStack "$ROOT" >"$LOGS/stack.log" 2>&1 &
PIDS+=($!)
wait_for_line "$LOGS/stack.log" "Local stack ready" 180
sed -n '1,5p' "$LOGS/stack.log"
# the local stack made an admin API token on its first start; every HTTP call below (and ./maskflow) sends it,
# or MASKFLOW_TOKEN when that is set
AUTH="Authorization: Bearer ${MASKFLOW_TOKEN:-$(cat "$STATE/token")}"

kafka_setting() { # principal, key
  sed -n "s/^$2=//p" "$KAFKA_CLIENTS/$1.properties"
}

for entry in "${SERVICES[@]}"; do
  read -r name dir port heap <<<"$entry"
  # the password goes in the environment (readable by this user only), not on the command line
  KAFKA_SECURITY_PROTOCOL="$(kafka_setting "$name" security.protocol)" \
  KAFKA_SASL_MECHANISM="$(kafka_setting "$name" sasl.mechanism)" \
  KAFKA_SASL_JAAS_CONFIG="$(kafka_setting "$name" sasl.jaas.config)" \
  GLIBC_TUNABLES="$([[ $name == trainer ]] && echo "$TRAINER_NATIVE_MEMORY" || echo "$NATIVE_MEMORY")" \
  java -Xmx"$heap" -XX:+UseSerialGC -Dai.djl.offline=true \
    -Dquarkus.http.port="$port" -Dkafka.bootstrap.servers="$KAFKA" \
    -Dmaskflow.auth.tokens-file="$STATE/auth/tokens" -Dmaskflow.promotion.key-file="$STATE/auth/promotion-key" \
    -jar "$ROOT/$dir/target/quarkus-app/quarkus-run.jar" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
done
log "Started ${#SERVICES[@]} services; waiting for them to be ready..."
for entry in "${SERVICES[@]}"; do
  read -r name dir port _ <<<"$entry"
  deadline=$((SECONDS + 120))
  # serving is ready only once a model is loaded, which on a first start comes with this run's promotion
  probe=health
  [[ $name == serving ]] && probe=alive
  until [[ "$($probe "$port")" == "200" ]]; do
    if ((SECONDS > deadline)); then log "$name is not ready; see $LOGS/$name.log"; tail -20 "$LOGS/$name.log"; exit 1; fi
    sleep 1
  done
done

RUN_ID="local-$(date +%Y%m%d-%H%M%S)"
REQUEST="{\"schemaVersion\":1,\"runId\":\"$RUN_ID\",\"pipeline\":\"train-and-serve\",\"parameters\":${MASKFLOW_PARAMS:-{\}},\"requestedBy\":\"run-local.sh\"}"
log "Publishing a run request to maskflow.runs.requested with Kafka's console producer (as 'submitter'):"
echo "  $REQUEST"
echo "$REQUEST" | java -cp "$KAFKA_CP" org.apache.kafka.tools.ConsoleProducer \
  --bootstrap-server "$KAFKA" --producer.config "$KAFKA_CLIENTS/submitter.properties" \
  --topic maskflow.runs.requested >>"$LOGS/producer.log" 2>&1
java -cp "$KAFKA_CP" org.apache.kafka.tools.GetOffsetShell \
  --bootstrap-server "$KAFKA" --command-config "$KAFKA_CLIENTS/submitter.properties" \
  --topic maskflow.runs.requested 2>>"$LOGS/producer.log" \
  | sed 's/^/  topic:partition:end offset  /'

echo
log "Following the run on the orchestrator's event stream (one connection; Ctrl-C stops everything)..."
# as long as the run moves, however slow the machine; it gives up after MASKFLOW_STALL without any progress
# (in the background, so that a TERM to this script is handled at once; a redrawn display on a terminal)
display=--plain
[[ -t 1 && "${TERM:-dumb}" != dumb ]] && display=--live
"$ROOT/maskflow" run "$RUN_ID" --follow --cpu "$display" --stall "${MASKFLOW_STALL:-10m}" &
follower=$!
PIDS+=("$follower")
set +e
wait "$follower"
outcome=$?
set -e
unset 'PIDS[-1]'
case $outcome in
  0) ;;
  3) log "The run made no progress for ${MASKFLOW_STALL:-10m}; the services stay up: see $LOGS and ./maskflow logs $RUN_ID" ;;
  *) log "The run did not succeed (above: the failing step, its error and the end of its log)" ;;
esac
echo
printf '  %-13s %-6s %-7s %s\n' SERVICE PORT READY "METRICS"
for entry in "${SERVICES[@]}"; do
  read -r name dir port _ <<<"$entry"
  printf '  %-13s %-6s %-7s %s\n' "$name" "$port" "$(health "$port")" "http://127.0.0.1:$port/q/metrics"
done
echo
log "Runs: http://127.0.0.1:8080/ (web page; it asks once for the token in .maskflow/token), ./maskflow runs,"
log "      ./maskflow run $RUN_ID --follow"
if ((outcome == 0)); then
  PHOTO="$STATE/photo.jpg"
  curl -s -H "$AUTH" -o "$PHOTO" 'http://127.0.0.1:8081/datasets/preview?seed=5&person=3&photo=incorrect_mask'
  deadline=$((SECONDS + 60))
  until [[ "$(health 8085)" == "200" ]] || ((SECONDS > deadline)); do sleep 1; done
  log "Asking serving about a generated photo ($PHOTO, a person with the mask worn incorrectly):"
  echo "  curl -s -H \"Authorization: Bearer \$(cat .maskflow/token)\" -H 'Content-Type: image/jpeg' --data-binary @$PHOTO http://127.0.0.1:8085/predict"
  curl -s -H "$AUTH" -H 'Content-Type: image/jpeg' --data-binary @"$PHOTO" http://127.0.0.1:8085/predict \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); print("  ->", {k: r.get(k) for k in ("class","label","modelId","latencyMs","error")})' \
    2>/dev/null || true
fi
echo
log "Logs: $LOGS. Press Ctrl-C to stop everything."
# wait returns when a signal arrives; the trap then stops everything
while kill -0 "${PIDS[0]}" 2>/dev/null; do wait "${PIDS[0]}" || true; done
