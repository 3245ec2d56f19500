#!/usr/bin/env bash
# smoke.sh <base-url>
# After a rollout: the shop is ready (/health/ready answers 200) and a product page renders (the first product the
# catalog API lists, or the home page when the catalog is empty). Retries for SMOKE_ATTEMPTS x SMOKE_DELAY seconds
# while the load balancer registers the new pods. Exit 0 when all pass, 1 otherwise.
set -euo pipefail

base=${1:?usage: smoke.sh <base-url>}
base=${base%/}
attempts=${SMOKE_ATTEMPTS:-10}
delay=${SMOKE_DELAY:-6}

status_of() { curl -s -o "$2" -w '%{http_code}' --max-time 10 "$1" || echo 000; }

check() { # check <path> : 200 within the attempts
  local path=$1 code i body
  body=$(mktemp)
  for ((i = 1; i <= attempts; i++)); do
    code=$(status_of "$base$path" "$body")
    if [ "$code" = 200 ]; then echo "smoke: GET $path -> 200"; rm -f "$body"; return 0; fi
    echo "smoke: GET $path -> $code (attempt $i of $attempts)" >&2
    if [ "$i" -lt "$attempts" ]; then sleep "$delay"; fi
  done
  rm -f "$body"
  return 1
}

check /health/ready

listing=$(mktemp)
trap 'rm -f "$listing"' EXIT
code=$(status_of "$base/api/catalog/products?pageSize=1" "$listing")
if [ "$code" != 200 ]; then echo "smoke: GET /api/catalog/products -> $code" >&2; exit 1; fi
slug=$(jq -r '.items[0].slug // empty' "$listing")
if [ -n "$slug" ]; then
  check "/p/$slug"
else
  echo "smoke: the catalog is empty; checking the home page instead"
  check /
fi
echo "smoke: passed for $base"
