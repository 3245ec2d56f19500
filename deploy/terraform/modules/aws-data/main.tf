# CloudMart's DynamoDB table and the order workflow's queues.
# The table's key schema, indexes, stream, TTL and billing come from deploy/dynamodb/table.json, the one definition
# that `cloudmart dynamodb create-table` reads too: this module never repeats them.

terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
    }
  }
}

locals {
  table      = jsondecode(file(coalesce(var.table_definition_path, "${path.module}/../../../dynamodb/table.json")))
  hash_key   = one([for k in local.table.keySchema : k.name if k.keyType == "HASH"])
  range_key  = one([for k in local.table.keySchema : k.name if k.keyType == "RANGE"])
  stream     = try(local.table.streamViewType, null)
  ttl        = try(local.table.ttlAttribute, null)
  table_pitr = try(local.table.pointInTimeRecovery, false)
}

resource "aws_dynamodb_table" "main" {
  name                        = var.table_name
  billing_mode                = local.table.billingMode
  read_capacity               = try(local.table.readCapacityUnits, null)
  write_capacity              = try(local.table.writeCapacityUnits, null)
  hash_key                    = local.hash_key
  range_key                   = local.range_key
  stream_enabled              = local.stream != null
  stream_view_type            = local.stream
  deletion_protection_enabled = var.deletion_protection

  dynamic "attribute" {
    for_each = local.table.attributeDefinitions
    content {
      name = attribute.value.name
      type = attribute.value.type
    }
  }

  dynamic "global_secondary_index" {
    for_each = try(local.table.globalSecondaryIndexes, [])
    iterator = index
    content {
      name               = index.value.name
      hash_key           = one([for k in index.value.keySchema : k.name if k.keyType == "HASH"])
      range_key          = one([for k in index.value.keySchema : k.name if k.keyType == "RANGE"])
      projection_type    = try(index.value.projection.type, index.value.projection)
      non_key_attributes = try(index.value.projection.nonKeyAttributes, null)
    }
  }

  dynamic "ttl" {
    for_each = local.ttl == null ? [] : [local.ttl]
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  point_in_time_recovery {
    enabled = local.table_pitr || var.point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags
}

# The order workflow's failures land here (the stream consumer's on-failure destination).
resource "aws_sqs_queue" "order_workflow_dlq" {
  count                     = var.create_queues ? 1 : 0
  name                      = "${var.name}-order-workflow-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

# Integration events for other systems (the relay can publish here besides RabbitMQ).
resource "aws_sqs_queue" "events_dlq" {
  count                     = var.create_queues ? 1 : 0
  name                      = "${var.name}-events-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_sqs_queue" "events" {
  count                      = var.create_queues ? 1 : 0
  name                       = "${var.name}-events"
  visibility_timeout_seconds = 60
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.events_dlq[0].arn
    maxReceiveCount     = 5
  })
  tags = var.tags
}
