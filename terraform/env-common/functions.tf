# The three Lambda functions, each with exactly the permissions and configuration its C# handler reads.

module "glue_trigger" {
  source = "../../modules/lambda-function"

  function_name    = "${local.name_prefix}-glue-trigger"
  description      = "Raw object events from the ingest queue: record the dataset's wanted work and start its crawl; unknown or unsafe keys go to the dead-letter queue."
  s3_bucket        = module.storage.artifacts_bucket_name
  s3_key           = local.lambda_packages["glue-trigger"].s3_key
  source_code_hash = local.lambda_packages["glue-trigger"].source_code_hash
  timeout          = local.lambda_timeout_seconds

  environment_variables = {
    LAKE_CRAWLER_PREFIX             = module.catalog.crawler_name_prefix
    LAKE_DEAD_LETTER_QUEUE_URL      = module.ingestion.dead_letter_queue_url
    LAKE_STATE_TABLE                = module.orchestration.state_table_name
    LAKE_MIN_CRAWL_INTERVAL_SECONDS = tostring(var.orchestration_pacing.min_crawl_interval_seconds)
  }

  policy_statements = [
    {
      sid       = "ReadAndStartLakeCrawlers"
      actions   = ["glue:GetCrawler", "glue:StartCrawler"]
      resources = values(module.catalog.crawler_arns)
    },
    {
      sid       = "RecordWantedWork"
      actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
      resources = [module.orchestration.state_table_arn]
    },
    {
      # DynamoDB decrypts and encrypts the state items with the lake key on the caller's behalf.
      sid        = "UseTheLakeKeyForTheStateTable"
      actions    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
      resources  = [module.storage.kms_key_arn]
      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["dynamodb.${var.region}.amazonaws.com"] }]
    },
    {
      sid       = "ConsumeIngestQueue"
      actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
      resources = [module.ingestion.ingest_queue_arn]
    },
    {
      sid       = "DeadLetterRejectedObjects"
      actions   = ["sqs:SendMessage"]
      resources = [module.ingestion.dead_letter_queue_arn]
    },
    {
      # Only through SQS (receiving from the ingest queue, sending to its DLQ): never the key directly.
      sid        = "UseTheLakeKeyForQueues"
      actions    = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources  = [module.storage.kms_key_arn]
      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["sqs.${var.region}.amazonaws.com"] }]
    },
  ]

  log_retention_in_days = local.settings.log_retention_in_days
  log_kms_key_arn       = module.storage.kms_key_arn
  alarm_actions         = [module.notifications.topic_arn]
  tags                  = local.tags
}

module "etl_trigger" {
  source = "../../modules/lambda-function"

  function_name    = "${local.name_prefix}-etl-trigger"
  description      = "The reconciler: on Glue state changes and every sweep, start each dataset's follow-up crawl or ETL job from its recorded state."
  s3_bucket        = module.storage.artifacts_bucket_name
  s3_key           = local.lambda_packages["etl-trigger"].s3_key
  source_code_hash = local.lambda_packages["etl-trigger"].source_code_hash
  timeout          = local.lambda_timeout_seconds

  environment_variables = {
    LAKE_CRAWLER_PREFIX             = module.catalog.crawler_name_prefix
    LAKE_JOB_PREFIX                 = module.etl.job_name_prefix
    LAKE_PLAN_URIS                  = jsonencode(module.etl.plan_uris)
    LAKE_STATE_TABLE                = module.orchestration.state_table_name
    LAKE_MIN_CRAWL_INTERVAL_SECONDS = tostring(var.orchestration_pacing.min_crawl_interval_seconds)
    LAKE_MIN_JOB_INTERVAL_SECONDS   = tostring(var.orchestration_pacing.min_job_interval_seconds)
    LAKE_JOB_WAITS_FOR_CRAWL        = tostring(var.orchestration_pacing.job_waits_for_crawl)
  }

