# What a user of `lake query --aws` may do: run SQL in the lake's Athena workgroup over the processed tables and read
# the results. Athena reads the catalog and the data as the caller, so the caller needs those reads too. Each
# action is named; the only resources beyond this lake's ARNs are Glue's catalog (every table read is checked
# against it) and the objects under each table's folder and in the results bucket.
locals {
  processed_bucket_arn = module.storage.bucket_arns["processed"]
  results_bucket_arn   = module.storage.bucket_arns["athena-results"]

  query_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # The calls `lake query --aws` makes (lambdas/Lake.Aws/Athena/AthenaQueries.cs); each is authorized on the
        # workgroup it runs in ("Example workgroup policies", Athena User Guide).
        Sid      = "RunQueriesInTheLakeWorkgroup"
        Effect   = "Allow"
        Action   = ["athena:GetQueryExecution", "athena:GetQueryResults", "athena:StartQueryExecution", "athena:StopQueryExecution"]
        Resource = module.query.workgroup_arn
      },
      {
        # A SELECT reads the table and its partitions; Glue checks each call on the table, its database and the
        # catalog ("Configure access to databases and tables in the AWS Glue Data Catalog", Athena User Guide).
        Sid      = "ReadTheProcessedTables"
        Effect   = "Allow"
        Action   = ["glue:GetDatabase", "glue:GetPartitions", "glue:GetTable"]
        Resource = concat([module.catalog.catalog_arn, module.catalog.processed_database_arn], [for d in sort(keys(local.datasets)) : module.catalog.processed_table_arns[d]])
      },
      {
        # Athena reads each table's Parquet under its location, s3://<processed>/<dataset>/ (the run records under
        # _runs/ stay out), and asks the bucket's region first ("AWS managed policies for Amazon Athena":
        # AmazonAthenaFullAccess grants s3:GetBucketLocation on every bucket).
        Sid      = "ListTheProcessedZone"
        Effect   = "Allow"
        Action   = ["s3:GetBucketLocation", "s3:ListBucket"]
        Resource = local.processed_bucket_arn
      },
      {
        Sid      = "ReadTheProcessedTablesData"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = [for d in sort(keys(local.datasets)) : "${local.processed_bucket_arn}/${d}/*"]
      },
      {
        # The workgroup writes every result to the athena-results bucket as the caller, with multipart uploads for
        # large ones; `lake query --aws --output` downloads it (the S3 actions AmazonAthenaFullAccess grants on
        # query result buckets, "AWS managed policies for Amazon Athena").
        Sid      = "LocateTheQueryResults"
        Effect   = "Allow"
        Action   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
        Resource = local.results_bucket_arn
      },
      {
        Sid      = "WriteAndReadQueryResults"
        Effect   = "Allow"
        Action   = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"]
        Resource = "${local.results_bucket_arn}/*"
      },
      {
        # Decrypt reads the SSE-KMS data and results; GenerateDataKey encrypts the results the workgroup writes
        # under the lake key ("Permissions to encrypted data in Amazon S3", Athena User Guide). Only through S3.
        Sid       = "UseTheLakeKeyThroughS3"
        Effect    = "Allow"
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = module.storage.kms_key_arn
        Condition = { StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" } }
      },
    ]
  })
}

resource "aws_iam_policy" "query" {
  count = var.create_query_policy ? 1 : 0

  name        = "${local.name_prefix}-query"
  description = "Run SQL in the lake's Athena workgroup over the processed tables and read the results (lake query --aws)."
  policy      = local.query_policy
  tags        = local.tags
}
