# The AWS data and function modules against an AWS emulator (moto_server), so that tests apply the real modules:
#   terraform init -plugin-dir=/opt/tf-plugins
#   terraform apply -var aws_endpoint_url=http://127.0.0.1:56500 -var name_prefix=me-
# Fake credentials; the state stays local. Never point this at a real account.

terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
  region                      = var.region
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  skip_region_validation      = true

  endpoints {
    dynamodb = var.aws_endpoint_url
    ecr      = var.aws_endpoint_url
    iam      = var.aws_endpoint_url
    lambda   = var.aws_endpoint_url
    logs     = var.aws_endpoint_url
    sqs      = var.aws_endpoint_url
    sts      = var.aws_endpoint_url
  }

  default_tags {
    tags = {
      app   = "cloudmart"
      env   = "local"
      owner = "platform"
    }
  }
}

locals {
  name = "${var.name_prefix}cloudmart-local"
}

module "data" {
  source        = "../../modules/aws-data"
  name          = local.name
  table_name    = "${local.name}-shop"
  create_queues = var.create_queues || var.lambda_package != ""
}

module "ecr" {
  source       = "../../modules/aws-ecr"
  name         = "${local.name}/shop"
  force_delete = true
}

module "function" {
  source               = "../../modules/aws-function"
  count                = var.lambda_package == "" ? 0 : 1
  name                 = "${local.name}-order-workflow"
  package_path         = var.lambda_package
  table_name           = module.data.table_name
  table_arn            = module.data.table_arn
  table_stream_arn     = module.data.table_stream_arn
  on_failure_queue_arn = module.data.order_workflow_dlq_arn
  log_retention_days   = 1
}
