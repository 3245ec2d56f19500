variable "name" {
  description = "Prefix of every resource name, e.g. cloudmart-prod."
  type        = string
}

variable "table_name" {
  description = "The DynamoDB table's name (the app's CloudMart:DynamoDb:TableName)."
  type        = string
}

variable "table_definition_path" {
  description = "The table definition shared with `cloudmart dynamodb create-table`."
  type        = string
  default     = null
}

variable "point_in_time_recovery" {
  description = "Force point-in-time recovery on, whatever the definition says (prod)."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Refuse to delete the table (prod, stage)."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "A customer managed KMS key for the table; null uses the AWS managed key (still encrypted)."
  type        = string
  default     = null
}

variable "create_queues" {
  description = "Create the SQS queues (the emulator tests leave them out: moto takes ~30 s per queue)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for every resource (the provider's default_tags add app, env and owner)."
  type        = map(string)
  default     = {}
}
