output "platform" {
  value = module.platform
}
