# One role per delivery stream: it reads its own Kinesis stream and writes only its dataset's raw prefixes.
resource "aws_iam_role" "this" {
  for_each = local.datasets

  name        = "${local.delivery_names[each.key]}-firehose"
  description = "Role of the ${var.name_prefix}-${each.key} Firehose delivery stream."
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "firehose.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = var.account_id } }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  for_each = local.datasets

  name = "${local.delivery_names[each.key]}-firehose-access"
  role = aws_iam_role.this[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadSourceStream"
        Effect   = "Allow"
        Action   = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"]
        Resource = [aws_kinesis_stream.this[each.key].arn]
      },
      {
        Sid      = "LocateRawBucket"
        Effect   = "Allow"
        Action   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
        Resource = [var.raw_bucket_arn]
      },
      {
        Sid      = "WriteDatasetRawObjects"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"]
        Resource = ["${var.raw_bucket_arn}/${each.key}/*", "${var.raw_bucket_arn}/_errors/${each.key}/*"]
      },
      {
        # Decrypt the stream's records (through Kinesis) and encrypt the objects it writes (through S3); the
        # role cannot use the key directly. The region is the key's own.
        Sid       = "UseTheLakeKey"
        Effect    = "Allow"
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = [var.kms_key_arn]
        Condition = { StringEquals = { "kms:ViaService" = ["kinesis.${split(":", var.kms_key_arn)[3]}.amazonaws.com", "s3.${split(":", var.kms_key_arn)[3]}.amazonaws.com"] } }
      },
      {
        Sid      = "WriteDeliveryLogs"
        Effect   = "Allow"
        Action   = ["logs:PutLogEvents"]
        Resource = ["${aws_cloudwatch_log_group.this[each.key].arn}:log-stream:*"]
      },
    ]
  })
}
