output "cluster_name" {
  value = module.eks.cluster_name
}

output "repository_url" {
  value = module.ecr.repository_url
}

output "table_name" {
  value = module.data.table_name
}

output "database_endpoint" {
  value = module.aurora.endpoint
}

output "database_master_secret_arn" {
  value = module.aurora.master_user_secret_arn
}

output "efs_file_system_id" {
  value = module.eks.efs_file_system_id
}

output "notification_topic_arn" {
  value = module.observability.topic_arn
}

output "github_role_arn" {
  description = "AWS_ROLE_ARN of the GitHub environment."
  value       = aws_iam_role.github.arn
}

output "service_account_role_arns" {
  value = { for k, r in aws_iam_role.service_account : k => r.arn }
}

output "load_balancer_cidr" {
  value = module.network.load_balancer_cidr
}
