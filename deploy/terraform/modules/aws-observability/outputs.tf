output "topic_arn" {
  value = aws_sns_topic.notifications.arn
}

output "app_log_group" {
  value = aws_cloudwatch_log_group.app.name
}
