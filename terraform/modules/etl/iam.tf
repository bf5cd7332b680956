locals {
  arn_base = "arn:${data.aws_partition.current.partition}"
  glue_arn = "${local.arn_base}:glue:${var.region}:${var.account_id}"
  names    = sort(tolist(var.datasets))

  # Where the job reads and writes, per bucket: every key it touches is under one of these folders.
  folders = {
    raw        = [for name in local.names : name]
    processed  = flatten([for name in local.names : [name, "_staging/${name}", "_runs/${name}"]])
    quarantine = [for name in local.names : name]
  }
  bucket_arns = { raw = var.raw_bucket_arn, processed = var.processed_bucket_arn, quarantine = var.quarantine_bucket_arn }

  # Spark's S3 file system asks whether a folder exists before it reads or writes it: it requests the
  # folder's own key and its "<folder>_$folder$" marker, then lists "<folder>/". A HEAD of a key needs
  # s3:GetObject, and S3 answers a missing key with 404 only to a caller that holds s3:ListBucket on the
  # bucket, otherwise 403 ("HeadObject" / "GetObject": permissions), which the file system reports as a
  # failure, not as "no such folder". That ListBucket check carries no s3:prefix, so a prefix-scoped grant
  # does not count: the role lists the three zones it works in unconditionally (key names, never content).
  # The probes reach the folders' parents too (_staging, _runs), never their content.
  folder_parents = ["_staging", "_runs"]
  probe_keys = {
    for zone, folders in local.folders : zone => flatten([
      for f in concat(folders, zone == "processed" ? local.folder_parents : []) : ["${local.bucket_arns[zone]}/${f}", "${local.bucket_arns[zone]}/${f}_$folder$"]
    ])
  }

  log_group_arns = [for g in aws_cloudwatch_log_group.this : "${local.arn_base}:logs:${var.region}:${var.account_id}:log-group:${g.name}"]
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
        Resource = [for f in local.folders.raw : "${var.raw_bucket_arn}/${f}/*"]
      },
      {
        # Output is staged under _staging/<dataset>/run=<run>/, then copied to <dataset>/; the run summary
        # and commit record go to _runs/<dataset>/.
        Sid      = "WriteProcessedDatasetsStagingAndRuns"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
        Resource = [for f in local.folders.processed : "${var.processed_bucket_arn}/${f}/*"]
      },
      {
        Sid      = "WriteQuarantinedRows"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
        Resource = [for f in local.folders.quarantine : "${var.quarantine_bucket_arn}/${f}/*"]
      },
      {
        Sid      = "ProbeDatasetFolders"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = flatten(values(local.probe_keys))
      },
      {
        Sid      = "ListZonesForFolderProbes"
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = [var.raw_bucket_arn, var.processed_bucket_arn, var.quarantine_bucket_arn]
      },
      {
        Sid      = "LocateLakeBuckets"
        Effect   = "Allow"
        Action   = ["s3:GetBucketLocation"]
        Resource = [var.artifacts_bucket_arn, var.raw_bucket_arn, var.processed_bucket_arn, var.quarantine_bucket_arn]
      },
      {
        # S3 asks KMS on the job's behalf: data keys for SSE-KMS writes, Decrypt for reads. Only through S3
        # (kms:ViaService): the role cannot use the key directly. Bookmarks, the one direct (CSE-KMS) use,
        # are off.
        Sid       = "UseTheLakeKey"
        Effect    = "Allow"
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = [var.kms_key_arn]
        Condition = { StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" } }
      },
      {
        # The job registers the partitions of a committed run itself (boto3, after its commit record).
        # GetDatabase: Spark's Glue catalog client looks up the default and the processed database when a
        # session starts (--enable-glue-datacatalog).
        Sid    = "RegisterProcessedPartitions"
        Effect = "Allow"
        Action = [
          "glue:GetDatabase",
          "glue:GetTable",
          "glue:GetPartition",
          "glue:GetPartitions",
          "glue:CreatePartition",
          "glue:BatchCreatePartition",
        ]
        Resource = concat(
          ["${local.glue_arn}:catalog", "${local.glue_arn}:database/default", "${local.glue_arn}:database/${var.processed_database_name}"],
          [for name in local.names : "${local.glue_arn}:table/${var.processed_database_name}/${name}"],
        )
      },
      {
        # The log groups exist (main.tf); the security configuration makes the job associate the lake key.
        Sid      = "WriteJobLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"]
        Resource = flatten([for arn in local.log_group_arns : [arn, "${arn}:log-stream:*"]])
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
