# The dependency cache on a mocked AWS provider. Run from this directory: terraform test

mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  name       = "smolsnake"
  worker_jar = { bucket = "artifacts", key = "releases/smolsnake.jar" }
}

run "new_vpc_private_without_nat" {
  # Routing: the only route besides local goes to the egress-only gateway (IPv6, outbound
  # only); no subnet gives public IPv4 addresses; AWS APIs through endpoints.
  assert {
    condition     = length(aws_route.ipv6_egress) == 1 && aws_route.ipv6_egress[0].egress_only_gateway_id == aws_egress_only_internet_gateway.this[0].id
    error_message = "IPv6 egress must go through the egress-only internet gateway."
  }

  assert {
    condition = alltrue([
      for r in aws_route.ipv6_egress : r.nat_gateway_id == "" || r.nat_gateway_id == null
    ]) && length(aws_route_table.private[0].route) == 0
    error_message = "No route may lead to a NAT gateway."
  }

  assert {
    condition     = alltrue([for s in aws_subnet.private : !s.map_public_ip_on_launch])
    error_message = "Subnets must not hand out public IPv4 addresses."
  }

  assert {
    condition     = aws_vpc_endpoint.s3.vpc_endpoint_type == "Gateway" && length(aws_vpc_endpoint.s3.route_table_ids) == 1
    error_message = "S3 must be reached through a gateway endpoint on the private route table."
  }

  assert {
    condition     = toset([for k, e in aws_vpc_endpoint.interface : k if e.vpc_endpoint_type == "Interface" && e.private_dns_enabled]) == toset(["sqs", "states", "logs", "ssm", "ssmmessages", "ec2messages"])
    error_message = "Interface endpoints with private DNS are needed for SQS, Step Functions, CloudWatch Logs and Session Manager."
  }

  assert {
    condition     = alltrue([for e in aws_vpc_endpoint.interface : length(e.subnet_ids) == 1])
    error_message = "Interface endpoints are billed per zone: one subnet each by default."
  }

  # The store.
  assert {
    condition     = aws_efs_file_system.store.encrypted == true && aws_efs_file_system.store.throughput_mode == "elastic"
    error_message = "The EFS file system must be encrypted and use elastic throughput."
  }

  assert {
    condition     = length(aws_efs_mount_target.store) == 2
    error_message = "One mount target per subnet."
  }

  assert {
    condition     = aws_efs_access_point.store.root_directory[0].path == "/smolsnake" && aws_efs_access_point.store.posix_user[0].uid == 1001
    error_message = "Every client goes through one access point as one POSIX user."
  }

  assert {
    condition     = contains([for s in jsondecode(aws_efs_file_system_policy.store.policy).Statement : s.Sid], "DenyWithoutTls")
    error_message = "The file system policy must refuse clients without TLS."
  }

  # The queue and its dead-letter queue.
  assert {
    condition     = jsondecode(aws_sqs_queue.install.redrive_policy).deadLetterTargetArn == aws_sqs_queue.install_dlq.arn
    error_message = "The install queue's redrive policy must point at the dead-letter queue."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.install.redrive_policy).maxReceiveCount == 5
    error_message = "Messages move to the dead-letter queue after max_receive_count receives."
  }

  assert {
    condition     = contains(jsondecode(aws_sqs_queue_redrive_allow_policy.install_dlq.redrive_allow_policy).sourceQueueArns, aws_sqs_queue.install.arn)
    error_message = "The dead-letter queue must accept redrives from the install queue only."
  }

  assert {
    condition     = aws_sqs_queue.install.sqs_managed_sse_enabled && aws_sqs_queue.install_dlq.sqs_managed_sse_enabled
    error_message = "Both queues are encrypted at rest."
  }

  # The workers.
  assert {
    condition     = alltrue([for ni in aws_launch_template.worker.network_interfaces : ni.associate_public_ip_address == "false"])
    error_message = "Workers must not get a public IP."
  }

  assert {
    condition     = aws_launch_template.worker.key_name == null || aws_launch_template.worker.key_name == ""
    error_message = "Workers have no SSH key pair: access is through Session Manager."
  }

  assert {
    condition     = aws_launch_template.worker.metadata_options[0].http_tokens == "required"
    error_message = "Workers must require IMDSv2."
  }

  assert {
    condition     = alltrue([for b in aws_launch_template.worker.block_device_mappings : b.ebs[0].encrypted == "true"])
    error_message = "Worker volumes must be encrypted."
  }

  assert {
    condition = length(setsubtract(
      ["ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
      flatten([for s in jsondecode(output.iam_policies.worker).Statement : s.Action]),
    )) == 0
    error_message = "The worker role needs the Session Manager actions."
  }

  assert {
    condition     = aws_iam_instance_profile.worker.role == aws_iam_role.worker.name
    error_message = "The workers run with the worker role."
  }

  assert {
    condition     = strcontains(base64decode(aws_launch_template.worker.user_data), "worker --queue-url ${aws_sqs_queue.install.url} --store /mnt/smolsnake/store")
    error_message = "The systemd unit must start `smolsnake worker` on the install queue and the EFS store."
  }

  assert {
    condition     = aws_autoscaling_group.worker.min_size == 0 && aws_autoscaling_group.worker.max_size == 2
    error_message = "The worker group idles at zero instances by default."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.backlog.alarm_actions == toset([aws_autoscaling_policy.scale_out.arn]) && aws_cloudwatch_metric_alarm.idle.alarm_actions == toset([aws_autoscaling_policy.scale_in.arn])
    error_message = "The workers scale out on a backlog and in when the queue is idle."
  }

  assert {
    condition     = strcontains(data.aws_ssm_parameter.al2023.name, "al2023-ami") && endswith(data.aws_ssm_parameter.al2023.name, "arm64")
    error_message = "Workers run Amazon Linux 2023 for their architecture."
  }
}

