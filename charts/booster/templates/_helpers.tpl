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

{{/* The Lease of leader election: --lease-name, and the one Lease the leader-election Role names. */}}
{{- define "booster.leaseName" -}}
{{- .Values.leaderElection.leaseName | default (include "booster.operatorName" .) }}
{{- end }}

{{/*
Refuses to render a prometheus-operator object (ServiceMonitor, PodMonitor, PrometheusRule) that the
cluster does not serve, with what to do, instead of the API server's "no matches for kind".
Arguments: the root context, the kind, the value that turned it on.
*/}}
{{- define "booster.requireMonitoringKind" -}}
{{- $root := index . 0 }}
{{- $kind := index . 1 }}
{{- $value := index . 2 }}
{{- if and $root.Values.monitoring.requireCrds (not ($root.Capabilities.APIVersions.Has (printf "monitoring.coreos.com/v1/%s" $kind))) }}
{{- fail (printf "%s is true, but the cluster does not serve monitoring.coreos.com/v1 %s: install prometheus-operator's CRDs first (kube-prometheus-stack brings them) or set %s=false; when rendering offline (helm template), pass --api-versions monitoring.coreos.com/v1/%s, or set monitoring.requireCrds=false when the same install brings the CRDs" $value $kind $value $kind) }}
{{- end }}
{{- end }}

{{/* "true" when the operator takes the Lease (deployment.yaml refuses false with several replicas). */}}
{{- define "booster.leaderElect" -}}
{{- if .Values.leaderElection.enabled }}true{{ else }}false{{ end }}
{{- end }}
