output "function_name" {
  value = aws_lambda_function.order_workflow.function_name
}

output "function_arn" {
  value = aws_lambda_function.order_workflow.arn
}

output "event_source_mapping_uuid" {
  value = aws_lambda_event_source_mapping.stream.uuid
}