run "existing_network" {
  variables {
    network = {
      vpc_id          = "vpc-0aaaaaaaaaaaaaaaa"
      subnet_ids      = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb", "subnet-0cccccccccccccccc"]
      route_table_ids = ["rtb-0aaaaaaaaaaaaaaaa"]
    }
    worker_architecture  = "x86_64"
    worker_instance_type = "t3.small"
  }

  assert {
    condition     = length(aws_vpc.this) == 0 && length(aws_subnet.private) == 0 && length(aws_egress_only_internet_gateway.this) == 0
    error_message = "With a given network nothing network-wide is created."
  }

  assert {
    condition     = jsonencode([for m in aws_efs_mount_target.store : m.subnet_id]) == jsonencode(var.network.subnet_ids)
    error_message = "One mount target per given subnet."
  }

  assert {
    condition     = output.function_subnet_ids == var.network.subnet_ids && aws_autoscaling_group.worker.vpc_zone_identifier == toset(var.network.subnet_ids)
    error_message = "Workers and functions use the given subnets."
  }

  assert {
    condition     = aws_vpc_endpoint.s3.route_table_ids == toset(var.network.route_table_ids)
    error_message = "The S3 gateway endpoint attaches to the given route tables."
  }

  assert {
    condition     = endswith(data.aws_ssm_parameter.al2023.name, "x86_64")
    error_message = "An x86_64 worker boots the x86_64 AMI."
  }
}

run "no_ipv6_egress" {
  variables {
    ipv6_egress           = false
    interface_endpoints   = ["sqs", "states"]
    endpoint_subnet_count = 2
    worker_min_size       = 1
  }

  assert {
    condition     = length(aws_egress_only_internet_gateway.this) == 0 && length(aws_route.ipv6_egress) == 0 && length(aws_vpc_security_group_egress_rule.clients_to_index) == 0
    error_message = "Without IPv6 egress there is no path to the internet at all."
  }

  assert {
    condition     = alltrue([for ni in aws_launch_template.worker.network_interfaces : ni.ipv6_address_count == 0])
    error_message = "Without IPv6 egress workers get no IPv6 address."
  }

  assert {
    condition     = keys(aws_vpc_endpoint.interface) == ["sqs", "states"] && alltrue([for e in aws_vpc_endpoint.interface : length(e.subnet_ids) == 2])
    error_message = "interface_endpoints and endpoint_subnet_count choose the endpoints and their zones."
  }

  assert {
    condition     = aws_autoscaling_group.worker.min_size == 1 && [for s in aws_autoscaling_policy.scale_in.step_adjustment : s.scaling_adjustment] == [1]
    error_message = "With a minimum of one worker, scale-in stops at one."
  }
}

run "rejects_an_unknown_architecture" {
  command = plan

  variables {
    worker_architecture = "riscv64"
  }

  expect_failures = [var.worker_architecture]
}
