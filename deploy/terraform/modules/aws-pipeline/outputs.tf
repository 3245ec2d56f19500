output "pipeline_name" {
  value = aws_codepipeline.main.name
}

output "codebuild_role_arn" {
  description = "Give it access to the cluster (the platform module adds an EKS access entry)."
  value       = aws_iam_role.codebuild.arn
}

output "connection_arn" {
  description = "Confirm this connection once in the console (CodeStar connections need a human's OAuth)."
  value       = aws_codestarconnections_connection.source.arn
}
