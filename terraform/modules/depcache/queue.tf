# The install queue: one message per package to install, carrying a Step Functions task token.
# Messages that keep failing land in the dead-letter queue instead of cycling for ever.

resource "aws_sqs_queue" "install_dlq" {
  name                      = "${var.name}-install-dlq"
  message_retention_seconds = 1209600 # 14 days, the maximum: time to look at what failed
  sqs_managed_sse_enabled   = true
  tags                      = local.tags
}

resource "aws_sqs_queue" "install" {
  name                       = "${var.name}-install"
  visibility_timeout_seconds = var.queue_visibility_timeout_seconds
  receive_wait_time_seconds  = 20 # long polling: an idle worker costs one request per 20 s
  message_retention_seconds  = 86400
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.install_dlq.arn
    maxReceiveCount     = var.max_receive_count
  })

  tags = local.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "install_dlq" {
  queue_url = aws_sqs_queue.install_dlq.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.install.arn]
  })
}
