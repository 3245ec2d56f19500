output "dataset_id" {
  value = google_bigquery_dataset.analytics.dataset_id
}

output "writer_email" {
  value = google_service_account.writer.email
}

output "table_ids" {
  value = [for t in google_bigquery_table.tables : t.table_id]
}
