# The pipeline on a mocked AWS provider, with a fixture definition carrying the same
# placeholders as workflow-definitions' pipeline.asl.json. Run from this directory: terraform test

mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  definition_file = "../../tests/fixtures/pipeline.asl.json"
  lambda_packages = {
    lock   = { file = "../../tests/fixtures/task.jar" }
    inject = { file = "../../tests/fixtures/task.jar" }
    verify = { file = "../../tests/fixtures/task.jar" }
  }
  store = {
    file_system_arn    = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0"
    access_point_arn   = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0"
    mount_path         = "/mnt/smolsnake"
    subnet_ids         = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
    security_group_ids = ["sg-0aaaaaaaaaaaaaaaa"]
    ipv6_egress        = true
  }
  install_queue = {
    url = "https://sqs.us-east-1.amazonaws.com/123456789012/smolsnake-install"
    arn = "arn:aws:sqs:us-east-1:123456789012:smolsnake-install"
  }
  worker_role_name     = "smolsnake-worker"
  target_function_arns = ["arn:aws:lambda:us-east-1:123456789012:function:pandas-report"]
}

run "defaults" {
  # The state machine.
  assert {
    condition     = aws_sfn_state_machine.pipeline.type == "STANDARD"
    error_message = "The pipeline is a Standard workflow (exactly-once, redrivable)."
  }

  assert {
    condition = (
      aws_sfn_state_machine.pipeline.logging_configuration[0].level == "ALL"
      && aws_sfn_state_machine.pipeline.logging_configuration[0].log_destination == "${aws_cloudwatch_log_group.state_machine.arn}:*"
      && !aws_sfn_state_machine.pipeline.logging_configuration[0].include_execution_data
    )
    error_message = "The state machine logs to its log group, without execution data."
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.pipeline.definition).States.Lock.Parameters.FunctionName == aws_lambda_function.task["lock"].arn
      && jsondecode(aws_sfn_state_machine.pipeline.definition).States.Install.ItemProcessor.States.InstallOne.Parameters.QueueUrl == var.install_queue.url
      && !strcontains(aws_sfn_state_machine.pipeline.definition, "$${")
    )
    error_message = "Every placeholder of the definition is filled in."
  }

  # The task Lambdas.
  assert {
    condition     = alltrue([for f in aws_lambda_function.task : f.runtime == "java21" && f.architectures == tolist(["arm64"])])
    error_message = "The task Lambdas use the runtime and architecture the variables say (java21, arm64 by default)."
  }

  assert {
    condition = {
      for k, f in aws_lambda_function.task : k => f.handler
      } == {
      lock   = "io.smolsnake.lock.LockHandler::handleRequest"
      inject = "io.smolsnake.inject.InjectHandler::handleRequest"
      verify = "io.smolsnake.verify.VerifyHandler::handleRequest"
    }
    error_message = "Handlers are the tasks' entry points."
  }

  assert {
    condition = (
      aws_lambda_function.task["lock"].file_system_config[0].local_mount_path == "/mnt/smolsnake"
      && aws_lambda_function.task["lock"].file_system_config[0].arn == var.store.access_point_arn
      && aws_lambda_function.task["lock"].vpc_config[0].ipv6_allowed_for_dual_stack
    )
    error_message = "Lock mounts the store's access point at /mnt/smolsnake from the VPC, with IPv6 egress to the index."
  }

  assert {
    condition     = length(aws_lambda_function.task["inject"].vpc_config) == 0 && length(aws_lambda_function.task["verify"].file_system_config) == 0
    error_message = "Inject and verify run outside the VPC."
  }

  assert {
    condition = (
      !contains(flatten([for s in jsondecode(output.iam_policies.lock).Statement : s.Action]), "elasticfilesystem:ClientWrite")
      && contains(flatten([for s in jsondecode(output.iam_policies.lock).Statement : s.Action]), "elasticfilesystem:ClientMount")
    )
    error_message = "Lock mounts the store read-only."
  }

  assert {
    condition = alltrue([
      for k, f in aws_lambda_function.task : f.logging_config[0].log_group == aws_cloudwatch_log_group.task[k].name
    ])
    error_message = "Each task Lambda logs to its own log group (with retention)."
  }

  # The artifact bucket.
  assert {
    condition = (
      aws_s3_bucket_public_access_block.artifacts.block_public_acls && aws_s3_bucket_public_access_block.artifacts.block_public_policy
      && aws_s3_bucket_public_access_block.artifacts.ignore_public_acls && aws_s3_bucket_public_access_block.artifacts.restrict_public_buckets
    )
    error_message = "The artifact bucket blocks all public access."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_server_side_encryption_configuration.artifacts.rule : one(r.apply_server_side_encryption_by_default).sse_algorithm]) == "AES256"
    error_message = "The artifact bucket is encrypted."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.artifacts.rule : one(r.expiration).days if r.id == "expire-bundles"]) == 30
    error_message = "Old bundles expire after bundle_expiration_days."
  }

  # IAM.
  assert {
    condition = toset(flatten([
      for s in jsondecode(output.iam_policies.state_machine).Statement : s.Resource if s.Sid == "InvokeTaskLambdas"
    ])) == toset(flatten([for f in values(local.function_arns) : [f, "${f}:*"]]))
    error_message = "The state machine may invoke exactly the three task Lambdas."
  }

  assert {
    condition     = length(aws_iam_role_policy.worker_reads_artifacts) == 1 && aws_iam_role_policy.worker_reads_artifacts[0].role == "smolsnake-worker"
    error_message = "The workers may read the artifact bucket."
  }

  assert {
    condition = alltrue(flatten([
      for doc in values(output.iam_policies) : [
        for s in jsondecode(doc).Statement : [for a in flatten([s.Action]) : !strcontains(a, "*")]
      ]
    ]))
    error_message = "No wildcard IAM actions."
  }
}

run "x86_64_java17_from_s3" {
  variables {
    lambda_runtime      = "java17"
    lambda_architecture = "x86_64"
    lambda_packages = {
      lock   = { s3_bucket = "releases", s3_key = "lock-task.jar" }
      inject = { s3_bucket = "releases", s3_key = "inject-task.jar" }
      verify = { s3_bucket = "releases", s3_key = "verify-task.jar", s3_version = "3" }
    }
    target_function_arns    = []
    state_machine_log_level = "ERROR"
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.task : f.runtime == "java17" && f.architectures == tolist(["x86_64"]) && f.s3_bucket == "releases" && f.filename == null])
    error_message = "The task Lambdas follow lambda_runtime, lambda_architecture and the S3 packages."
  }

  assert {
    condition     = aws_sfn_state_machine.pipeline.logging_configuration[0].level == "ERROR"
    error_message = "The log level follows state_machine_log_level."
  }

  assert {
    condition     = !strcontains(output.iam_policies.inject, "lambda:UpdateFunctionCode") && !strcontains(output.iam_policies.verify, "lambda:InvokeFunction")
    error_message = "Without target functions inject and verify may touch no function."
  }
}

run "rejects_a_runtime_that_cannot_run_the_tasks" {
  command = plan

  variables {
    lambda_runtime = "python3.12"
  }

  expect_failures = [var.lambda_runtime]
}

run "rejects_logging_off" {
  command = plan

  variables {
    state_machine_log_level = "OFF"
  }

  expect_failures = [var.state_machine_log_level]
}