  policy_statements = [
    {
      sid       = "ReadAndStartLakeJobs"
      actions   = ["glue:GetJobRun", "glue:StartJobRun"]
      resources = values(module.etl.job_arns)
    },
    {
      sid       = "ReadAndStartLakeCrawlers"
      actions   = ["glue:GetCrawler", "glue:StartCrawler"]
      resources = values(module.catalog.crawler_arns)
    },
    {
      sid       = "ReadAndWriteOrchestrationState"
      actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
      resources = [module.orchestration.state_table_arn]
    },
    {
      sid       = "ConsumeReconcileQueue"
      actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
      resources = [module.orchestration.reconcile_queue_arn]
    },
    {
      # Only through SQS: the reconcile queue is under the events key.
      sid        = "UseTheEventsKeyForTheReconcileQueue"
      actions    = ["kms:Decrypt"]
      resources  = [module.orchestration.events_kms_key_arn]
      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["sqs.${var.region}.amazonaws.com"] }]
    },
    {
      # DynamoDB decrypts and encrypts the state items with the lake key on the caller's behalf.
      sid        = "UseTheLakeKeyForTheStateTable"
      actions    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
      resources  = [module.storage.kms_key_arn]
      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["dynamodb.${var.region}.amazonaws.com"] }]
    },
  ]

  log_retention_in_days = local.settings.log_retention_in_days
  log_kms_key_arn       = module.storage.kms_key_arn
  alarm_actions         = [module.notifications.topic_arn]
  tags                  = local.tags
}

module "ops_notifier" {
  source = "../../modules/lambda-function"

  function_name    = "${local.name_prefix}-ops-notifier"
  description      = "A lake ETL run finished or a crawl failed: publish the dataset, rows in/out/quarantined, duration and error to the ops topic."
  s3_bucket        = module.storage.artifacts_bucket_name
  s3_key           = local.lambda_packages["ops-notifier"].s3_key
  source_code_hash = local.lambda_packages["ops-notifier"].source_code_hash
  timeout          = local.lambda_timeout_seconds

  environment_variables = {
    LAKE_JOB_PREFIX         = module.etl.job_name_prefix
    LAKE_CRAWLER_PREFIX     = module.catalog.crawler_name_prefix
    LAKE_TOPIC_ARN          = module.notifications.topic_arn
    LAKE_RUN_SUMMARY_BUCKET = module.storage.bucket_names["processed"]
  }

  policy_statements = [
    {
      sid       = "PublishToOpsTopic"
      actions   = ["sns:Publish"]
      resources = [module.notifications.topic_arn]
    },
    {
      sid       = "ReadRunSummaries"
      actions   = ["s3:GetObject"]
      resources = ["${module.storage.bucket_arns["processed"]}/_runs/*"]
    },
    {
      # Without ListBucket, S3 answers 403 instead of 404 for a summary the job never wrote, and the message
      # would call a missing summary unreadable. No s3:prefix condition: a GetObject carries no prefix for
      # one to match. It reveals key names of the processed zone only, never content.
      sid       = "TellMissingRunSummariesApart"
      actions   = ["s3:ListBucket"]
      resources = [module.storage.bucket_arns["processed"]]
    },
    {
      # Duration and error details of a run that wrote no summary.
      sid       = "ReadLakeJobRuns"
      actions   = ["glue:GetJobRun"]
      resources = values(module.etl.job_arns)
    },
    {
      # Only through S3 (run summaries) and SNS (the encrypted topic): never the key directly.
      sid        = "UseTheLakeKeyForSummariesAndTopic"
      actions    = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources  = [module.storage.kms_key_arn]
      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["s3.${var.region}.amazonaws.com", "sns.${var.region}.amazonaws.com"] }]
    },
  ]

  log_retention_in_days = local.settings.log_retention_in_days
  log_kms_key_arn       = module.storage.kms_key_arn
  alarm_actions         = [module.notifications.topic_arn]
  tags                  = local.tags
}
