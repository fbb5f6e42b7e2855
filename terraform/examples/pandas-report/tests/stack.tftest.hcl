# The whole example stack (examples/pandas-report) on a mocked AWS provider: everything is
# wired, the CLI's outputs exist, and no IAM policy anywhere grants a wildcard action or a
# wildcard resource beyond the few actions AWS offers no narrower resource for.
#
# Run from terraform/examples/pandas-report: terraform test

mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  lock_jar        = "../../tests/fixtures/task.jar"
  inject_jar      = "../../tests/fixtures/task.jar"
  verify_jar      = "../../tests/fixtures/task.jar"
  worker_jar      = "../../tests/fixtures/task.jar"
  definition_file = "../../tests/fixtures/pipeline.asl.json"
}

# One apply on the mocked provider, many assertions: each run costs seconds.
run "stack" {
  assert {
    condition = alltrue([
      for v in [output.state_machine_arn, output.artifact_bucket, output.install_queue_url,
      output.efs_access_point_arn, output.function_security_group_id] : v != null && v != ""
    ])
    error_message = "An output the CLI reads is empty."
  }

  assert {
    condition     = length(output.function_subnet_ids) == 2
    error_message = "The function needs the two private subnets of the new VPC, got ${jsonencode(output.function_subnet_ids)}."
  }

  assert {
    condition     = startswith(output.state_machine_arn, "arn:aws:states:")
    error_message = "state_machine_arn is not a state machine ARN: ${output.state_machine_arn}."
  }

  assert {
    condition     = module.function.runtime == "python3.11" && module.function.architecture == "x86_64"
    error_message = "The example function must use the runtime and arch of examples/pandas-report/pyproject.toml (python3.11, x86_64), got ${module.function.runtime}/${module.function.architecture}."
  }

  assert {
    condition = length(flatten([
      for name, doc in output.iam_policies : [
        for s in jsondecode(doc).Statement : [
          for a in flatten([s.Action]) : "${name}/${s.Sid}: ${a}" if strcontains(a, "*")
        ]
      ]
    ])) == 0
    error_message = "Wildcard IAM actions: ${jsonencode(flatten([
      for name, doc in output.iam_policies : [
        for s in jsondecode(doc).Statement : [
          for a in flatten([s.Action]) : "${name}/${s.Sid}: ${a}" if strcontains(a, "*")
        ]
      ]
    ]))}."
  }

  assert {
    condition = length(flatten([
      for name, doc in output.iam_policies : [
        for s in jsondecode(doc).Statement : "${name}/${s.Sid}" if can(s.NotAction) || can(s.NotResource) || s.Effect != "Allow"
      ]
    ])) == 0
    error_message = "Identity policies must only Allow named actions on named resources (no NotAction/NotResource)."
  }

  assert {
    condition     = length(output.iam_policies) == 8
    error_message = "Expected the 8 policies of the stack (worker, worker_artifacts, lock, inject, verify, state_machine, deployer, function), got ${jsonencode(keys(output.iam_policies))}."
  }

  assert {
    condition = length(flatten([
      for name, doc in output.iam_policies : [
        for s in jsondecode(doc).Statement : [
          for a in flatten([s.Action]) : "${name}/${s.Sid}: ${a}" if !contains([
            # Task-token callbacks: no resource types.
            "states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat",
            # Session Manager channels: no resource types.
            "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
            "ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage",
            "ec2messages:GetEndpoint", "ec2messages:GetMessages", "ec2messages:SendReply",
            # EC2 Describe*: no resource-level permissions.
            "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            # CloudWatch Logs vended delivery (Step Functions logging): "*" only.
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
            "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
            "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
          ], a)
        ] if contains(flatten([s.Resource]), "*")
      ]
    ])) == 0
    error_message = "A statement with Resource \"*\" holds an action that supports resource-level permissions."
  }

  assert {
    condition = alltrue(flatten([
      for name, doc in output.iam_policies : [
        for s in jsondecode(doc).Statement : [
          for r in flatten([s.Resource]) : r == "*" || startswith(r, "arn:aws:")
        ]
      ]
    ]))
    error_message = "Every resource is an ARN (or the documented \"*\")."
  }
}
