output "endpoint" {
  value = aws_rds_cluster.main.endpoint
}

output "reader_endpoint" {
  value = aws_rds_cluster.main.reader_endpoint
}

output "cluster_identifier" {
  value = aws_rds_cluster.main.cluster_identifier
}

output "master_user_secret_arn" {
  value = try(aws_rds_cluster.main.master_user_secret[0].secret_arn, null)
}
