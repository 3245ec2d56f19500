#!/usr/bin/env bash
# Measures the local sentiment analyzer beside VADER on the held-out 30 % of the shared labelled sentences.
# Usage: bench/sentiment/run.sh [--json]   (reads ../shared/data/sentiment; writes nothing)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$root/../shared/data/sentiment"
dotnet build "$root/src/CloudMart" -c Release -v quiet -nologo >/dev/null
exec dotnet "$root/src/CloudMart/bin/Release/net10.0/CloudMart.dll" sentiment evaluate \
  --sentences "$data/labelled-sentences" --lexicon "$data/vader_lexicon.txt" "$@" \
  --CloudMart:DataDirectory="$(mktemp -d)"
