# The pipeline: a Standard workflow (exactly-once, redrivable, up to a year long) built from
# workflow-definitions' ASL document, logged to CloudWatch Logs.

locals {
  definition_file = coalesce(
    var.definition_file,
    "${path.module}/../../../workflow-definitions/src/main/resources/smolsnake/pipeline.asl.json",
  )

  definition = templatefile(local.definition_file, {
    lock_function_arn   = aws_lambda_function.task["lock"].arn
    inject_function_arn = aws_lambda_function.task["inject"].arn
    verify_function_arn = aws_lambda_function.task["verify"].arn
    install_queue_url   = var.install_queue.url
  })
}

resource "aws_cloudwatch_log_group" "state_machine" {
  # The /aws/vendedlogs/ prefix keeps Step Functions' log resource policy small.
  name              = "/aws/vendedlogs/states/${var.name}-pipeline"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_iam_role" "state_machine" {
  name = "${var.name}-pipeline"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "states.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:states:${local.region}:${local.account_id}:stateMachine:${var.name}-pipeline" }
      }
    }]
  })
  tags = local.tags
}

resource "aws_iam_role_policy" "state_machine" {
  name   = "smolsnake-pipeline"
  role   = aws_iam_role.state_machine.id
  policy = local.policies.state_machine
}

resource "aws_sfn_state_machine" "pipeline" {
  name     = "${var.name}-pipeline"
  type     = "STANDARD"
  role_arn = aws_iam_role.state_machine.arn

  definition = local.definition

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.state_machine.arn}:*"
    include_execution_data = false
    level                  = var.state_machine_log_level
  }

  lifecycle {
    precondition {
      condition     = can(jsondecode(local.definition).StartAt)
      error_message = "The state machine definition ${local.definition_file} must render to an ASL JSON document with StartAt."
    }
  }

  tags = local.tags

  depends_on = [aws_iam_role_policy.state_machine]
}
