#!/usr/bin/env bash
# Builds the order-workflow function's deployment zip for AWS Lambda's custom runtime (provided.al2023, handler
# "bootstrap"): the shop's own self-contained binary with a `bootstrap` at the zip's root that runs it as
# `CloudMart lambda`. Terraform takes the zip through its `lambda_package` variable (deploy/terraform).
#
#   scripts/package-lambda.sh                       publish (ReadyToRun, linux-x64) and zip into ./artifacts/lambda
#   scripts/package-lambda.sh --arch arm64          the same for Graviton (Terraform's aws-function default)
#   scripts/package-lambda.sh --no-ready-to-run     plain IL: a smaller zip, a slower cold start
#   scripts/package-lambda.sh --from DIR            zip an already published folder instead of publishing
#   scripts/package-lambda.sh --check ZIP           check a zip's layout only (what Lambda needs to start it)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
arch="x86_64"
ready_to_run="true"
from=""
check=""
output="$root/artifacts/lambda"

usage() {
    sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
    case "$1" in
        --arch) arch="${2:?--arch needs x86_64 or arm64}"; shift 2 ;;
        --no-ready-to-run) ready_to_run="false"; shift ;;
        --from) from="${2:?--from needs a published folder}"; shift 2 ;;
        --output) output="${2:?--output needs a folder}"; shift 2 ;;
        --check) check="${2:?--check needs a zip}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "package-lambda: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

# What Lambda needs to start a custom runtime: an executable `bootstrap` at the zip's root (it is run from
# LAMBDA_TASK_ROOT, where the zip is unpacked), and here the binary it starts, executable beside it.
check_zip() {
    local zip="$1" listing problems=0
    if [ ! -f "$zip" ]; then
        echo "package-lambda: $zip does not exist" >&2
        return 1
    fi
    listing="$(zipinfo -l "$zip")"
    for entry in bootstrap CloudMart; do
        local mode
        mode="$(awk -v name="$entry" '$NF == name { print $1; exit }' <<<"$listing")"
        if [ -z "$mode" ]; then
            echo "package-lambda: $zip has no '$entry' at its root" >&2
            problems=$((problems + 1))
        elif [[ "$mode" != -rwx* ]]; then
            echo "package-lambda: '$entry' in $zip is not executable ($mode)" >&2
            problems=$((problems + 1))
        fi
    done
    if ! unzip -p "$zip" bootstrap 2>/dev/null | grep -q '^exec \./CloudMart lambda "\$@"$'; then
        echo "package-lambda: bootstrap in $zip does not exec ./CloudMart lambda" >&2
        problems=$((problems + 1))
    fi
    [ "$problems" -eq 0 ] || return 1
    echo "package-lambda: $zip is laid out for provided.al2023 (bootstrap and CloudMart at the root, executable)"
    # Lambda takes a zip of at most 250 MB unpacked (layers included) and 50 MB uploaded directly (more through S3).
    local unpacked
    unpacked="$(zipinfo -t "$zip" | awk '{ for (i = 1; i < NF; i++) if ($(i + 1) ~ /^bytes/ && $(i + 2) ~ /^uncompressed/) { print $i; exit } }')"
    if [ -n "$unpacked" ] && [ "$unpacked" -gt $((250 * 1024 * 1024)) ]; then
        echo "package-lambda: WARNING: $zip unpacks to $((unpacked / 1024 / 1024)) MB, over Lambda's 250 MB limit for zip packages:" \
             "deploy the function as a container image (the repository's image with the command 'lambda') instead" >&2
    fi
}

if [ -n "$check" ]; then
    check_zip "$check"
    exit $?
fi

case "$arch" in
    x86_64) rid="linux-x64" ;;
    arm64) rid="linux-arm64" ;;
    *) echo "package-lambda: --arch must be x86_64 or arm64 (Lambda's names), not '$arch'" >&2; exit 2 ;;
esac

mkdir -p "$output"
output="$(cd "$output" && pwd)"
zip_path="$output/cloudmart-lambda-$arch.zip"
stage="$output/stage-$arch"
rm -rf "$stage" "$zip_path"

if [ -n "$from" ]; then
    cp -a "$from/." "$stage/"
else
    dotnet publish "$root/src/CloudMart/CloudMart.csproj" -c Release -r "$rid" --self-contained true \
        -p:PublishReadyToRun="$ready_to_run" -p:UseAppHost=true -nologo -v q -o "$stage"
fi
if [ ! -f "$stage/CloudMart" ]; then
    echo "package-lambda: no CloudMart executable in the published folder" >&2
    exit 1
fi

cat >"$stage/bootstrap" <<'EOF'
#!/bin/sh
# Lambda's custom runtime starts this (runtime provided.al2023, handler "bootstrap"); the shop's own binary is the
# function. /var/task is read-only: anything the shop writes goes under /tmp unless configured otherwise.
set -eu
cd "$(dirname "$0")"
export CloudMart__DataDirectory="${CloudMart__DataDirectory:-/tmp/cloudmart}"
exec ./CloudMart lambda "$@"
EOF
chmod 755 "$stage/bootstrap" "$stage/CloudMart"

# -X leaves out extra timestamps and owners; Unix modes are kept, so bootstrap stays executable in Lambda.
(cd "$stage" && zip -q -r -X "$zip_path" .)
rm -rf "$stage"
check_zip "$zip_path"
echo "package-lambda: $zip_path ($(du -h "$zip_path" | cut -f1), $arch, ReadyToRun=$ready_to_run)"
