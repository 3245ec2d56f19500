variable "env" {
  description = "dev, qa, stage or prod."
  type        = string
  validation {
    condition     = contains(["dev", "qa", "stage", "prod"], var.env)
    error_message = "env is one of dev, qa, stage, prod."
  }
}

variable "host" {
  description = "The shop's host name (the Ingress in deploy/k8s/overlays/<env>)."
  type        = string
}

variable "vpc_cidr" {
  type = string
}

variable "az_count" {
  type    = number
  default = 3
}

variable "high_availability" {
  type    = bool
  default = false
}

variable "api_allowed_cidrs" {
  type    = list(string)
  default = []
}

variable "node_instance_types" {
  type = list(string)
}

variable "node_capacity_type" {
  type    = string
  default = "ON_DEMAND"
}

variable "node_min" {
  type = number
}

variable "node_desired" {
  type = number
}

variable "node_max" {
  type = number
}

variable "db_instance_count" {
  type = number
}

variable "db_min_acu" {
  type = number
}

variable "db_max_acu" {
  type = number
}

variable "db_backup_retention_days" {
  type = number
}

variable "log_retention_days" {
  type = number
}

variable "lambda_package" {
  description = "The order-workflow function's zip (scripts/package-lambda.sh); empty for none (the worker pods' stream poller runs the workflow then)."
  type        = string
  default     = ""
}

variable "lambda_image" {
  description = "Or the shop's container image (ECR) run as the function: the zip unpacks past Lambda's 250 MB limit."
  type        = string
  default     = ""
}

variable "lambda_environment" {
  description = "The function's relational settings, as the worker has them (e.g. ConnectionStrings__Postgres from Secrets Manager)."
  type        = map(string)
  default     = {}
  sensitive   = true
}

variable "notification_emails" {
  type    = list(string)
  default = []
}

variable "github_repository" {
  description = "owner/name: the repository whose workflows may push and deploy."
  type        = string
}

variable "github_oidc_provider_arn" {
  description = "An existing GitHub OIDC provider in the account (one per account); empty creates it."
  type        = string
  default     = ""
}

variable "codepipeline" {
  description = "Also create the CodePipeline/CodeBuild pipeline (for deploying without GitHub Actions)."
  type        = bool
  default     = false
}
