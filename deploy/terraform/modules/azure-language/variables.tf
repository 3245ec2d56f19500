variable "env" {
  type = string
}

variable "owner" {
  type    = string
  default = "platform"
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "language_sku" {
  description = "F0 (free, 5,000 records a month) or S."
  type        = string
  default     = "S"
}

variable "name_suffix" {
  description = "Key Vault names are global: a short suffix of your own (3-6 letters or digits)."
  type        = string
}

variable "allowed_ip_ranges" {
  description = "Public ranges that may call the account and the vault (the cluster's NAT addresses); empty allows all."
  type        = list(string)
  default     = []
}

variable "secret_reader_principal_ids" {
  description = "Identities (the workload's federated identity) that may read the key."
  type        = list(string)
  default     = []
}

variable "key_expiration_date" {
  description = "RFC 3339; rotate the key before it."
  type        = string
  default     = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
