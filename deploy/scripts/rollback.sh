#!/usr/bin/env bash
# rollback.sh <env> [revision]
# Puts the web and worker Deployments of cloudmart-<env> back on their previous ReplicaSet (or on <revision>, see
# `kubectl -n cloudmart-<env> rollout history deployment/cloudmart-web`) and waits until they are back.
# Database migrations are not undone: they are written to be compatible with the previous release.
# With ROLLOUT_STATE_FILE (a pipeline's clean-up after a cancelled deploy) it rolls back only when rollout.sh had
# applied the new release and not finished (the file says "applied"); otherwise there is nothing to undo.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

env=${1:?usage: rollback.sh <env> [revision]}
revision=${2:-}
kubectl=${KUBECTL:-kubectl}
timeout=${ROLLOUT_TIMEOUT:-300s}
namespace="cloudmart-$env"

if [ -n "${ROLLOUT_STATE_FILE:-}" ]; then
  recorded=$(cat "$ROLLOUT_STATE_FILE" 2>/dev/null || echo none)
  if [ "$recorded" != applied ]; then
    echo "rollback.sh: the last rollout of $env is '$recorded', not interrupted: nothing to roll back"
    exit 0
  fi
fi

status=0
for deployment in cloudmart-web cloudmart-worker; do
  if [ -n "$revision" ]; then
    "$kubectl" -n "$namespace" rollout undo "deployment/$deployment" --to-revision="$revision" || status=1
  else
    "$kubectl" -n "$namespace" rollout undo "deployment/$deployment" || status=1
  fi
done
for deployment in cloudmart-web cloudmart-worker; do
  "$kubectl" -n "$namespace" rollout status "deployment/$deployment" --timeout="$timeout" || status=1
done

if [ "$status" = 0 ]; then
  "$here/notify.sh" rolled-back "$env is back on $("$kubectl" -n "$namespace" get deployment/cloudmart-web -o 'jsonpath={.spec.template.spec.containers[0].image}' 2>/dev/null || echo 'its previous image')"
else
  "$here/notify.sh" failed "rollback of $env did not complete: act by hand (docs/deploy.md, Rolling back)"
fi
exit "$status"
