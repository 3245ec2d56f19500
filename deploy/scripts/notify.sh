#!/usr/bin/env bash
# notify.sh <event> <message>
# Tells people about a deploy: <event> is started | succeeded | failed | rolled-back.
# Sends to Slack when SLACK_WEBHOOK_URL is set, to SNS when SNS_TOPIC_ARN is set (aws CLI), and always prints the
# line (GitHub Actions also gets it in the job summary). A notification that cannot be sent never fails the deploy.
set -uo pipefail

event=${1:?usage: notify.sh <event> <message>}
message=${2:?usage: notify.sh <event> <message>}
case "$event" in
  started) icon=":rocket:" ;;
  succeeded) icon=":white_check_mark:" ;;
  failed) icon=":x:" ;;
  rolled-back) icon=":rewind:" ;;
  *) echo "notify.sh: unknown event '$event' (started|succeeded|failed|rolled-back)" >&2; exit 2 ;;
esac
line="[cloudmart] $event: $message"
echo "$line"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  echo "- $icon $line" >>"$GITHUB_STEP_SUMMARY" || true
fi

json_escape() { # prints $1 as a JSON string
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\n'/\\n}; s=${s//$'\r'/}; s=${s//$'\t'/ }
  printf '"%s"' "$s"
}

if [ -n "${SLACK_WEBHOOK_URL:-}" ]; then
  if ! curl -fsS --max-time 10 -X POST -H 'content-type: application/json' \
      --data "{\"text\": $(json_escape "$icon $line")}" "$SLACK_WEBHOOK_URL" >/dev/null; then
    echo "notify.sh: Slack notification failed (the deploy goes on)" >&2
  fi
fi

if [ -n "${SNS_TOPIC_ARN:-}" ]; then
  if ! aws sns publish --topic-arn "$SNS_TOPIC_ARN" --subject "cloudmart deploy $event" --message "$line" >/dev/null; then
    echo "notify.sh: SNS notification failed (the deploy goes on)" >&2
  fi
fi
exit 0
