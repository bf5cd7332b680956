# The reconcile queue (EventBridge → etl-trigger), its dead-letter queue, and the events DLQ that keeps what
# EventBridge itself could not deliver. All three carry only EventBridge events, under the events key.

locals {
  # AWS's rule for SQS-triggered Lambda: visibility timeout at least six times the function timeout.
  reconcile_visibility_timeout_seconds = 6 * var.etl_trigger_timeout_seconds

  # Only the lake's rules may send: the queue targets and the events DLQ of every target.
  queue_rule_arns = distinct([for t in local.targets : local.rule_arns[t.rule] if t.kind == "queue"])
  all_rule_arns   = [for k in sort(keys(local.rule_arns)) : local.rule_arns[k]]

  # Every queue's TLS-only statement; each policy adds its own Resource.
  deny_insecure_transport = {
    Sid       = "DenyInsecureTransport"
    Effect    = "Deny"
    Principal = "*"
    Action    = "sqs:*"
    Condition = { Bool = { "aws:SecureTransport" = "false" } }
  }
}

resource "aws_sqs_queue" "dead_letter" {
  name                              = "${var.name_prefix}-events-dlq"
  message_retention_seconds         = var.dead_letter_retention_seconds
  kms_master_key_id                 = aws_kms_key.events.arn
  kms_data_key_reuse_period_seconds = 300
  tags                              = var.tags
}

resource "aws_sqs_queue" "reconcile_dead_letter" {
  name                              = "${var.name_prefix}-reconcile-dlq"
  message_retention_seconds         = var.dead_letter_retention_seconds
  kms_master_key_id                 = aws_kms_key.events.arn
  kms_data_key_reuse_period_seconds = 300
  tags                              = var.tags
}

resource "aws_sqs_queue" "reconcile" {
  name                              = "${var.name_prefix}-reconcile"
  visibility_timeout_seconds        = local.reconcile_visibility_timeout_seconds
  message_retention_seconds         = 345600
  kms_master_key_id                 = aws_kms_key.events.arn
  kms_data_key_reuse_period_seconds = 300

  # A message reaches the DLQ only after max_receive_count failed reconciles of it: never because a crawl or
  # a job is running (the reconciler answers that by waiting, not by failing).
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.reconcile_dead_letter.arn
    maxReceiveCount     = var.reconcile_max_receive_count
  })

  tags = var.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "reconcile_dead_letter" {
  queue_url = aws_sqs_queue.reconcile_dead_letter.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.reconcile.arn]
  })
}

resource "aws_sqs_queue_policy" "reconcile" {
  queue_url = aws_sqs_queue.reconcile.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "LakeRulesSendEvents"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.reconcile.arn
        Condition = { ArnEquals = { "aws:SourceArn" = local.queue_rule_arns } }
      },
      merge(local.deny_insecure_transport, { Resource = aws_sqs_queue.reconcile.arn }),
    ]
  })
}

resource "aws_sqs_queue_policy" "reconcile_dead_letter" {
  queue_url = aws_sqs_queue.reconcile_dead_letter.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [merge(local.deny_insecure_transport, { Resource = aws_sqs_queue.reconcile_dead_letter.arn })]
  })
}

resource "aws_sqs_queue_policy" "dead_letter" {
  queue_url = aws_sqs_queue.dead_letter.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "LakeRulesSendUndeliveredEvents"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.dead_letter.arn
        Condition = { ArnEquals = { "aws:SourceArn" = local.all_rule_arns } }
      },
      merge(local.deny_insecure_transport, { Resource = aws_sqs_queue.dead_letter.arn }),
    ]
  })
}

locals {
  alarms = {
    events-dlq-not-empty = {
      queue       = aws_sqs_queue.dead_letter.name
      metric      = "ApproximateNumberOfMessagesVisible"
      threshold   = 0
      description = "EventBridge could not deliver Glue state changes or sweeps to the reconcile queue or ops-notifier: read ${aws_sqs_queue.dead_letter.name}; the sweep already covers lost reconcile events, lost notifications are only in this queue."
    }
    reconcile-dlq-not-empty = {
      queue       = aws_sqs_queue.reconcile_dead_letter.name
      metric      = "ApproximateNumberOfMessagesVisible"
      threshold   = 0
      description = "etl-trigger failed ${var.reconcile_max_receive_count} times on the same event: read ${aws_sqs_queue.reconcile_dead_letter.name} and the function's logs, fix, then `lake redrive --aws`."
    }
    reconcile-stalled = {
      queue       = aws_sqs_queue.reconcile.name
      metric      = "ApproximateAgeOfOldestMessage"
      threshold   = 900
      description = "An event has waited over 15 minutes in ${aws_sqs_queue.reconcile.name}: etl-trigger is failing or throttled."
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "queue" {
  for_each = local.alarms

  alarm_name          = "${var.name_prefix}-${each.key}"
  alarm_description   = each.value.description
  namespace           = "AWS/SQS"
  metric_name         = each.value.metric
  dimensions          = { QueueName = each.value.queue }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = var.tags
}
