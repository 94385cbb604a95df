{{- define "gradex.labels" -}}
app.kubernetes.io/part-of: gradex
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{/* Image reference: registry/gradex-<name> with @digest when set, else :tag. */}}
{{- define "gradex.image" -}}
{{- $root := index . 0 -}}{{- $name := index . 1 -}}{{- $key := index . 2 -}}
{{- $digest := index $root.Values.images.digests $key | default "" -}}
{{- if $digest -}}
{{ $root.Values.images.registry }}/gradex-{{ $name }}@{{ $digest }}
{{- else -}}
{{ $root.Values.images.registry }}/gradex-{{ $name }}:{{ $root.Values.images.tag }}
{{- end -}}
{{- end }}

{{- define "gradex.claimName" -}}
{{- .Values.persistence.existingClaim | default "gradex-data" -}}
{{- end }}

{{- define "gradex.mlflowSecret" -}}
{{- .Values.mlflow.existingSecret | default "gradex-mlflow" -}}
{{- end }}

{{- define "gradex.trackingUri" -}}
{{- if .Values.mlflow.enabled -}}
http://gradex-mlflow.{{ .Release.Namespace }}.svc.cluster.local:5000
{{- else -}}
{{ .Values.mlflow.trackingUri }}
{{- end -}}
{{- end }}

{{/*
Pod securityContext of every pod: a non-root uid/gid (argument; 65532 is the images' Jib user),
the runtime's default seccomp profile. docs/security.md; PodSecurityIT checks every pod.
*/}}
{{- define "gradex.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* securityContext of every container: read-only root, no privilege escalation, no capabilities. */}}
{{- define "gradex.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}
