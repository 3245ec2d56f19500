#!/usr/bin/env bash
# rollout.sh <env> <image>
# Deploys one image to one environment (dev|qa|stage|prod); GitHub Actions (deploy.yml) and CodeBuild
# (deploy/aws/buildspec-deploy.yml) both call it, so the deploy logic is written once.
#   <image>  repository@sha256:<digest> or repository:<tag>; `latest` and untagged images are refused.
# Steps: render the overlay with the image and the account pinned -> apply shared objects and run the migration Job
# -> apply everything -> wait for the rollouts -> smoke test (SMOKE_URL) -> notify. When the rollout or the smoke
# test fails it rolls back (rollback.sh: `kubectl rollout undo`), notifies and exits 1.
# Environment: AWS_ACCOUNT_ID (replaces the 000000000000 placeholder), SMOKE_URL (skip the smoke test if empty),
# ROLLOUT_TIMEOUT (300s), KUBECTL (kubectl), SLACK_WEBHOOK_URL / SNS_TOPIC_ARN (see notify.sh),
# RENDER_ONLY=1 prints the manifest and stops. ROLLOUT_STATE_FILE: where to record how far the rollout got
# (applied, then succeeded or rolled-back), so that a pipeline cancelled mid-rollout can roll back (rollback.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

env=${1:?usage: rollout.sh <env> <image>}
image=${2:?usage: rollout.sh <env> <image>}
kubectl=${KUBECTL:-kubectl}
timeout=${ROLLOUT_TIMEOUT:-300s}
namespace="cloudmart-$env"
overlay="$root/deploy/k8s/overlays/$env"
placeholder_repo="000000000000.dkr.ecr.eu-west-1.amazonaws.com/cloudmart"

case "$env" in dev | qa | stage | prod) ;; *) echo "rollout.sh: unknown environment '$env' (dev|qa|stage|prod)" >&2; exit 2 ;; esac

# Pin the image: by digest, or by a tag that is not `latest`.
if [[ "$image" == *@sha256:* ]]; then
  repository=${image%@*}; pin="digest: ${image#*@}"
elif [[ "${image##*/}" == *:* ]]; then
  repository=${image%:*}; tag=${image##*:}
  if [ "$tag" = latest ]; then echo "rollout.sh: refusing the mutable tag 'latest'; deploy a digest or an immutable tag" >&2; exit 2; fi
  pin="newTag: \"$tag\""
else
  echo "rollout.sh: '$image' has neither a tag nor a digest" >&2; exit 2
fi
if [ -n "${AWS_ACCOUNT_ID:-}" ] && ! [[ "$AWS_ACCOUNT_ID" =~ ^[0-9]{12}$ ]]; then
  echo "rollout.sh: AWS_ACCOUNT_ID must be 12 digits" >&2; exit 2
fi

# Kustomize takes only relative paths to other kustomizations.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - $(realpath --relative-to="$work" "$overlay")
images:
  - name: $placeholder_repo
    newName: $repository
    $pin
YAML
manifest="$work/manifest.yaml"
"$kubectl" kustomize "$work" >"$manifest.rendered"
if [ -n "${AWS_ACCOUNT_ID:-}" ]; then
  sed "s/000000000000/$AWS_ACCOUNT_ID/g" "$manifest.rendered" >"$manifest"
else
  cp "$manifest.rendered" "$manifest"
fi
if [ "${RENDER_ONLY:-}" = 1 ]; then cat "$manifest"; exit 0; fi
if grep -q 000000000000 "$manifest"; then
  echo "rollout.sh: set AWS_ACCOUNT_ID: the manifest still names the placeholder account 000000000000" >&2; exit 2
fi

previous=$("$kubectl" -n "$namespace" get deployment/cloudmart-web -o 'jsonpath={.spec.template.spec.containers[0].image}' 2>/dev/null || true)
"$here/notify.sh" started "$env: ${previous:-nothing} -> $image"

# 1. Shared objects (namespace, config, secrets, volume, service accounts) and the migration Job, which must
#    complete before any server of the new release starts.
"$kubectl" -n "$namespace" delete job/cloudmart-migrate --ignore-not-found --wait=true
"$kubectl" apply -f "$manifest" -l 'app.kubernetes.io/component notin (web,worker)'
if ! "$kubectl" -n "$namespace" wait --for=condition=complete job/cloudmart-migrate --timeout="$timeout"; then
  "$kubectl" -n "$namespace" logs job/cloudmart-migrate --tail=50 || true
  "$here/notify.sh" failed "$env: the migration Job did not complete; web and worker were not changed (still ${previous:-nothing})"
  exit 1
fi

# 2. Everything else, then wait for both Deployments.
state() { if [ -n "${ROLLOUT_STATE_FILE:-}" ]; then echo "$1" >"$ROLLOUT_STATE_FILE"; fi; }
state applied
"$kubectl" apply -f "$manifest"
healthy=1
for deployment in cloudmart-web cloudmart-worker; do
  if ! "$kubectl" -n "$namespace" rollout status "deployment/$deployment" --timeout="$timeout"; then
    echo "rollout.sh: $deployment did not become ready within $timeout" >&2
    healthy=0
    break
  fi
done

# 3. Smoke test through the load balancer.
if [ "$healthy" = 1 ] && [ -n "${SMOKE_URL:-}" ]; then
  if ! "$here/smoke.sh" "$SMOKE_URL"; then
    echo "rollout.sh: the smoke test failed against $SMOKE_URL" >&2
    healthy=0
  fi
fi

if [ "$healthy" = 0 ]; then
  "$here/notify.sh" failed "$env: $image failed its rollout or smoke test; rolling back to ${previous:-the previous revision}"
  "$here/rollback.sh" "$env" || true
  state rolled-back
  exit 1
fi
state succeeded
"$here/notify.sh" succeeded "$env now runs $image"
