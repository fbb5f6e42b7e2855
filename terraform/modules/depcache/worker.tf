# The install workers: an Auto Scaling group on Amazon Linux 2023 that follows the install
# queue's depth (0 instances while it is empty, by default). No SSH, no key pair, no public
# IP: operators use SSM Session Manager.

data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${var.worker_architecture}"
}

resource "aws_cloudwatch_log_group" "worker" {
  name              = "/smolsnake/${var.name}/worker"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_iam_role" "worker" {
  name = "${var.name}-worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tags
}

resource "aws_iam_instance_profile" "worker" {
  name = "${var.name}-worker"
  role = aws_iam_role.worker.name
  tags = local.tags
}

locals {
  worker_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ConsumeInstallQueue"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
        Resource = aws_sqs_queue.install.arn
      },
      {
        # SendTask* authorise by the opaque task token, not by ARN: they have no resource
        # type, so "*" is the only Resource that works (an ARN here is an implicit deny).
        Sid      = "AnswerTaskTokens"
        Effect   = "Allow"
        Action   = ["states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"]
        Resource = "*"
      },
      {
        Sid      = "ReadWorkerJar"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "arn:${local.partition}:s3:::${var.worker_jar.bucket}/${var.worker_jar.key}"
      },
      {
        Sid      = "MountAndWriteTheStore"
        Effect   = "Allow"
        Action   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
        Resource = aws_efs_file_system.store.arn
        Condition = {
          StringEquals = { "elasticfilesystem:AccessPointArn" = aws_efs_access_point.store.arn }
        }
      },
      {
        Sid      = "ShipLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
        Resource = ["${aws_cloudwatch_log_group.worker.arn}:*"]
      },
      {
        Sid      = "SessionManagerRegistration"
        Effect   = "Allow"
        Action   = ["ssm:UpdateInstanceInformation"]
        Resource = "arn:${local.partition}:ec2:${local.region}:${local.account_id}:instance/*"
      },
      {
        # Session Manager's message channels (ssmmessages, ec2messages) define no resource
        # types: AWS accepts only "*" for them.
        Sid    = "SessionManagerChannels"
        Effect = "Allow"
        Action = [
          "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
          "ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage",
          "ec2messages:GetEndpoint", "ec2messages:GetMessages", "ec2messages:SendReply",
        ]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy" "worker" {
  name   = "smolsnake-worker"
  role   = aws_iam_role.worker.id
  policy = local.worker_policy
}

resource "aws_launch_template" "worker" {
  name_prefix   = "${var.name}-worker-"
  image_id      = data.aws_ssm_parameter.al2023.value
  instance_type = var.worker_instance_type

  iam_instance_profile {
    arn = aws_iam_instance_profile.worker.arn
  }

  # IMDSv2 only, and not reachable from containers one hop further.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  network_interfaces {
    device_index                = 0
    associate_public_ip_address = false
    ipv6_address_count          = local.ipv6_egress ? 1 : 0
    security_groups             = [aws_security_group.worker.id]
    delete_on_termination       = true
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = var.worker_volume_size
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  user_data = base64encode(templatefile("${path.module}/templates/worker-user-data.sh.tftpl", {
    region          = local.region
    python_versions = join(" ", var.worker_python_versions)
    posix_uid       = local.posix_uid
    mount_path      = local.mount_path
    store_path      = local.store_path
    file_system_id  = aws_efs_file_system.store.id
    access_point_id = aws_efs_access_point.store.id
    jar_bucket      = var.worker_jar.bucket
    jar_key         = var.worker_jar.key
    queue_url       = aws_sqs_queue.install.url
    concurrency     = var.worker_concurrency
    log_group       = aws_cloudwatch_log_group.worker.name
  }))

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = "${var.name}-worker" })
  }

  tags = local.tags
}

resource "aws_autoscaling_group" "worker" {
  name                = "${var.name}-worker"
  min_size            = var.worker_min_size
  max_size            = var.worker_max_size
  vpc_zone_identifier = local.subnet_ids
  health_check_type   = "EC2"

  launch_template {
    id      = aws_launch_template.worker.id
    version = aws_launch_template.worker.latest_version
  }

  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 0
    }
  }

  dynamic "tag" {
    for_each = merge(local.tags, { Name = "${var.name}-worker" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  # The scaling policies own the desired capacity.
  lifecycle {
    ignore_changes = [desired_capacity]
  }

  depends_on = [aws_efs_mount_target.store, aws_vpc_endpoint.interface, aws_vpc_endpoint.s3]
}

# --- Scaling with the queue ----------------------------------------------------------------
# Out: as soon as a message is waiting, one worker per 10 waiting messages up to the maximum.
# In: back to the minimum once nothing has been waiting or in flight for a while, so a
# scale-in never interrupts an install.

resource "aws_autoscaling_policy" "scale_out" {
  name                    = "${var.name}-worker-scale-out"
  autoscaling_group_name  = aws_autoscaling_group.worker.name
  policy_type             = "StepScaling"
  adjustment_type         = "ExactCapacity"
  metric_aggregation_type = "Maximum"

  step_adjustment {
    metric_interval_lower_bound = 0
    metric_interval_upper_bound = 10
    scaling_adjustment          = max(1, var.worker_min_size)
  }

  step_adjustment {
    metric_interval_lower_bound = 10
    scaling_adjustment          = var.worker_max_size
  }
}

resource "aws_cloudwatch_metric_alarm" "backlog" {
  alarm_name          = "${var.name}-install-backlog"
  alarm_description   = "Install messages are waiting: start workers."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.install.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_autoscaling_policy.scale_out.arn]
  tags                = local.tags
}

resource "aws_autoscaling_policy" "scale_in" {
  name                    = "${var.name}-worker-scale-in"
  autoscaling_group_name  = aws_autoscaling_group.worker.name
  policy_type             = "StepScaling"
  adjustment_type         = "ExactCapacity"
  metric_aggregation_type = "Maximum"

  step_adjustment {
    metric_interval_upper_bound = 0
    scaling_adjustment          = var.worker_min_size
  }
}

resource "aws_cloudwatch_metric_alarm" "idle" {
  alarm_name          = "${var.name}-install-idle"
  alarm_description   = "Nothing waiting or in flight: scale the workers in."
  evaluation_periods  = var.scale_in_idle_minutes
  threshold           = 0
  comparison_operator = "LessThanOrEqualToThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_autoscaling_policy.scale_in.arn]

  metric_query {
    id          = "work"
    expression  = "visible + inflight"
    label       = "Install messages waiting or in flight"
    return_data = true
  }

  metric_query {
    id = "visible"
    metric {
      namespace   = "AWS/SQS"
      metric_name = "ApproximateNumberOfMessagesVisible"
      dimensions  = { QueueName = aws_sqs_queue.install.name }
      stat        = "Maximum"
      period      = 60
    }
  }

  metric_query {
    id = "inflight"
    metric {
      namespace   = "AWS/SQS"
      metric_name = "ApproximateNumberOfMessagesNotVisible"
      dimensions  = { QueueName = aws_sqs_queue.install.name }
      stat        = "Maximum"
      period      = 60
    }
  }

  tags = local.tags
}
