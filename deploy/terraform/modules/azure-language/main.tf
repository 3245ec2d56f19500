# Azure AI Language (sentiment analysis of reviews and support messages) and the Key Vault that holds its key.
# The app reads the key from Key Vault (or the External Secrets Operator copies it into the cluster).
# Checked offline by `terraform fmt -check` and the project's HCL rules (tests/CloudMart.DeployTests): the azurerm
# provider is not available on the build machines, so `terraform validate` runs in CI only.

terraform {
  required_version = ">= 1.11"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.30.0, < 5.0.0"
    }
  }
}

data "azurerm_client_config" "current" {}

locals {
  tags = merge(var.tags, { app = "cloudmart", env = var.env, owner = var.owner })
}

resource "azurerm_resource_group" "main" {
  name     = "rg-cloudmart-${var.env}"
  location = var.location
  tags     = local.tags
}

resource "azurerm_cognitive_account" "language" {
  name                          = "cloudmart-${var.env}-language"
  resource_group_name           = azurerm_resource_group.main.name
  location                      = azurerm_resource_group.main.location
  kind                          = "TextAnalytics"
  sku_name                      = var.language_sku
  custom_subdomain_name         = "cloudmart-${var.env}-language"
  public_network_access_enabled = true
  local_auth_enabled            = true

  identity {
    type = "SystemAssigned"
  }

  network_acls {
    default_action = length(var.allowed_ip_ranges) > 0 ? "Deny" : "Allow"
    ip_rules       = var.allowed_ip_ranges
  }

  tags = local.tags
}

resource "azurerm_key_vault" "main" {
  name                          = "kv-cloudmart-${var.env}-${var.name_suffix}"
  resource_group_name           = azurerm_resource_group.main.name
  location                      = azurerm_resource_group.main.location
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  enable_rbac_authorization     = true
  purge_protection_enabled      = var.env == "prod"
  soft_delete_retention_days    = 30
  public_network_access_enabled = true

  network_acls {
    default_action = length(var.allowed_ip_ranges) > 0 ? "Deny" : "Allow"
    bypass         = "AzureServices"
    ip_rules       = var.allowed_ip_ranges
  }

  tags = local.tags
}

# Whoever applies this may write the secret; the app's identity may only read it.
resource "azurerm_role_assignment" "deployer_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = data.azurerm_client_config.current.object_id
}

resource "azurerm_role_assignment" "reader_secrets" {
  for_each             = toset(var.secret_reader_principal_ids)
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = each.value
}

resource "azurerm_key_vault_secret" "language_key" {
  name            = "cloudmart-language-key"
  value           = azurerm_cognitive_account.language.primary_access_key
  key_vault_id    = azurerm_key_vault.main.id
  content_type    = "Azure AI Language key"
  expiration_date = var.key_expiration_date
  tags            = local.tags
  depends_on      = [azurerm_role_assignment.deployer_secrets]
}
