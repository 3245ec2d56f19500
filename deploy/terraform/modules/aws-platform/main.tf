# Everything CloudMart needs in one AWS account and region, composed from the modules beside this one. Each
# environment root (environments/<env>/aws) calls it with its own sizes.

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
  name      = "cloudmart-${var.env}"
  namespace = "cloudmart-${var.env}"
  prod_like = contains(["stage", "prod"], var.env)
  partition = data.aws_partition.current.partition
}

module "network" {
  source             = "../aws-network"
  name               = local.name
  cidr               = var.vpc_cidr
  az_count           = var.az_count
  high_availability  = var.high_availability
  log_retention_days = var.log_retention_days
}

module "eks" {
  source              = "../aws-eks"
  name                = local.name
  vpc_id              = module.network.vpc_id
  private_subnet_ids  = module.network.private_subnet_ids
  api_allowed_cidrs   = var.api_allowed_cidrs
  node_instance_types = var.node_instance_types
  node_capacity_type  = var.node_capacity_type
  node_min            = var.node_min
  node_desired        = var.node_desired
  node_max            = var.node_max
  log_retention_days  = var.log_retention_days
}

module "ecr" {
  source = "../aws-ecr"
  name   = "${local.name}/shop"
}

module "data" {
  source                 = "../aws-data"
  name                   = local.name
  table_name             = "${local.name}-shop"
  point_in_time_recovery = local.prod_like
  deletion_protection    = local.prod_like
}

module "function" {
  source               = "../aws-function"
  count                = var.lambda_package == "" && var.lambda_image == "" ? 0 : 1
  name                 = "${local.name}-order-workflow"
  package_path         = var.lambda_package
  image_uri            = var.lambda_image
  subnet_ids           = module.network.private_subnet_ids
  security_group_ids   = [module.eks.cluster_security_group_id]
  environment          = merge({ CloudMart__Database__Provider = "Postgres" }, var.lambda_environment)
  table_name           = module.data.table_name
  table_arn            = module.data.table_arn
  table_stream_arn     = module.data.table_stream_arn
  on_failure_queue_arn = module.data.order_workflow_dlq_arn
  log_retention_days   = var.log_retention_days
}

module "aurora" {
  source                   = "../aws-aurora"
  name                     = local.name
  vpc_id                   = module.network.vpc_id
  private_subnet_ids       = module.network.private_subnet_ids
  client_security_group_id = module.eks.cluster_security_group_id
  instance_count           = var.db_instance_count
  min_acu                  = var.db_min_acu
  max_acu                  = var.db_max_acu
  backup_retention_days    = var.db_backup_retention_days
  deletion_protection      = local.prod_like
  log_retention_days       = var.log_retention_days
}

module "observability" {
  source                = "../aws-observability"
  name                  = local.name
  notification_emails   = var.notification_emails
  dlq_name              = module.data.order_workflow_dlq_name
  function_name         = var.lambda_package == "" ? null : "${local.name}-order-workflow"
  db_cluster_identifier = module.aurora.cluster_identifier
  log_retention_days    = var.log_retention_days
}

module "pipeline" {
  source                 = "../aws-pipeline"
  count                  = var.codepipeline ? 1 : 0
  name                   = local.name
  env                    = var.env
  repository             = var.github_repository
  repository_url         = module.ecr.repository_url
  repository_arn         = module.ecr.repository_arn
  cluster_name           = module.eks.cluster_name
  notification_topic_arn = module.observability.topic_arn
  smoke_url              = "https://${var.host}"
  require_approval       = var.env == "prod"
  log_retention_days     = var.log_retention_days
}

# --- secrets the pods read through the External Secrets Operator (values set by hand, never in state) ---------
resource "aws_secretsmanager_secret" "app" {
  for_each                = toset(["database", "admin"])
  name                    = "cloudmart/${var.env}/${each.key}"
  description             = "CloudMart ${var.env}: ${each.key} (see docs/deploy.md)"
  recovery_window_in_days = local.prod_like ? 30 : 7
}

