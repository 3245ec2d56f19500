output "language_endpoint" {
  value = azurerm_cognitive_account.language.endpoint
}

output "key_vault_uri" {
  value = azurerm_key_vault.main.vault_uri
}

output "key_secret_name" {
  value = azurerm_key_vault_secret.language_key.name
}
