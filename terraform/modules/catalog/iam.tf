locals {
  arn_base = "arn:${data.aws_partition.current.partition}"

  catalog_arn = "${local.arn_base}:glue:${var.region}:${var.account_id}:catalog"
  log_arn     = "${local.arn_base}:logs:${var.region}:${var.account_id}:log-group:${aws_cloudwatch_log_group.crawlers.name}"
}

resource "aws_iam_role" "crawler" {
  name        = "${var.name_prefix}-crawler"
  description = "Role of the ${var.name_prefix} crawlers: read the raw zone, write the raw database."
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "glue.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })
  tags = var.tags
}

# A crawler writes only the raw database: the processed database is the ETL jobs' alone.
resource "aws_iam_role_policy" "crawler" {
  name = "${var.name_prefix}-crawler-access"
  role = aws_iam_role.crawler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadRawDatasetObjects"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = [for name in keys(var.datasets) : "${var.raw_bucket_arn}/${name}/*"]
      },
      {
        Sid       = "ListRawDatasetPrefixes"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = [var.raw_bucket_arn]
        Condition = { StringLike = { "s3:prefix" = flatten([for name in keys(var.datasets) : [name, "${name}/*"]]) } }
      },
      {
        Sid      = "LocateRawBucket"
        Effect   = "Allow"
        Action   = ["s3:GetBucketLocation"]
        Resource = [var.raw_bucket_arn]
      },
      {
        # Raw objects are decrypted by S3 for the crawler; the role cannot use the key directly.
        Sid       = "DecryptRawObjects"
        Effect    = "Allow"
        Action    = ["kms:Decrypt"]
        Resource  = [var.kms_key_arn]
        Condition = { StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" } }
      },
      {
        Sid      = "DescribeTheLakeKey"
        Effect   = "Allow"
        Action   = ["kms:DescribeKey"]
        Resource = [var.kms_key_arn]
      },
      {
        Sid    = "MaintainRawTables"
        Effect = "Allow"
        Action = [
          "glue:GetDatabase",
          "glue:GetTable",
          "glue:GetTables",
          "glue:CreateTable",
          "glue:UpdateTable",
          "glue:GetPartition",
          "glue:GetPartitions",
          "glue:BatchGetPartition",
          "glue:CreatePartition",
          "glue:BatchCreatePartition",
          "glue:UpdatePartition",
          "glue:BatchUpdatePartition",
          "glue:CreatePartitionIndex",
          "glue:GetPartitionIndexes",
        ]
        Resource = [
          local.catalog_arn,
          aws_glue_catalog_database.raw.arn,
          "${local.arn_base}:glue:${var.region}:${var.account_id}:table/${aws_glue_catalog_database.raw.name}/*",
        ]
      },
      {
        # The security configuration encrypts crawler logs: the crawler associates the key with its log group.
        # The group exists (main.tf); the role may not create any other, so none appears without a retention.
        Sid      = "WriteEncryptedCrawlerLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"]
        Resource = [local.log_arn, "${local.log_arn}:log-stream:*"]
      },
    ]
  })
}
