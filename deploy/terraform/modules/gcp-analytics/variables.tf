variable "project_id" {
  type = string
}

variable "env" {
  type = string
}

variable "owner" {
  type    = string
  default = "platform"
}

variable "location" {
  type    = string
  default = "EU"
}

variable "partition_expiration_days" {
  description = "Drop partitions older than this (null keeps them)."
  type        = number
  default     = null
}

variable "kms_key_name" {
  description = "A customer managed key; null uses Google-managed encryption (still encrypted)."
  type        = string
  default     = null
}

variable "workload_principals" {
  description = "principalSet://… of the workload identity pool that may impersonate the writer."
  type        = list(string)
  default     = []
}

variable "labels" {
  type    = map(string)
  default = {}
}
