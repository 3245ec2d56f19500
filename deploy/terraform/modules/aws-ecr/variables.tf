variable "name" {
  description = "Repository name."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer managed KMS key; null uses the AWS managed key for ECR."
  type        = string
  default     = null
}

variable "keep_images" {
  description = "How many images to keep (rollbacks need the previous ones)."
  type        = number
  default     = 50
}

variable "force_delete" {
  description = "Delete the repository even when it holds images (tests only)."
  type        = bool
  default     = false
}

variable "tags" {
  type    = map(string)
  default = {}
}
