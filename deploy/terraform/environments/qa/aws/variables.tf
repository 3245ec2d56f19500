variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "owner" {
  description = "The team that answers for these resources (the owner tag)."
  type        = string
  default     = "platform"
}

variable "github_repository" {
  description = "owner/name of the repository whose workflows deploy here."
  type        = string
}

variable "github_oidc_provider_arn" {
  description = "The account's GitHub OIDC provider when another environment already created it."
  type        = string
  default     = ""
}

variable "api_allowed_cidrs" {
  description = "Ranges that may reach the Kubernetes API (empty: only from inside the VPC)."
  type        = list(string)
  default     = []
}

variable "lambda_package" {
  description = "The order-workflow function's zip (empty leaves the function out)."
  type        = string
  default     = ""
}

variable "notification_emails" {
  type    = list(string)
  default = []
}

variable "codepipeline" {
  description = "Also create the CodePipeline/CodeBuild pipeline."
  type        = bool
  default     = false
}
