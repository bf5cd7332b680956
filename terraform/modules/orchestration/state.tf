# The reconciler's durable state: one item per dataset (what work is wanted, which crawl and which job run
# cover it). It is what makes the trigger path level-triggered instead of trusting best-effort events.
resource "aws_dynamodb_table" "state" {
  name         = "${var.name_prefix}-orchestration"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "dataset"

  attribute {
    name = "dataset"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  point_in_time_recovery {
    enabled = true
  }

  deletion_protection_enabled = var.deletion_protection

  tags = var.tags
}
