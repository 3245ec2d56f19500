# CloudMart stage on AWS. From an empty account: environments/bootstrap first, then
#   terraform init -backend-config="bucket=<state bucket>"   (docs/deploy.md)
#   terraform apply -var github_repository=<owner/name>

terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
  backend "s3" {
    key            = "cloudmart/stage/aws.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "cloudmart-terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      app   = "cloudmart"
      env   = "stage"
      owner = var.owner
    }
  }
}

module "platform" {
  source                   = "../../../modules/aws-platform"
  env                      = "stage"
  host                     = "stage.shop.cloudmart.example.com"
  vpc_cidr                 = "10.30.0.0/16"
  az_count                 = 3
  high_availability        = false
  api_allowed_cidrs        = var.api_allowed_cidrs
  node_instance_types      = ["t4g.large"]
  node_capacity_type       = "ON_DEMAND"
  node_min                 = 2
  node_desired             = 3
  node_max                 = 5
  db_instance_count        = 2
  db_min_acu               = 0.5
  db_max_acu               = 4
  db_backup_retention_days = 7
  log_retention_days       = 30
  lambda_package           = var.lambda_package
  notification_emails      = var.notification_emails
  github_repository        = var.github_repository
  github_oidc_provider_arn = var.github_oidc_provider_arn
  codepipeline             = var.codepipeline
}
