# CloudMart prod on Azure: AI Language for sentiment, its key in Key Vault. State in an Azure storage account:
#   terraform init -backend-config=storage_account_name=<account> && terraform apply -var name_suffix=<suffix>

terraform {
  required_version = ">= 1.11"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "4.30.0"
    }
  }
  backend "azurerm" {
    resource_group_name = "rg-cloudmart-terraform"
    container_name      = "tfstate"
    key                 = "cloudmart/prod/azure.tfstate"
  }
}

provider "azurerm" {
  features {}
}

variable "name_suffix" {
  type = string
}

variable "allowed_ip_ranges" {
  type    = list(string)
  default = []
}

variable "secret_reader_principal_ids" {
  type    = list(string)
  default = []
}

module "language" {
  source                      = "../../../modules/azure-language"
  env                         = "prod"
  language_sku                = "S"
  name_suffix                 = var.name_suffix
  allowed_ip_ranges           = var.allowed_ip_ranges
  secret_reader_principal_ids = var.secret_reader_principal_ids
}

output "language" {
  value = module.language
}
