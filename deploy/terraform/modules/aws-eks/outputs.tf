output "cluster_name" {
  value = aws_eks_cluster.main.name
}

output "cluster_endpoint" {
  value = aws_eks_cluster.main.endpoint
}

output "cluster_security_group_id" {
  value = aws_eks_cluster.main.vpc_config[0].cluster_security_group_id
}

output "oidc_provider_arn" {
  value = aws_iam_openid_connect_provider.cluster.arn
}

output "oidc_provider_host" {
  value = local.oidc_host
}

output "efs_file_system_id" {
  description = "For the efs-sc StorageClass (docs/deploy.md)."
  value       = aws_efs_file_system.data.id
}
