variable "aws_endpoint_url" {
  description = "The emulator's URL, e.g. http://127.0.0.1:56500."
  type        = string
}

variable "name_prefix" {
  description = "Prefix for every name, so that several people can share one emulator."
  type        = string
  default     = ""
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "lambda_package" {
  description = "Path of the order-workflow function's zip; empty leaves the function out."
  type        = string
  default     = ""
}

variable "create_queues" {
  description = "Create the SQS queues (moto takes ~30 s each); always on with a function."
  type        = bool
  default     = false
}
