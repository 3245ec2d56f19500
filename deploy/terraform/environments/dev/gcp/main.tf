# CloudMart dev on GCP: the BigQuery analytics warehouse. State in a GCS bucket:
#   terraform init -backend-config=bucket=<bucket> && terraform apply -var project_id=<project>

terraform {
  required_version = ">= 1.11"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "6.30.0"
    }
  }
  backend "gcs" {
    prefix = "cloudmart/dev/gcp"
  }
}

variable "project_id" {
  type = string
}

variable "workload_principals" {
  type    = list(string)
  default = []
}

provider "google" {
  project = var.project_id
  region  = "europe-west1"
}

module "analytics" {
  source                    = "../../../modules/gcp-analytics"
  project_id                = var.project_id
  env                       = "dev"
  partition_expiration_days = 90
  workload_principals       = var.workload_principals
}

output "analytics" {
  value = module.analytics
}
