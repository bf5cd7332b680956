# A key of its own for the queues EventBridge writes to. EventBridge's service principal must be allowed to
# use the key of an encrypted target queue, and no condition key is documented for that use (the documented
# aws:SourceArn / encryption-context conditions are for event bus encryption). Giving it only this key
# confines that grant to EventBridge events: it can never decrypt lake data, logs or stream records.
resource "aws_kms_key" "events" {
  description             = "${var.name_prefix} data lake: EventBridge-fed queues (reconcile, its DLQ, events DLQ)"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_in_days
  tags                    = var.tags
}

resource "aws_kms_alias" "events" {
  name          = "alias/${var.name_prefix}-events"
  target_key_id = aws_kms_key.events.key_id
}

locals {
  events_key_partition = split(":", aws_kms_key.events.arn)[1]
}

resource "aws_kms_key_policy" "events" {
  key_id = aws_kms_key.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersTheKeyThroughIam"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.events_key_partition}:iam::${var.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "EventBridgeWritesToEncryptedQueues"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource  = "*"
      },
    ]
  })
}