# --- IAM roles for the service accounts (IRSA): one per role, least privilege ---------------------------------
locals {
  table_resources = [module.data.table_arn, "${module.data.table_arn}/index/*"]
  secret_arns     = [for s in aws_secretsmanager_secret.app : s.arn]
  role_statements = {
    web = [
      { sid = "Table", actions = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:TransactWriteItems", "dynamodb:TransactGetItems"], resources = local.table_resources },
    ]
    worker = [
      { sid = "Table", actions = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:TransactWriteItems"], resources = local.table_resources },
      { sid = "Stream", actions = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], resources = [module.data.table_stream_arn] },
      { sid = "Events", actions = ["sqs:SendMessage", "sqs:GetQueueAttributes"], resources = [module.data.events_queue_arn] },
      { sid = "Notify", actions = ["sns:Publish"], resources = [module.observability.topic_arn] },
    ]
    migrate = [
      { sid = "DescribeTable", actions = ["dynamodb:DescribeTable"], resources = [module.data.table_arn] },
    ]
  }
}

data "aws_iam_policy_document" "service_account_assume" {
  for_each = local.role_statements
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [module.eks.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${module.eks.oidc_provider_host}:sub"
      values   = ["system:serviceaccount:${local.namespace}:cloudmart-${each.key}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${module.eks.oidc_provider_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "service_account" {
  for_each           = local.role_statements
  name               = "${local.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.service_account_assume[each.key].json
}

data "aws_iam_policy_document" "service_account" {
  for_each = local.role_statements
  dynamic "statement" {
    for_each = each.value
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = local.secret_arns
  }
}

resource "aws_iam_role_policy" "service_account" {
  for_each = local.role_statements
  name     = "cloudmart-${each.key}"
  role     = aws_iam_role.service_account[each.key].id
  policy   = data.aws_iam_policy_document.service_account[each.key].json
}

# --- GitHub Actions: OIDC, no long-lived keys. One role pushes images and deploys to this environment --------
resource "aws_iam_openid_connect_provider" "github" {
  count           = var.github_oidc_provider_arn == "" ? 1 : 0
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

locals {
  github_oidc_arn = var.github_oidc_provider_arn == "" ? aws_iam_openid_connect_provider.github[0].arn : var.github_oidc_provider_arn
}

data "aws_iam_policy_document" "github_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    # Only this repository's main branch (image push) and its GitHub environment of the same name (deploy).
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:ref:refs/heads/main", "repo:${var.github_repository}:environment:${var.env}"]
    }
  }
}

resource "aws_iam_role" "github" {
  name               = "${local.name}-github"
  assume_role_policy = data.aws_iam_policy_document.github_assume.json
}

data "aws_iam_policy_document" "github" {
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    sid = "EcrPush"
    actions = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:DescribeImages",
    "ecr:DescribeImageScanFindings", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"]
    resources = [module.ecr.repository_arn]
  }
  statement {
    sid       = "Cluster"
    actions   = ["eks:DescribeCluster"]
    resources = ["arn:${local.partition}:eks:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:cluster/${module.eks.cluster_name}"]
  }
  statement {
    sid       = "Notify"
    actions   = ["sns:Publish"]
    resources = [module.observability.topic_arn]
  }
}

resource "aws_iam_role_policy" "github" {
  name   = "ci-deploy"
  role   = aws_iam_role.github.id
  policy = data.aws_iam_policy_document.github.json
}

# The deployers may change the cloudmart namespace only.
resource "aws_eks_access_entry" "deployer" {
  for_each      = merge({ github = aws_iam_role.github.arn }, var.codepipeline ? { codebuild = module.pipeline[0].codebuild_role_arn } : {})
  cluster_name  = module.eks.cluster_name
  principal_arn = each.value
}

resource "aws_eks_access_policy_association" "deployer" {
  for_each      = aws_eks_access_entry.deployer
  cluster_name  = module.eks.cluster_name
  principal_arn = each.value.principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"
  access_scope {
    type       = "namespace"
    namespaces = [local.namespace]
  }
}
