variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "private_subnet_ids" {
  type = list(string)
}

variable "client_security_group_id" {
  description = "The security group allowed to connect (the EKS cluster's)."
  type        = string
}

variable "engine_version" {
  type    = string
  default = "16.6"
}

variable "instance_count" {
  description = "Writer plus readers; 2 or more spreads them over availability zones."
  type        = number
  default     = 1
}

variable "min_acu" {
  description = "Aurora Serverless v2 capacity units, minimum (0.5 = about 1 GiB)."
  type        = number
  default     = 0.5
}

variable "max_acu" {
  type    = number
  default = 4
}

variable "backup_retention_days" {
  type    = number
  default = 7
}

variable "deletion_protection" {
  type    = bool
  default = false
}

variable "kms_key_arn" {
  description = "Customer managed key; null uses the AWS managed key for RDS (still encrypted)."
  type        = string
  default     = null
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}
