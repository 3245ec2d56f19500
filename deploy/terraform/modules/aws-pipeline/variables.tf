variable "name" {
  type = string
}

variable "env" {
  type = string
}

variable "repository" {
  description = "owner/name of the source repository."
  type        = string
}

variable "branch" {
  type    = string
  default = "main"
}

variable "repository_url" {
  description = "The ECR repository's URL."
  type        = string
}

variable "repository_arn" {
  type = string
}

variable "cluster_name" {
  type = string
}

variable "notification_topic_arn" {
  type = string
}

variable "smoke_url" {
  type = string
}

variable "require_approval" {
  type    = bool
  default = false
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}
