locals {
  # Each zone of the lake is one bucket; access logs go to their own bucket.
  zones = {
    raw            = { expire_days = null, transition_days = var.raw_transition_days }
    processed      = { expire_days = null, transition_days = null }
    quarantine     = { expire_days = var.quarantine_expiration_days, transition_days = null }
    artifacts      = { expire_days = null, transition_days = null }
    athena-results = { expire_days = var.query_results_expiration_days, transition_days = null }
  }
}

resource "aws_kms_key" "this" {
  description             = "${var.name_prefix} data lake: S3 zones, queues, topic, stream, logs"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_in_days
  tags                    = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name_prefix}-lake"
  target_key_id = aws_kms_key.this.key_id
}

# Bucket names are global across all accounts: the account and region make them the lake's own, so an
# apply never fails on a name someone else holds. <prefix>-<zone>-<account>-<region>; the longest zone
# (athena-results) and region (14 characters) leave 20 for name_prefix within S3's 63.
locals {
  bucket_suffix = "${local.account_id}-${local.region}"
}

resource "aws_s3_bucket" "access_logs" {
  bucket        = "${var.name_prefix}-access-logs-${local.bucket_suffix}"
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket" "zone" {
  for_each = local.zones

  bucket        = "${var.name_prefix}-${each.key}-${local.bucket_suffix}"
  force_destroy = var.force_destroy
  tags          = merge(var.tags, { "lake:zone" = each.key })

  lifecycle {
    precondition {
      condition     = length("${var.name_prefix}-${each.key}-${local.bucket_suffix}") <= 63
      error_message = "Bucket name ${var.name_prefix}-${each.key}-${local.bucket_suffix} is longer than S3's 63 characters: shorten name_prefix."
    }
  }
}

locals {
  all_buckets = merge({ for k, b in aws_s3_bucket.zone : k => b }, { access-logs = aws_s3_bucket.access_logs })
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = local.all_buckets

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.all_buckets

  bucket = each.value.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.all_buckets

  bucket = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

# S3 server access logging cannot deliver to a bucket encrypted with a customer KMS key,
# so the log bucket alone uses SSE-S3.
resource "aws_s3_bucket_server_side_encryption_configuration" "zone" {
  for_each = aws_s3_bucket.zone

  bucket = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_logging" "zone" {
  for_each = aws_s3_bucket.zone

  bucket        = each.value.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "${each.key}/"
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.all_buckets

  bucket = each.value.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      local.tls_only_statements[each.key],
      each.key == "access-logs" ? [local.log_delivery_statement] : [],
      try(local.lake_key_only_statements[each.key], []),
    )
  })

  depends_on = [aws_s3_bucket_public_access_block.this]
}

resource "aws_s3_bucket_lifecycle_configuration" "zone" {
  for_each = aws_s3_bucket.zone

  bucket = each.value.id

  rule {
    id     = "abort-incomplete-multipart"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  dynamic "rule" {
    for_each = local.zones[each.key].transition_days == null ? [] : [local.zones[each.key].transition_days]
    content {
      id     = "to-infrequent-access"
      status = "Enabled"
      filter {}
      transition {
        days          = rule.value
        storage_class = "STANDARD_IA"
      }
    }
  }

  dynamic "rule" {
    for_each = local.zones[each.key].expire_days == null ? [] : [local.zones[each.key].expire_days]
    content {
      id     = "expire"
      status = "Enabled"
      filter {}
      expiration {
        days = rule.value
      }
      noncurrent_version_expiration {
        noncurrent_days = rule.value
      }
    }
  }

  # Versioning keeps overwritten and deleted objects; they expire here unless the zone expires anyway.
  dynamic "rule" {
    for_each = local.zones[each.key].expire_days == null ? [var.noncurrent_version_expiration_days] : []
    content {
      id     = "expire-noncurrent-versions"
      status = "Enabled"
      filter {}
      noncurrent_version_expiration {
        noncurrent_days = rule.value
      }
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    id     = "expire"
    status = "Enabled"
    filter {}
    expiration {
      days = var.access_log_expiration_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }
}
