# A user's function on the store, on a mocked AWS provider. Run from this directory: terraform test

mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  function_name = "pandas-report"
  runtime       = "python3.11"
  architecture  = "x86_64"
  store = {
    file_system_arn    = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0"
    access_point_arn   = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0"
    mount_path         = "/mnt/smolsnake"
    subnet_ids         = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
    security_group_ids = ["sg-0aaaaaaaaaaaaaaaa"]
    ipv6_egress        = true
  }
}

run "function_on_the_store" {
  assert {
    condition     = aws_lambda_function.this.runtime == "python3.11" && aws_lambda_function.this.architectures == tolist(["x86_64"])
    error_message = "The function uses the runtime and architecture the variables say."
  }

  assert {
    condition = (
      aws_lambda_function.this.file_system_config[0].local_mount_path == "/mnt/smolsnake"
      && aws_lambda_function.this.file_system_config[0].arn == var.store.access_point_arn
    )
    error_message = "The store's access point is mounted where the bootstrap looks: /mnt/smolsnake."
  }

  assert {
    condition = (
      aws_lambda_function.this.vpc_config[0].subnet_ids == toset(var.store.subnet_ids)
      && aws_lambda_function.this.vpc_config[0].security_group_ids == toset(var.store.security_group_ids)
    )
    error_message = "The function runs in the store's subnets with the group that may reach the mount targets."
  }

  assert {
    condition = (
      contains(flatten([for s in jsondecode(output.iam_policies.function).Statement : s.Action]), "elasticfilesystem:ClientMount")
      && !contains(flatten([for s in jsondecode(output.iam_policies.function).Statement : s.Action]), "elasticfilesystem:ClientWrite")
      && !contains(flatten([for s in jsondecode(output.iam_policies.function).Statement : s.Action]), "elasticfilesystem:ClientRootAccess")
    )
    error_message = "Functions mount the store read-only."
  }

  assert {
    condition     = aws_lambda_alias.live.name == "live" && aws_lambda_alias.live.function_version == "$LATEST"
    error_message = "The alias verify moves exists from the start."
  }

  assert {
    condition     = aws_lambda_function.this.handler == "smolsnake_placeholder.handler" && endswith(aws_lambda_function.this.filename, "placeholder.zip")
    error_message = "Until the first deploy the function runs the placeholder that says what to do."
  }
}

run "arm64_with_own_permissions" {
  variables {
    runtime      = "python3.13"
    architecture = "arm64"
    policy_statements = [{
      Sid      = "ReadReports"
      Action   = ["s3:GetObject"]
      Resource = ["arn:aws:s3:::reports/*"]
    }]
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "python3.13" && aws_lambda_function.this.architectures == tolist(["arm64"])
    error_message = "The function uses the runtime and architecture the variables say."
  }

  assert {
    condition     = contains([for s in jsondecode(output.iam_policies.function).Statement : s.Sid], "ReadReports")
    error_message = "The caller's statements are added to the function's policy."
  }
}

run "rejects_wildcard_statements" {
  command = plan

  variables {
    policy_statements = [{
      Sid      = "TooMuch"
      Action   = ["s3:*"]
      Resource = ["*"]
    }]
  }

  expect_failures = [var.policy_statements]
}

run "rejects_a_runtime_smolsnake_cannot_lock_for" {
  command = plan

  variables {
    runtime = "nodejs20.x"
  }

  expect_failures = [var.runtime]
}

run "rejects_a_mount_outside_mnt" {
  command = plan

  variables {
    store = {
      file_system_arn    = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0"
      access_point_arn   = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0"
      mount_path         = "/opt/smolsnake"
      subnet_ids         = ["subnet-0aaaaaaaaaaaaaaaa"]
      security_group_ids = ["sg-0aaaaaaaaaaaaaaaa"]
      ipv6_egress        = false
    }
  }

  expect_failures = [var.store]
}
