# The three Java task Lambdas. Lock runs in the VPC with the store mounted read-only (it
# reads what is installed to plan what is missing); inject and verify only call AWS APIs
# and run outside the VPC.

locals {
  tasks = {
    lock = {
      handler     = "io.smolsnake.lock.LockHandler::handleRequest"
      description = "smolsnake lock: source bundle -> pylock.toml and install plan"
      in_vpc      = true
    }
    inject = {
      handler     = "io.smolsnake.inject.InjectHandler::handleRequest"
      description = "smolsnake inject: bootstrap + bundle -> new function version"
      in_vpc      = false
    }
    verify = {
      handler     = "io.smolsnake.verify.VerifyHandler::handleRequest"
      description = "smolsnake verify: smoke-test the new version, move the alias on success"
      in_vpc      = false
    }
  }

  function_names = { for task, _ in local.tasks : task => "${var.name}-${task}" }
  # Known before apply, so the policies below never wait on the functions themselves.
  function_arns = {
    for task, fn in local.function_names :
    task => "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${fn}"
  }

  artifact_objects = "${aws_s3_bucket.artifacts.arn}/*"

  # A function and its versions and aliases.
  target_functions = flatten([for arn in var.target_function_arns : [arn, "${arn}:*"]])

  log_statement = {
    for task, fn in local.function_names : task => {
      Sid      = "WriteOwnLogs"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/lambda/${fn}:*"
    }
  }

  artifact_statements = [
    {
      Sid      = "ReadWriteArtifacts"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = local.artifact_objects
    },
    {
      # Without ListBucket a missing key answers 403 instead of 404.
      Sid      = "ListArtifacts"
      Effect   = "Allow"
      Action   = ["s3:ListBucket"]
      Resource = aws_s3_bucket.artifacts.arn
    },
  ]

  policies = {
    lock = jsonencode({
      Version = "2012-10-17"
      Statement = concat([local.log_statement.lock], local.artifact_statements, [
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
      ])
    })

    inject = jsonencode({
      Version = "2012-10-17"
      Statement = concat([local.log_statement.inject], local.artifact_statements,
        length(local.target_functions) == 0 ? [] : [{
          Sid    = "DeployTargetFunctions"
          Effect = "Allow"
          Action = [
            "lambda:GetFunction", "lambda:GetFunctionConfiguration",
            "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:PublishVersion",
          ]
          Resource = local.target_functions
      }])
    })

    verify = jsonencode({
      Version = "2012-10-17"
      Statement = concat([local.log_statement.verify], local.artifact_statements,
        length(local.target_functions) == 0 ? [] : [{
          Sid    = "SmokeTestAndPromote"
          Effect = "Allow"
          Action = [
            "lambda:InvokeFunction", "lambda:GetFunctionConfiguration",
            "lambda:GetAlias", "lambda:CreateAlias", "lambda:UpdateAlias",
          ]
          Resource = local.target_functions
      }])
    })

    state_machine = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Sid      = "InvokeTaskLambdas"
          Effect   = "Allow"
          Action   = ["lambda:InvokeFunction"]
          Resource = flatten([for arn in values(local.function_arns) : [arn, "${arn}:*"]])
        },
        {
          Sid      = "EnqueueInstalls"
          Effect   = "Allow"
          Action   = ["sqs:SendMessage"]
          Resource = var.install_queue.arn
        },
        {
          # Step Functions logs through CloudWatch Logs' vended log delivery, whose actions
          # have no resource types: AWS documents "*" as the only Resource for them.
          Sid    = "DeliverExecutionLogs"
          Effect = "Allow"
          Action = [
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
            "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
            "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
          ]
          Resource = "*"
        },
      ]
    })

    # For whoever runs `smolsnake deploy/status/replay` (a CI role, a developer): not attached
    # here, exported as deployer_policy_json.
    deployer = jsonencode({
      Version = "2012-10-17"
      Statement = concat([
        {
          Sid      = "UploadSourcesReadResults"
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:PutObject"]
          Resource = local.artifact_objects
        },
        {
          Sid      = "ListArtifacts"
          Effect   = "Allow"
          Action   = ["s3:ListBucket"]
          Resource = aws_s3_bucket.artifacts.arn
        },
        {
          Sid      = "StartPipeline"
          Effect   = "Allow"
          Action   = ["states:StartExecution", "states:DescribeStateMachine"]
          Resource = "arn:${local.partition}:states:${local.region}:${local.account_id}:stateMachine:${var.name}-pipeline"
        },
        {
          Sid    = "FollowAndReplayExecutions"
          Effect = "Allow"
          Action = [
            "states:DescribeExecution", "states:GetExecutionHistory",
            "states:StopExecution", "states:RedriveExecution",
          ]
          Resource = "arn:${local.partition}:states:${local.region}:${local.account_id}:execution:${var.name}-pipeline:*"
        },
        ], length(var.target_function_arns) == 0 ? [] : [{
          # deploy reads the function's runtime and architecture to choose the lock target.
          Sid      = "ReadTargetFunctions"
          Effect   = "Allow"
          Action   = ["lambda:GetFunctionConfiguration"]
          Resource = var.target_function_arns
      }])
    })

    worker_artifacts = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Sid      = "ReadArtifacts"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = local.artifact_objects
      }]
    })
  }
}

