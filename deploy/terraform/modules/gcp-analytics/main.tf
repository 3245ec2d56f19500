# The analytics warehouse in BigQuery: one dataset, tables partitioned by day (cheap scans of recent days), and a
# service account that may write to this dataset and nothing else.
# Checked offline by `terraform fmt -check` and the project's HCL rules (tests/CloudMart.DeployTests): the google
# provider is not available on the build machines, so `terraform validate` runs in CI only.

terraform {
  required_version = ">= 1.11"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.30.0, < 7.0.0"
    }
  }
}

locals {
  labels     = merge(var.labels, { app = "cloudmart", env = var.env, owner = var.owner })
  dataset_id = "cloudmart_${var.env}"
  tables = {
    orders = {
      partition_field = "placed_at"
      clustering      = ["customer_id"]
      schema = [
        { name = "order_id", type = "STRING", mode = "REQUIRED" },
        { name = "order_number", type = "STRING", mode = "REQUIRED" },
        { name = "customer_id", type = "STRING", mode = "REQUIRED" },
        { name = "status", type = "STRING", mode = "REQUIRED" },
        { name = "currency", type = "STRING", mode = "REQUIRED" },
        { name = "subtotal", type = "NUMERIC", mode = "REQUIRED" },
        { name = "tax", type = "NUMERIC", mode = "REQUIRED" },
        { name = "shipping", type = "NUMERIC", mode = "REQUIRED" },
        { name = "total", type = "NUMERIC", mode = "REQUIRED" },
        { name = "country", type = "STRING", mode = "NULLABLE" },
        { name = "placed_at", type = "TIMESTAMP", mode = "REQUIRED" },
      ]
    }
    order_lines = {
      partition_field = "placed_at"
      clustering      = ["product_id"]
      schema = [
        { name = "order_id", type = "STRING", mode = "REQUIRED" },
        { name = "product_id", type = "STRING", mode = "REQUIRED" },
        { name = "sku", type = "STRING", mode = "REQUIRED" },
        { name = "category", type = "STRING", mode = "NULLABLE" },
        { name = "quantity", type = "INT64", mode = "REQUIRED" },
        { name = "unit_price", type = "NUMERIC", mode = "REQUIRED" },
        { name = "placed_at", type = "TIMESTAMP", mode = "REQUIRED" },
      ]
    }
    events = {
      partition_field = "occurred_at"
      clustering      = ["type"]
      schema = [
        { name = "event_id", type = "STRING", mode = "REQUIRED" },
        { name = "type", type = "STRING", mode = "REQUIRED" },
        { name = "stream_id", type = "STRING", mode = "NULLABLE" },
        { name = "data", type = "JSON", mode = "NULLABLE" },
        { name = "occurred_at", type = "TIMESTAMP", mode = "REQUIRED" },
      ]
    }
  }
}

resource "google_bigquery_dataset" "analytics" {
  project                    = var.project_id
  dataset_id                 = local.dataset_id
  friendly_name              = "CloudMart ${var.env} analytics"
  location                   = var.location
  delete_contents_on_destroy = false
  labels                     = local.labels

  dynamic "default_encryption_configuration" {
    for_each = var.kms_key_name == null ? [] : [var.kms_key_name]
    content {
      kms_key_name = default_encryption_configuration.value
    }
  }
}

resource "google_bigquery_table" "tables" {
  for_each            = local.tables
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.analytics.dataset_id
  table_id            = each.key
  deletion_protection = var.env == "prod"
  clustering          = each.value.clustering
  schema              = jsonencode(each.value.schema)
  labels              = local.labels

  time_partitioning {
    type                     = "DAY"
    field                    = each.value.partition_field
    expiration_ms            = var.partition_expiration_days == null ? null : var.partition_expiration_days * 86400000
    require_partition_filter = true
  }
}

resource "google_service_account" "writer" {
  project      = var.project_id
  account_id   = "cloudmart-${var.env}-analytics"
  display_name = "CloudMart ${var.env} analytics writer"
  description  = "Streams CloudMart's orders and events into ${local.dataset_id}; no other access."
}

# Write access to this dataset only: no project-wide role.
resource "google_bigquery_dataset_iam_member" "writer" {
  project    = var.project_id
  dataset_id = google_bigquery_dataset.analytics.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${google_service_account.writer.email}"
}

# The cluster's workload identity (EKS through workload identity federation) may act as the writer.
resource "google_service_account_iam_member" "workload" {
  for_each           = toset(var.workload_principals)
  service_account_id = google_service_account.writer.name
  role               = "roles/iam.workloadIdentityUser"
  member             = each.value
}
