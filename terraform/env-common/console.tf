# Optional lake console on AWS (var.console, off by default): the same ASP.NET Core app `lake serve` runs, as a Native
# AOT Lambda (package "console", lambdas/console) behind the console module's HTTP API and Cognito sign-in. Its role
# reads what the pages show and runs SQL in the lake's workgroup; it changes nothing in the lake. The calls are those
# lambdas/iam-actions.json lists for "console" (a .NET test derives them from the adapters' code);
# tests/console.tftest.hcl checks the role grants exactly calls + platform, statement by statement.

locals {
  console_datasets = sort(keys(local.datasets))

  console_policy_statements = [
    {
      # The pages' SQL and its state, rows and stop (lambdas/Lake.Aws/Athena/AthenaQueries.cs): each call is
      # authorized on the workgroup it runs in ("Example workgroup policies", Athena User Guide), whose enforced
      # settings fix the result location, its encryption and the scan cap.
      sid       = "RunQueriesInTheLakeWorkgroup"
      actions   = ["athena:GetQueryExecution", "athena:GetQueryResults", "athena:StartQueryExecution", "athena:StopQueryExecution"]
      resources = [module.query.workgroup_arn]
    },
    {
      # The Datasets page lists the processed tables and their partitions (GetTables, GetPartitions); Athena reads
      # the database and table of each query as the caller (GetDatabase, GetTable). Catalog calls are checked on
      # the catalog, the database and the tables ("Specifying AWS Glue resource ARNs", Data Catalog ARNs).
      sid       = "ReadTheProcessedCatalog"
      actions   = ["glue:GetDatabase", "glue:GetPartitions", "glue:GetTable", "glue:GetTables"]
      resources = concat([module.catalog.catalog_arn, module.catalog.processed_database_arn], [for d in local.console_datasets : module.catalog.processed_table_arns[d]])
    },
    {
      # Runs that wrote no summary yet (running, or failed before committing): GetJobRuns is authorized on the job.
      sid       = "ReadRunsOfTheLakeJobs"
      actions   = ["glue:GetJobRuns"]
      resources = [for d in local.console_datasets : module.etl.job_arns[d]]
    },
    {
      # The Runs page lists _runs/<dataset>/ and Athena lists each table's folder as the caller, with prefixes that
      # follow the partitions, so no s3:prefix condition; listing shows key names of this zone only, never content.
      # Athena asks the bucket's region first (AmazonAthenaFullAccess grants s3:GetBucketLocation).
      sid       = "ListTheProcessedZone"
      actions   = ["s3:GetBucketLocation", "s3:ListBucket"]
      resources = [module.storage.bucket_arns["processed"]]
    },
    {
      # Each table's Parquet (what Athena reads for the pages' SQL) and the run summaries the Runs page shows.
      sid       = "ReadTheProcessedTablesAndRunSummaries"
      actions   = ["s3:GetObject"]
      resources = concat([for d in local.console_datasets : "${module.storage.bucket_arns["processed"]}/${d}/*"], [for d in local.console_datasets : "${module.storage.bucket_arns["processed"]}/_runs/${d}/*"])
    },
    {
      # ListObjectsV2 of a dataset's committed runs, <dataset>/run=<run>/; what is still staged stays unlisted.
      sid        = "ListQuarantinedRuns"
      actions    = ["s3:ListBucket"]
      resources  = [module.storage.bucket_arns["quarantine"]]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = [for d in local.console_datasets : "${d}/run=*"] }]
    },
    {
      # The Quarantine page's bad rows and their download: committed runs only, never <dataset>/_staging/.
      sid       = "ReadQuarantinedRows"
      actions   = ["s3:GetObject"]
      resources = [for d in local.console_datasets : "${module.storage.bucket_arns["quarantine"]}/${d}/run=*"]
    },
    {
      # The workgroup writes each result to the athena-results bucket as the caller, in multipart uploads when large
      # (the S3 actions AmazonAthenaFullAccess grants on query result buckets).
      sid       = "LocateTheQueryResults"
      actions   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
      resources = [module.storage.bucket_arns["athena-results"]]
    },
    {
      # Writing the results (Athena, as the caller) and reading them back: a presigned URL for a full CSV download
      # is signed with this role, so S3 checks s3:GetObject on the result object against it.
      sid       = "WriteAndReadQueryResults"
      actions   = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"]
      resources = ["${module.storage.bucket_arns["athena-results"]}/*"]
    },
    {
      # Data, summaries, quarantine and results are SSE-KMS under the lake key: S3 decrypts them and encrypts the
      # results for the caller ("Permissions to encrypted data in Amazon S3", Athena User Guide). Athena reaches the
      # key through S3 too, so only S3 may use it for this role.
      sid        = "UseTheLakeKeyThroughS3"
      actions    = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources  = [module.storage.kms_key_arn]
      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["s3.${var.region}.amazonaws.com"] }]
    },
  ]
}

module "console_function" {
  source = "../../modules/lambda-function"
  count  = var.console.enabled ? 1 : 0

  function_name    = "${local.name_prefix}-console"
  description      = "The lake console (datasets, runs, quarantine, SQL and charts) on the Lambda Runtime API, behind the console's HTTP API and Cognito sign-in."
  s3_bucket        = module.storage.artifacts_bucket_name
  s3_key           = local.lambda_packages["console"].s3_key
  source_code_hash = local.lambda_packages["console"].source_code_hash
  # API Gateway answers 504 after 30 s: the function stops first, and queries are started then polled.
  timeout     = 29
  memory_size = var.console.memory_size

  # Exactly what lambdas/console reads at start (it names any that is missing and stops); AWS_REGION comes from Lambda.
  # Without LAKE_ATHENA_USD_PER_TB the console shows bytes scanned and no cost.
  environment_variables = merge({
    LAKE_WORKGROUP           = module.query.workgroup_name
    LAKE_DATABASE            = module.catalog.processed_database_name
    LAKE_JOB_PREFIX          = module.etl.job_name_prefix
    LAKE_PROCESSED_BUCKET    = module.storage.bucket_names["processed"]
    LAKE_QUARANTINE_BUCKET   = module.storage.bucket_names["quarantine"]
    LAKE_CONSOLE_AUTH_DOMAIN = module.console[0].auth_domain
    LAKE_CONSOLE_CLIENT_ID   = module.console[0].client_id
  }, var.console_athena_price_per_tb_usd == null ? {} : { LAKE_ATHENA_USD_PER_TB = tostring(var.console_athena_price_per_tb_usd) })

  policy_statements = local.console_policy_statements

  log_retention_in_days = local.settings.log_retention_in_days
  log_kms_key_arn       = module.storage.kms_key_arn
  alarm_actions         = [module.notifications.topic_arn]
  tags                  = local.tags
}

module "console" {
  source = "../../modules/console"
  count  = var.console.enabled ? 1 : 0

  name_prefix           = local.name_prefix
  region                = var.region
  function_name         = module.console_function[0].function_name
  function_invoke_arn   = module.console_function[0].invoke_arn
  auth_domain_prefix    = var.console.auth_domain_prefix
  log_kms_key_arn       = module.storage.kms_key_arn
  log_retention_in_days = local.settings.log_retention_in_days
  tags                  = local.tags
}
