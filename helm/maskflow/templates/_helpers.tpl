{{/* The chart's name. */}}
{{- define "maskflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's base name for resources. */}}
{{- define "maskflow.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "maskflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "maskflow.labels" -}}
helm.sh/chart: {{ include "maskflow.chart" . }}
app.kubernetes.io/name: {{ include "maskflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: maskflow
{{- end }}

{{/* Labels of one component (call with a dict: root, component). */}}
{{- define "maskflow.componentLabels" -}}
{{ include "maskflow.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Selector labels of one component (call with a dict: root, component). */}}
{{- define "maskflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "maskflow.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* A service image: registry/name:tag. */}}
{{- define "maskflow.image" -}}
{{- printf "%s/%s:%s" .root.Values.global.imageRegistry .image (default .root.Chart.AppVersion .root.Values.global.imageTag) }}
{{- end }}

{{- define "maskflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "maskflow.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Kafka bootstrap servers: the given ones, or the Strimzi cluster's. */}}
{{- define "maskflow.kafkaBootstrap" -}}
{{- if .Values.kafka.bootstrapServers }}
{{- .Values.kafka.bootstrapServers }}
{{- else }}
{{- printf "%s-kafka-kafka-bootstrap:9092" (include "maskflow.fullname" .) }}
{{- end }}
{{- end }}

{{/* S3 endpoint: the given one, or the release's MinIO. */}}
{{- define "maskflow.storeEndpoint" -}}
{{- if .Values.store.endpoint }}
{{- .Values.store.endpoint }}
{{- else }}
{{- printf "http://%s-minio:9000" (include "maskflow.fullname" .) }}
{{- end }}
{{- end }}

{{/* The Secret with the store credentials (keys accessKey, secretKey). */}}
{{- define "maskflow.storeSecretName" -}}
{{- default (printf "%s-store" (include "maskflow.fullname" .)) .Values.store.existingSecret }}
{{- end }}

{{/* The services of the chart, in a fixed order, with their port. */}}
{{- define "maskflow.services" -}}
orchestrator: 8080
datagen: 8081
preprocess: 8082
trainer: 8083
evaluator: 8084
serving: 8085
{{- end }}

{{/* The Strimzi Kafka cluster's name. */}}
{{- define "maskflow.kafkaCluster" -}}
{{- printf "%s-kafka" (include "maskflow.fullname" .) }}
{{- end }}

{{/* Whether the services log in as their own Strimzi KafkaUser. */}}
{{- define "maskflow.strimziUsers" -}}
{{- if and .Values.kafka.strimzi.enabled (not .Values.kafka.bootstrapServers) .Values.kafka.strimzi.users }}true{{ end }}
{{- end }}

{{/*
  What each service may do on Kafka: topics it reads and writes, consumer groups by name and by prefix. The same
  table is in dev/src/main/java/io/maskflow/dev/KafkaUsers.java (the local broker) and in docs/security.md.
*/}}
{{- define "maskflow.kafkaAccess" -}}
orchestrator:
  read: [maskflow.runs.requested, maskflow.steps.events]
  write: [maskflow.runs.events, maskflow.steps.datagen, maskflow.steps.preprocess, maskflow.steps.train, maskflow.steps.evaluate, maskflow.deadletter]
  groups: [maskflow-orchestrator-requests, maskflow-orchestrator-steps]
  groupPrefixes: []
datagen:
  read: [maskflow.steps.datagen]
  write: [maskflow.steps.datagen, maskflow.steps.events, maskflow.deadletter]
  groups: [maskflow-datagen]
  groupPrefixes: []
preprocess:
  read: [maskflow.steps.preprocess]
  write: [maskflow.steps.preprocess, maskflow.steps.events, maskflow.deadletter]
  groups: [maskflow-preprocess]
  groupPrefixes: []
trainer:
  read: [maskflow.steps.train]
  write: [maskflow.steps.events, maskflow.deadletter]
  groups: [maskflow-trainer]
  groupPrefixes: []
evaluator:
  read: [maskflow.steps.evaluate]
  write: [maskflow.steps.evaluate, maskflow.steps.events, maskflow.models.promoted, maskflow.deadletter]
  groups: [maskflow-evaluator]
  groupPrefixes: []
serving:
  read: [maskflow.models.promoted]
  write: []
  groups: []
  groupPrefixes: [maskflow-serving-]
submitter:
  read: []
  write: [maskflow.runs.requested]
  groups: []
  groupPrefixes: []
{{- end }}

{{/* The Secret with the promotion signing key (key "key"). */}}
{{- define "maskflow.promotionSecretName" -}}
{{- default (printf "%s-promotion" (include "maskflow.fullname" .)) .Values.promotion.keySecret }}
{{- end }}
