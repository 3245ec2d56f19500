#!/usr/bin/env bash
# install-terraform-providers.sh <dir>
# Mirrors the AWS provider the roots pin (deploy/terraform/environments/local) into <dir>, for
# `terraform init -plugin-dir=<dir>` as the deploy tests run it (TF_PLUGIN_DIR=<dir>). Needs registry access (CI);
# the build machines have it in /opt/tf-plugins already.
set -euo pipefail
dir=${1:?usage: install-terraform-providers.sh <dir>}
root=$(cd "$(dirname "$0")/../terraform/environments/local" && pwd)
terraform -chdir="$root" providers mirror -platform=linux_amd64 "$dir"
