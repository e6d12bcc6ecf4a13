#!/bin/sh
# Starts the broker as dev/'s KafkaBroker does: writes server.properties, formats the storage on the first start,
# then runs kafka.Kafka in the foreground. Clients reach it as KAFKA_ADVERTISED_HOST:9092 (default: the
# container's host name); the data lives under KAFKA_DATA (/tmp/kafka: a tmpfs or volume in a read-only container).
set -eu
host="${KAFKA_ADVERTISED_HOST:-$(hostname)}"
data="${KAFKA_DATA:-/tmp/kafka}"
mkdir -p "$data/logs"
cat > "$data/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
listeners=PLAINTEXT://0.0.0.0:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://$host:9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data/logs
num.partitions=2
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
java_opts="-Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Dlog4j2.configurationFile=/opt/kafka/kafka-log4j2.xml"
if [ ! -f "$data/logs/meta.properties" ]; then
  # a cluster id: 16 random bytes, base64url without padding, not starting with '-'
  id=-
  while [ "${id#-}" != "$id" ]; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  done
  # shellcheck disable=SC2086
  java $java_opts -cp '/opt/kafka/lib/*' kafka.tools.StorageTool format -t "$id" -c "$data/server.properties"
fi
# shellcheck disable=SC2086
exec java $java_opts -cp '/opt/kafka/lib/*' kafka.Kafka "$data/server.properties"
