# The order-workflow function: it reads the table's stream (only the items the filter lets through), reports
# failed records one by one (ReportBatchItemFailures) and sends what still fails to an on-failure destination.
# The package is a zip from scripts/package-lambda.sh, or the shop's container image (see below).

terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
    }
  }
}

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  log_group_arn = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/${var.name}"
}

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = "${var.name}-role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

# Least privilege: its own stream, its own table and indexes, its own queue, its own log group.
data "aws_iam_policy_document" "function" {
  statement {
    sid       = "ReadStream"
    actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
    resources = [var.table_stream_arn]
  }
  statement {
    sid       = "UseTable"
    actions   = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem", "dynamodb:TransactWriteItems"]
    resources = [var.table_arn, "${var.table_arn}/index/*"]
  }
  statement {
    sid       = "OnFailureDestination"
    actions   = ["sqs:SendMessage", "sqs:GetQueueAttributes"]
    resources = [var.on_failure_queue_arn]
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.log_group_arn}:*"]
  }
}

resource "aws_iam_role_policy" "function" {
  name   = "order-workflow"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.function.json
}

# In a VPC (to reach the relational database, like the worker pods) the function needs to manage its network interfaces.
resource "aws_iam_role_policy_attachment" "vpc" {
  count      = length(var.subnet_ids) == 0 ? 0 : 1
  role       = aws_iam_role.function.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

# A zip (scripts/package-lambda.sh, custom runtime) or the shop's container image run as `lambda` (ADR 22): the zip
# with the in-process AI model unpacks past Lambda's 250 MB limit, an image may be 10 GB.
resource "aws_lambda_function" "order_workflow" {
  function_name    = var.name
  role             = aws_iam_role.function.arn
  package_type     = var.image_uri == "" ? "Zip" : "Image"
  filename         = var.image_uri == "" ? var.package_path : null
  source_code_hash = var.image_uri == "" ? filebase64sha256(var.package_path) : null
  image_uri        = var.image_uri == "" ? null : var.image_uri
  runtime          = var.image_uri == "" ? var.runtime : null
  handler          = var.image_uri == "" ? var.handler : null
  architectures    = [var.architecture]
  memory_size      = var.memory_mb
  timeout          = var.timeout_seconds

  dynamic "image_config" {
    for_each = var.image_uri == "" ? [] : [1]
    content {
      command = ["lambda"]
    }
  }

  dynamic "vpc_config" {
    for_each = length(var.subnet_ids) == 0 ? [] : [1]
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  environment {
    variables = merge({
      CloudMart__DynamoDb__TableName        = var.table_name
      CloudMart__DynamoDb__Streams__Enabled = "false"          # the function is the stream's reader here
      CloudMart__DataDirectory              = "/tmp/cloudmart" # the only writable place in Lambda
    }, var.environment)
  }

  tracing_config {
    mode = "Active"
  }

  tags       = var.tags
  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.function, aws_iam_role_policy_attachment.vpc]
}

resource "aws_lambda_event_source_mapping" "stream" {
  event_source_arn                   = var.table_stream_arn
  function_name                      = aws_lambda_function.order_workflow.arn
  starting_position                  = "TRIM_HORIZON"
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = 1
  maximum_retry_attempts             = var.maximum_retry_attempts
  bisect_batch_on_function_error     = true
  function_response_types            = ["ReportBatchItemFailures"]

  filter_criteria {
    dynamic "filter" {
      for_each = var.event_filter_patterns
      content {
        pattern = filter.value
      }
    }
  }

  destination_config {
    on_failure {
      destination_arn = var.on_failure_queue_arn
    }
  }
}
