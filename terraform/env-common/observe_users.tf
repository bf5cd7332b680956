# What a user of `lake status|runs|quarantine --aws` may do: read what the lake did, never change it. The calls are
# those tools/Lake.Cli/AwsViews/iam-actions.json lists (a .NET test derives them from the views' code); each is
# scoped to this lake's jobs, tables, queues and the folders the views read.
locals {
  quarantine_bucket_arn = module.storage.bucket_arns["quarantine"]
  lake_datasets         = sort(keys(local.datasets))

  observe_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # Runs that wrote no summary (still running, or failed before committing): GetJobRuns is authorized on the
        # job ("Specifying AWS Glue resource ARNs", non-catalog singular API operations).
        Sid      = "ReadRunsOfTheLakeJobs"
        Effect   = "Allow"
        Action   = ["glue:GetJobRuns"]
        Resource = [for d in local.lake_datasets : module.etl.job_arns[d]]
      },
      {
        # Tables and their partition counts: catalog calls are checked on the catalog, the database and the
        # tables ("Specifying AWS Glue resource ARNs", Data Catalog ARNs); GetTables leaves out tables not granted.
        Sid      = "ReadTheProcessedCatalog"
        Effect   = "Allow"
        Action   = ["glue:GetPartitions", "glue:GetTables"]
        Resource = concat([module.catalog.catalog_arn, module.catalog.processed_database_arn], [for d in local.lake_datasets : module.catalog.processed_table_arns[d]])
      },
      {
        # ListObjectsV2 is s3:ListBucket on the bucket; s3:prefix limits it to the folders the views list
        # ("Actions, resources, and condition keys for Amazon S3").
        Sid       = "ListRunSummaries"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = local.processed_bucket_arn
        Condition = { StringEquals = { "s3:prefix" = [for d in local.lake_datasets : "_runs/${d}/"] } }
      },
      {
        Sid      = "ReadRunSummaries"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = [for d in local.lake_datasets : "${local.processed_bucket_arn}/_runs/${d}/*"]
      },
      {
        Sid       = "ListQuarantinedRuns"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = local.quarantine_bucket_arn
        Condition = { StringEquals = { "s3:prefix" = [for d in local.lake_datasets : "${d}/run="] } }
      },
      {
        # The committed bad rows only: <dataset>/run=<run>/; what is still staged (<dataset>/_staging/) stays out.
        Sid      = "ReadQuarantinedRows"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = [for d in local.lake_datasets : "${local.quarantine_bucket_arn}/${d}/run=*"]
      },
      {
        # Queue depths only: GetQueueAttributes reads no message, so the queues' keys are not needed.
        Sid      = "ReadQueueDepths"
        Effect   = "Allow"
        Action   = ["sqs:GetQueueAttributes"]
        Resource = [module.ingestion.ingest_queue_arn, module.ingestion.dead_letter_queue_arn, module.orchestration.dead_letter_queue_arn]
      },
      {
        # S3 decrypts the SSE-KMS summaries and records with the lake key as the caller ("Permissions to encrypted
        # data in Amazon S3"); only through S3.
        Sid       = "DecryptThroughS3"
        Effect    = "Allow"
        Action    = ["kms:Decrypt"]
        Resource  = module.storage.kms_key_arn
        Condition = { StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" } }
      },
    ]
  })
}

resource "aws_iam_policy" "observe" {
  count = var.create_observe_policy ? 1 : 0

  name        = "${local.name_prefix}-observe"
  description = "Read the lake's runs, quarantine, tables and queue depths (lake status|runs|quarantine --aws); changes nothing."
  policy      = local.observe_policy
  tags        = local.tags
}
