locals {
  datasets = toset(var.datasets)

  # Firehose names allow 64 characters and IAM role names 64, but a contract allows 63 for the dataset
  # alone. A name that would not fit keeps its first 46 characters and gets 8 hex of the dataset name's
  # SHA-256, so it stays readable and unique; "-firehose" then still fits the role's 64.
  delivery_names = {
    for d in local.datasets : d => (
      length("${var.name_prefix}-${d}") <= 55 ? "${var.name_prefix}-${d}" : "${substr("${var.name_prefix}-${d}", 0, 46)}-${substr(sha256(d), 0, 8)}"
    )
  }
}

resource "aws_kinesis_stream" "this" {
  for_each = local.datasets

  name             = "${var.name_prefix}-${each.key}"
  retention_period = var.retention_period_hours
  encryption_type  = "KMS"
  kms_key_id       = var.kms_key_arn

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = local.datasets

  name              = "/aws/kinesisfirehose/${local.delivery_names[each.key]}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

resource "aws_cloudwatch_log_stream" "delivery" {
  for_each = local.datasets

  name           = "DestinationDelivery"
  log_group_name = aws_cloudwatch_log_group.this[each.key].name
}

resource "aws_kinesis_firehose_delivery_stream" "this" {
  for_each = local.datasets

  name        = local.delivery_names[each.key]
  destination = "extended_s3"

  kinesis_source_configuration {
    kinesis_stream_arn = aws_kinesis_stream.this[each.key].arn
    role_arn           = aws_iam_role.this[each.key].arn
  }

  extended_s3_configuration {
    role_arn   = aws_iam_role.this[each.key].arn
    bucket_arn = var.raw_bucket_arn

    # The raw zone's key layout, <dataset>/ingest_date=YYYY-MM-DD/<object>: the same as `lake ingest`.
    prefix              = "${each.key}/ingest_date=!{timestamp:yyyy-MM-dd}/"
    error_output_prefix = "_errors/${each.key}/!{firehose:error-output-type}/ingest_date=!{timestamp:yyyy-MM-dd}/"

    buffering_size     = var.buffering_size
    buffering_interval = var.buffering_interval
    compression_format = "UNCOMPRESSED"
    kms_key_arn        = var.kms_key_arn

    # One JSON object per record in, one per line out: the objects are JSON lines the crawler can read.
    processing_configuration {
      enabled = var.append_newline

      processors {
        type = "AppendDelimiterToRecord"
      }
    }

    cloudwatch_logging_options {
      enabled         = true
      log_group_name  = aws_cloudwatch_log_group.this[each.key].name
      log_stream_name = aws_cloudwatch_log_stream.delivery[each.key].name
    }
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.this]
}
