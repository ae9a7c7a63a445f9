{{- define "logsift.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "logsift.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end -}}

{{- define "logsift.labels" -}}
{{ include "logsift.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "logsift.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "logsift.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "logsift.secretName" -}}
{{- default (printf "%s-credentials" (include "logsift.fullname" .)) .Values.secret.existingSecret -}}
{{- end -}}

{{/* The base path checked as Logsift checks server.basePath, so a wrong one fails the install, not the pod. */}}
{{- define "logsift.basePath" -}}
{{- $path := .Values.basePath | default "" -}}
{{- if and $path (not (regexMatch "^(/[A-Za-z0-9._~-]+)+$" $path)) -}}
{{- fail (printf "basePath %q must look like /logs (no trailing slash)" $path) -}}
{{- end -}}
{{- $path -}}
{{- end -}}

{{/* logsift.yaml: .Values.config with server.basePath taken from .Values.basePath. */}}
{{- define "logsift.config" -}}
{{- $config := deepCopy .Values.config -}}
{{- $server := get $config "server" | default dict -}}
{{- $basePath := include "logsift.basePath" . -}}
{{- if and (hasKey $server "basePath") (ne (toString (get $server "basePath")) $basePath) -}}
{{- fail "set the base path with basePath, not config.server.basePath: the probes and the Ingress follow basePath" -}}
{{- end -}}
{{- if $basePath -}}
{{- $_ := set $server "basePath" $basePath -}}
{{- end -}}
{{- $_ := set $config "server" $server -}}
{{- toYaml $config -}}
{{- end -}}
