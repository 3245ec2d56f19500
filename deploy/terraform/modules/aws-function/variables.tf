variable "name" {
  description = "The function's name, e.g. cloudmart-prod-order-workflow."
  type        = string
}

variable "package_path" {
  description = "The function's zip from scripts/package-lambda.sh; leave empty when image_uri is set."
  type        = string
  default     = ""
}

variable "image_uri" {
  description = "The shop's container image (ECR), run as `lambda`: use it while the zip is over Lambda's 250 MB unpacked limit."
  type        = string
  default     = ""
}

variable "subnet_ids" {
  description = "Private subnets to reach the relational database from (empty: no VPC)."
  type        = list(string)
  default     = []
}

variable "security_group_ids" {
  description = "Security groups the database accepts (with subnet_ids)."
  type        = list(string)
  default     = []
}

variable "runtime" {
  description = "Lambda runtime: a self-contained .NET build runs on provided.al2023."
  type        = string
  default     = "provided.al2023"
}

variable "handler" {
  type    = string
  default = "bootstrap"
}

variable "architecture" {
  description = "The default build of scripts/package-lambda.sh, and of the container image."
  type        = string
  default     = "x86_64"
}

variable "memory_mb" {
  type    = number
  default = 512
}

variable "timeout_seconds" {
  type    = number
  default = 30
}

variable "table_name" {
  type = string
}

variable "table_arn" {
  type = string
}

variable "table_stream_arn" {
  type = string
}

variable "on_failure_queue_arn" {
  description = "Where records that still fail after the retries go."
  type        = string
}

variable "batch_size" {
  type    = number
  default = 100
}

variable "maximum_retry_attempts" {
  description = "Lambda's own retries: above CloudMart:Relay:MaxAttempts (8), after which the function dead-letters a record itself (ADR 22)."
  type        = number
  default     = 10
}

variable "event_filter_patterns" {
  description = "Records that start the function (ADR 22): new outbox event items, and stock changes (low-stock alerts are read from their old and new images). Any of them matches."
  type        = list(string)
  default = [
    "{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"NewImage\":{\"Kind\":{\"S\":[\"Event\"]}}}}",
    "{\"eventName\":[\"MODIFY\"],\"dynamodb\":{\"NewImage\":{\"Kind\":{\"S\":[\"Stock\"]}}}}",
  ]
}

variable "environment" {
  description = "More settings for the function (CloudMart__… names), e.g. CloudMart__Database__Provider and ConnectionStrings__Postgres as the worker has them."
  type        = map(string)
  default     = {}
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}
