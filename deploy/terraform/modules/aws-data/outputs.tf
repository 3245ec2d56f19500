output "table_name" {
  value = aws_dynamodb_table.main.name
}

output "table_arn" {
  value = aws_dynamodb_table.main.arn
}

output "table_stream_arn" {
  value = aws_dynamodb_table.main.stream_arn
}

output "order_workflow_dlq_arn" {
  value = try(aws_sqs_queue.order_workflow_dlq[0].arn, null)
}

output "order_workflow_dlq_name" {
  value = try(aws_sqs_queue.order_workflow_dlq[0].name, null)
}

output "events_queue_arn" {
  value = try(aws_sqs_queue.events[0].arn, null)
}

output "events_queue_url" {
  value = try(aws_sqs_queue.events[0].url, null)
}
