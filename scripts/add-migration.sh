#!/usr/bin/env bash
# Adds a migration named $1 to every module, for both providers (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh AddSomething
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/CloudMart -v q -nologo >/dev/null
declare -A folders=(
  [Messaging]=Platform/Messaging/Migrations
  [Customers]=Modules/Customers/Data/Migrations
  [Catalog]=Modules/Catalog/Data/Migrations
  [Inventory]=Modules/Inventory/Data/Migrations
  [Cart]=Modules/Cart/Data/Migrations
  [Ordering]=Modules/Ordering/Data/Migrations
  [Notifications]=Modules/Notifications/Data/Migrations
  [Assistant]=Modules/Assistant/Data/Migrations
  [Recommendations]=Modules/Recommendations/Data/Migrations
)
for module in "${!folders[@]}"; do
  for provider in Sqlite Postgres; do
    context="${provider}${module}DbContext"
    # Skip modules whose model did not change for this provider.
    if dotnet ef migrations has-pending-model-changes --no-build --project src/CloudMart --context "$context" >/dev/null 2>&1; then
      echo "$context: no model changes"
      continue
    fi
    echo "$context: adding $name"
    dotnet ef migrations add "$name" --no-build --project src/CloudMart --context "$context" \
      --output-dir "${folders[$module]}/$provider" >/dev/null
  done
done
