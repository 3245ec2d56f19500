output "table_name" {
  value = module.data.table_name
}

output "table_stream_arn" {
  value = module.data.table_stream_arn
}

output "repository_url" {
  value = module.ecr.repository_url
}

output "function_name" {
  value = try(module.function[0].function_name, null)
}
