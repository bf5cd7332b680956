# What a user of `lake redrive --aws` may do: drain the lake's three dead-letter queues back into the two queues
# where their messages are processed, and nothing else. The calls are those tools/Lake.Cli/Redrive/iam-actions.json
# lists (a .NET test derives them from the verb's code).
locals {
  dead_letter_queue_arns = [module.ingestion.dead_letter_queue_arn, module.orchestration.reconcile_dead_letter_queue_arn, module.orchestration.dead_letter_queue_arn]
  processing_queue_arns  = [module.ingestion.ingest_queue_arn, module.orchestration.reconcile_queue_arn]

  redrive_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # Peek at the reasons, then either SQS's message move task (a DLQ of an SQS queue) or receive-send-delete
        # (EventBridge's DLQ, which the move task refuses). The move task acts as the caller: it needs receive and
        # delete on the source ("Configure a dead-letter queue redrive", Amazon SQS Developer Guide).
        Sid      = "DrainTheDeadLetterQueues"
        Effect   = "Allow"
        Action   = ["sqs:CancelMessageMoveTask", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListDeadLetterSourceQueues", "sqs:ListMessageMoveTasks", "sqs:ReceiveMessage", "sqs:StartMessageMoveTask"]
        Resource = local.dead_letter_queue_arns
      },
      {
        # Where messages go back: the queue that feeds a DLQ, or the reconcile queue for EventBridge's (--to may
        # name only these).
        Sid      = "SendBackForProcessing"
        Effect   = "Allow"
        Action   = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"]
        Resource = local.processing_queue_arns
      },
      {
        # The queues are SSE-KMS: receiving decrypts, sending generates a data key, under the lake key (ingest) and
        # the events key (orchestration) ("Amazon SQS Key management", configuring AWS KMS permissions). Only
        # through SQS.
        Sid       = "UseTheQueueKeysThroughSqs"
        Effect    = "Allow"
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = [module.storage.kms_key_arn, module.orchestration.events_kms_key_arn]
        Condition = { StringEquals = { "kms:ViaService" = "sqs.${var.region}.amazonaws.com" } }
      },
    ]
  })
}

resource "aws_iam_policy" "redrive" {
  count = var.create_redrive_policy ? 1 : 0

  name        = "${local.name_prefix}-redrive"
  description = "Move the lake's dead-lettered messages back to the queues that process them (lake redrive --aws)."
  policy      = local.redrive_policy
  tags        = local.tags
}
