locals {
  arn_base   = "arn:${data.aws_partition.current.partition}"
  glue_arn   = "${local.arn_base}:glue:${var.region}:${var.account_id}"
  logs_group = "${local.arn_base}:logs:${var.region}:${var.account_id}:log-group:/aws-glue/*"
  names      = sort(tolist(var.datasets))

  # Spark lists a prefix with and without its trailing slash.
  dataset_prefixes = flatten([for name in local.names : [name, "${name}/*"]])
  run_prefixes     = flatten([for name in local.names : ["_runs/${name}", "_runs/${name}/*"]])
}

resource "aws_iam_role" "this" {
  name        = "${var.name_prefix}-etl"
  description = "Role of the ${var.name_prefix} ETL jobs: read raw and artifacts, write processed and quarantine."
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

resource "aws_iam_role_policy" "this" {
  name = "${var.name_prefix}-etl-access"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ReadScriptLibraryAndTypingPlans"
        Effect = "Allow"
        Action = ["s3:GetObject"]
        Resource = concat(
          ["${var.artifacts_bucket_arn}/${var.glue_script_key}", "${var.artifacts_bucket_arn}/${var.glue_library_key}"],
          [for name in local.names : "${var.artifacts_bucket_arn}/${local.plan_keys[name]}"],
        )
      },
      {
        Sid      = "ReadRawDatasets"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = [for name in local.names : "${var.raw_bucket_arn}/${name}/*"]
      },
      {
        Sid      = "WriteProcessedDatasetsAndRunSummaries"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
        Resource = flatten([for name in local.names : ["${var.processed_bucket_arn}/${name}/*", "${var.processed_bucket_arn}/_runs/${name}/*"]])
      },
      {
        Sid      = "WriteQuarantinedRows"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
        Resource = [for name in local.names : "${var.quarantine_bucket_arn}/${name}/*"]
      },
      {
        Sid       = "ListDatasetPrefixes"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = [var.raw_bucket_arn, var.processed_bucket_arn, var.quarantine_bucket_arn]
        Condition = { StringLike = { "s3:prefix" = concat(local.dataset_prefixes, local.run_prefixes) } }
      },
      {
        Sid      = "LocateLakeBuckets"
        Effect   = "Allow"
        Action   = ["s3:GetBucketLocation"]
        Resource = [var.artifacts_bucket_arn, var.raw_bucket_arn, var.processed_bucket_arn, var.quarantine_bucket_arn]
      },
      {
        Sid      = "UseTheLakeKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
        Resource = [var.kms_key_arn]
      },
      {
        # Spark's catalog client looks up the default database when a session starts.
        Sid    = "ReadRawTables"
        Effect = "Allow"
        Action = ["glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"]
        Resource = [
          "${local.glue_arn}:catalog",
          "${local.glue_arn}:database/default",
          "${local.glue_arn}:database/${var.raw_database_name}",
          "${local.glue_arn}:table/${var.raw_database_name}/*",
        ]
      },
      {
        Sid    = "MaintainProcessedTables"
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
          "glue:DeletePartition",
          "glue:BatchDeletePartition",
        ]
        Resource = [
          "${local.glue_arn}:catalog",
          "${local.glue_arn}:database/${var.processed_database_name}",
          "${local.glue_arn}:table/${var.processed_database_name}/*",
        ]
      },
      {
        # The security configuration encrypts job logs: the job associates the key with its log groups.
        Sid      = "WriteEncryptedJobLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"]
        Resource = [local.logs_group, "${local.logs_group}:log-stream:*"]
      },
      {
        # PutMetricData has no resource type: the namespace condition is its only scope.
        Sid       = "PublishJobMetrics"
        Effect    = "Allow"
        Action    = ["cloudwatch:PutMetricData"]
        Resource  = ["*"]
        Condition = { StringEquals = { "cloudwatch:namespace" = "Glue" } }
      },
    ]
  })
}
