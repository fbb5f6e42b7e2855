# A user's Python function that runs on the shared store: in the VPC next to the mount
# targets, the store's access point mounted read-only where the bootstrap looks for it, and
# a role that may read (never write) the store. smolsnake deploy owns the code, handler and
# environment after creation; Terraform owns everything else.

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  tags       = merge({ "smolsnake:component" = "function" }, var.tags)

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.function.arn}:*"
      },
      {
        # Read-only: ClientMount without ClientWrite, and only through the store's access point.
        Sid      = "MountTheStoreReadOnly"
        Effect   = "Allow"
        Action   = ["elasticfilesystem:ClientMount"]
        Resource = var.store.file_system_arn
        Condition = {
          StringEquals = { "elasticfilesystem:AccessPointArn" = var.store.access_point_arn }
        }
      },
      {
        # Lambda creates and removes the function's network interfaces with this role.
        Sid    = "ManageVpcNetworkInterfaces"
        Effect = "Allow"
        Action = [
          "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
          "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
        ]
        Resource = "arn:${local.partition}:ec2:${local.region}:${local.account_id}:*/*"
      },
      {
        # EC2 Describe* actions support no resource-level permissions: "*" is required.
        Sid      = "DescribeVpcNetworkInterfaces"
        Effect   = "Allow"
        Action   = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"]
        Resource = "*"
      },
    ], [for s in var.policy_statements : { for k, v in s : k => v if v != null }])
  })
}

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_iam_role" "function" {
  name = "${var.function_name}-function"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tags
}

resource "aws_iam_role_policy" "function" {
  name   = "smolsnake-function"
  role   = aws_iam_role.function.id
  policy = local.policy
}

resource "aws_lambda_function" "this" {
  function_name = var.function_name
  description   = var.description
  role          = aws_iam_role.function.arn
  runtime       = var.runtime
  architectures = [var.architecture]
  handler       = var.handler
  memory_size   = var.memory_size
  timeout       = var.timeout

  # A placeholder that explains itself until smolsnake deploy uploads the real bundle.
  filename         = "${path.module}/placeholder.zip"
  source_code_hash = filebase64sha256("${path.module}/placeholder.zip")

  environment {
    variables = merge({ SMOLSNAKE_MOUNT_PATH = var.store.mount_path }, var.environment)
  }

  vpc_config {
    subnet_ids                  = var.store.subnet_ids
    security_group_ids          = concat(var.store.security_group_ids, var.additional_security_group_ids)
    ipv6_allowed_for_dual_stack = var.store.ipv6_egress
  }

  file_system_config {
    arn              = var.store.access_point_arn
    local_mount_path = var.store.mount_path
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  tags = local.tags

  lifecycle {
    # smolsnake deploy (inject) owns these after creation.
    ignore_changes = [filename, source_code_hash, s3_bucket, s3_key, s3_object_version, handler, environment, layers]
  }

  depends_on = [aws_iam_role_policy.function]
}

# Callers invoke the alias; verify moves it to each version that passes its smoke test.
resource "aws_lambda_alias" "live" {
  name             = var.alias_name
  function_name    = aws_lambda_function.this.function_name
  function_version = "$LATEST"

  lifecycle {
    ignore_changes = [function_version, routing_config]
  }
}
