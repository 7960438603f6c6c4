{{- define "seer.fullname" -}}
{{- printf "%s" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "seer.labels" -}}
app.kubernetes.io/name: seer
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "seer.selector" -}}
app.kubernetes.io/name: seer
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "seer.secretName" -}}
{{- if .Values.secrets.existingSecret -}}{{ .Values.secrets.existingSecret }}{{- else -}}{{ include "seer.fullname" . }}-env{{- end -}}
{{- end -}}

{{- define "seer.keysSecretName" -}}
{{- if .Values.secrets.keysSecret -}}{{ .Values.secrets.keysSecret }}{{- else -}}{{ include "seer.fullname" . }}-keys{{- end -}}
{{- end -}}

{{- define "seer.artifactsClaim" -}}
{{- if .Values.artifacts.persistentVolumeClaim.existingClaim -}}{{ .Values.artifacts.persistentVolumeClaim.existingClaim }}{{- else -}}{{ include "seer.fullname" . }}-artifacts{{- end -}}
{{- end -}}

{{/* Environment shared by every Seer container: the common part and the runtime login. */}}
{{- define "seer.env" -}}
{{ include "seer.envCommon" . }}
- name: DATABASE_URL
  valueFrom: {secretKeyRef: {name: {{ include "seer.secretName" . }}, key: DATABASE_URL}}
{{- end -}}

{{/* Workers log in as a member of seer_app and seer_package_opener (reads package keys). */}}
{{- define "seer.envWorker" -}}
{{ include "seer.envCommon" . }}
- name: DATABASE_URL
  valueFrom: {secretKeyRef: {name: {{ include "seer.secretName" . }}, key: WORKER_DATABASE_URL}}
{{- end -}}

{{- define "seer.masterKeySecretName" -}}
{{- if .Values.secrets.masterKeySecret -}}{{ .Values.secrets.masterKeySecret }}{{- else -}}{{ include "seer.fullname" . }}-master-key{{- end -}}
{{- end -}}

{{- define "seer.envCommon" -}}
- name: PUBLIC_URL
  value: {{ .Values.publicUrl | quote }}
- name: SEER_KEYS_DIR
  value: /var/run/seer/keys
- name: ARTIFACT_DIR
  value: /var/lib/seer/artifacts
- name: SEER_DATA_DIR
  value: /tmp/seer
{{- range $k, $v := .Values.env }}
- name: {{ $k }}
  value: {{ $v | quote }}
{{- end }}
- name: REDIS_URL
  valueFrom: {secretKeyRef: {name: {{ include "seer.secretName" . }}, key: REDIS_URL}}
- name: SEER_MASTER_KEY_FILE
  value: /var/run/seer/master-key/master-key
{{- /* Deprecated: opens webhook secrets sealed by earlier releases until `seerd keys encrypt-existing` reseals them under the master key; optional, so new installs do without it. */}}
- name: WEBHOOKS_SECRET_KEY
  valueFrom: {secretKeyRef: {name: {{ include "seer.secretName" . }}, key: WEBHOOKS_SECRET_KEY, optional: true}}
- name: BILLING_MOCK_WEBHOOK_SECRET
  valueFrom: {secretKeyRef: {name: {{ include "seer.secretName" . }}, key: BILLING_MOCK_WEBHOOK_SECRET, optional: true}}
{{- end -}}

{{- define "seer.volumeMounts" -}}
- name: keys
  mountPath: /var/run/seer/keys
  readOnly: true
- name: tmp
  mountPath: /tmp
- name: master-key
  mountPath: /var/run/seer/master-key
  readOnly: true
{{- end -}}

{{- define "seer.volumes" -}}
- name: keys
  secret:
    secretName: {{ include "seer.keysSecretName" . }}
    defaultMode: 0400
- name: tmp
  emptyDir: {}
- name: master-key
  secret:
    secretName: {{ include "seer.masterKeySecretName" . }}
    defaultMode: 0400
{{- end -}}