resource "aws_iam_role" "task" {
  for_each = local.tasks

  name = "${var.name}-${each.key}"
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

resource "aws_iam_role_policy" "task" {
  for_each = local.tasks

  name   = "smolsnake-${each.key}"
  role   = aws_iam_role.task[each.key].id
  policy = local.policies[each.key]
}

resource "aws_cloudwatch_log_group" "task" {
  for_each = local.tasks

  name              = "/aws/lambda/${local.function_names[each.key]}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_lambda_function" "task" {
  for_each = local.tasks

  function_name = local.function_names[each.key]
  description   = each.value.description
  role          = aws_iam_role.task[each.key].arn
  runtime       = var.lambda_runtime
  architectures = [var.lambda_architecture]
  handler       = each.value.handler
  memory_size   = var.lambda_memory_size[each.key]
  timeout       = var.lambda_timeout[each.key]

  filename          = var.lambda_packages[each.key].file
  source_code_hash  = var.lambda_packages[each.key].file == null ? null : filebase64sha256(var.lambda_packages[each.key].file)
  s3_bucket         = var.lambda_packages[each.key].s3_bucket
  s3_key            = var.lambda_packages[each.key].s3_key
  s3_object_version = var.lambda_packages[each.key].s3_version

  environment {
    variables = merge({
      SMOLSNAKE_ARTIFACT_BUCKET = aws_s3_bucket.artifacts.id
      SMOLSNAKE_BUNDLE_PREFIX   = var.bundle_prefix
      SMOLSNAKE_MOUNT_PATH      = var.store.mount_path
      SMOLSNAKE_STORE           = "${var.store.mount_path}/store"
      # Tiered compilation stopped at C1 starts a short-lived JVM faster; IPv6 first because
      # the package index is reached over IPv6 from the VPC (no NAT gateway).
      JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Djava.net.preferIPv6Addresses=true"
    }, var.lambda_environment)
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.task[each.key].name
  }

  dynamic "vpc_config" {
    for_each = each.value.in_vpc ? [1] : []
    content {
      subnet_ids                  = var.store.subnet_ids
      security_group_ids          = var.store.security_group_ids
      ipv6_allowed_for_dual_stack = var.store.ipv6_egress
    }
  }

  dynamic "file_system_config" {
    for_each = each.value.in_vpc ? [1] : []
    content {
      arn              = var.store.access_point_arn
      local_mount_path = var.store.mount_path
    }
  }

  tags = local.tags

  depends_on = [aws_iam_role_policy.task, aws_cloudwatch_log_group.task]
}
