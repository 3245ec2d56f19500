variable "name" {
  type = string
}

variable "notification_emails" {
  type    = list(string)
  default = []
}

variable "dlq_name" {
  type    = string
  default = null
}

variable "function_name" {
  type    = string
  default = null
}

variable "db_cluster_identifier" {
  type    = string
  default = null
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}
