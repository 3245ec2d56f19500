variable "name" {
  description = "The function's name, e.g. cloudmart-prod-order-workflow."
  type        = string
}

variable "package_path" {
  description = "The function's zip (built by the AWS data path work)."
  type        = string
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
  type    = string
  default = "arm64"
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
  type    = number
  default = 5
}

variable "event_filter_pattern" {
  description = "Only new outbox event items start the function (the item type attribute of the single-table design)."
  type        = string
  default     = "{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"NewImage\":{\"Type\":{\"S\":[\"Event\"]}}}}"
}

variable "environment" {
  description = "More settings for the function (CloudMart__… names)."
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
