output "vpc_id" {
  value = aws_vpc.main.id
}

output "vpc_cidr" {
  value = aws_vpc.main.cidr_block
}

output "public_subnet_ids" {
  value = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}

output "load_balancer_cidr" {
  description = "Where the ALB's interfaces live: the range the web NetworkPolicy admits."
  value       = cidrsubnet(var.cidr, 4, 0)
}
