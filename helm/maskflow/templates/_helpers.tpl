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
  read: [maskflow.runs.requested, maskflow.runs.cancel, maskflow.steps.events]
  write: [maskflow.runs.requested, maskflow.runs.cancel, maskflow.runs.events, maskflow.steps.datagen, maskflow.steps.preprocess, maskflow.steps.train, maskflow.steps.evaluate, maskflow.deadletter]
  groups: [maskflow-orchestrator]
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
  groups: [maskflow-evaluator, maskflow-evaluator-promotions]
  groupPrefixes: []
serving:
  read: [maskflow.models.promoted]
  write: [maskflow.deadletter]
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

{{/*
  The store prefixes each service reads and writes (see docs/security.md and docs/artifacts.md); "" is the whole
  bucket. Step services read the orchestrator's requests that an attempt stop (runs/<runId>/stop/) and
  write the logs of their attempts (runs/<runId>/logs/). Rendered into one MinIO policy per service when store.minio.serviceKeys is on.
*/}}
{{- define "maskflow.storeAccess" -}}
orchestrator:
  read: [""]
  write: [runs/, datasets/, blobs/]
datagen:
  read: [datasets/, blobs/, steps/datagen/, idempotency/, runs/*/stop/]
  write: [steps/datagen/, idempotency/, runs/*/logs/]
preprocess:
  read: [datasets/, blobs/, steps/datagen/, steps/preprocess/, idempotency/, runs/*/stop/]
  write: [steps/preprocess/, blobs/, datasets/imported/, idempotency/, runs/*/logs/]
trainer:
  read: [steps/preprocess/, steps/train/, steps/evaluate/, jobs/train/, idempotency/, runs/*/stop/]
  write: [steps/train/, jobs/train/, idempotency/, runs/*/logs/]
evaluator:
  read: [steps/, datasets/, blobs/, models/, idempotency/, runs/*/stop/]
  write: [steps/evaluate/, models/promoted.json, idempotency/, runs/*/logs/]
serving:
  read: [models/, steps/train/, steps/evaluate/]
  write: []
{{- end }}

{{/* The MinIO policy of one service (call with a dict: root, name). */}}
{{- define "maskflow.storePolicy" -}}
{{- $bucket := .root.Values.store.bucket }}
{{- $a := index (include "maskflow.storeAccess" .root | fromYaml) .name }}
{{- $objects := list }}
{{- range $a.read }}
{{- $objects = append $objects (printf "arn:aws:s3:::%s/%s%s" $bucket . (ternary "" "*" (hasSuffix ".json" .))) }}
{{- end }}
{{- $writes := list }}
{{- range $a.write }}
{{- $writes = append $writes (printf "arn:aws:s3:::%s/%s%s" $bucket . (ternary "" "*" (hasSuffix ".json" .))) }}
{{- end }}
{{- $statements := list (dict "Effect" "Allow" "Action" (list "s3:GetBucketLocation" "s3:ListBucket" "s3:ListBucketMultipartUploads") "Resource" (list (printf "arn:aws:s3:::%s" $bucket))) }}
{{- $statements = append $statements (dict "Effect" "Allow" "Action" (list "s3:GetObject") "Resource" (concat $objects $writes | uniq)) }}
{{- if $writes }}
{{- $statements = append $statements (dict "Effect" "Allow" "Action" (list "s3:PutObject" "s3:DeleteObject" "s3:AbortMultipartUpload" "s3:ListMultipartUploadParts") "Resource" $writes) }}
{{- end }}
{{- dict "Version" "2012-10-17" "Statement" $statements | toJson }}
{{- end }}

{{/* The store Secret of one service (call with a dict: root, name). */}}
{{- define "maskflow.serviceStoreSecret" -}}
{{- $given := index .root.Values.store.serviceSecrets .name }}
{{- if $given }}
{{- $given }}
{{- else if and .root.Values.store.minio.serviceKeys .root.Values.store.minio.enabled (not .root.Values.store.endpoint) }}
{{- printf "%s-store-%s" (include "maskflow.fullname" .root) .name }}
{{- else }}
{{- include "maskflow.storeSecretName" .root }}
{{- end }}
{{- end }}
