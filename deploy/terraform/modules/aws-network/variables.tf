variable "name" {
  type = string
}

variable "cidr" {
  description = "The VPC's range, a /16 (dev 10.10, qa 10.20, stage 10.30, prod 10.40)."
  type        = string
}

variable "az_count" {
  type    = number
  default = 3
}

variable "high_availability" {
  description = "One NAT gateway per availability zone instead of one for all."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}
