{{/* Chart name, overridable. */}}
{{- define "booster.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every object name: the release name, plus the chart name unless it already holds it. */}}
{{- define "booster.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of the operator Deployment and of the objects that belong to it. */}}
{{- define "booster.operatorName" -}}
{{- printf "%s-operator" (include "booster.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "booster.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the operator pods; never change them after install. */}}
{{- define "booster.selectorLabels" -}}
app.kubernetes.io/name: {{ include "booster.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "booster.labels" -}}
helm.sh/chart: {{ include "booster.chart" . }}
{{ include "booster.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: booster
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "booster.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "booster.operatorName" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "booster.operatorImage" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The runtime image the operator gives BoosterRuntimes that name none (--runtime-image). */}}
{{- define "booster.runtimeImage" -}}
{{- printf "%s:%s" .Values.runtime.image.repository (default .Chart.AppVersion .Values.runtime.image.tag) }}
{{- end }}

{{/* "true" when the operator takes the Lease (deployment.yaml refuses false with several replicas). */}}
{{- define "booster.leaderElect" -}}
{{- if .Values.leaderElection.enabled }}true{{ else }}false{{ end }}
{{- end }}
