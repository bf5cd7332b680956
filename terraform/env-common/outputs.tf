output "artifacts_bucket_name" {
  description = "Bucket the build uploads Lambda zips, Glue scripts and typing plans to."
  value       = module.storage.artifacts_bucket_name
}

output "raw_bucket_name" {
  description = "Raw zone bucket: `lake ingest --aws` and Firehose write here."
  value       = module.storage.raw_bucket_name
}

output "datasets" {
  description = "Datasets read from datasets/*.json."
  value       = keys(local.datasets)
}

output "processed_bucket_name" {
  description = "Processed zone bucket: typed Parquet and run summaries (_runs/)."
  value       = module.storage.bucket_names["processed"]
}

output "bucket_names" {
  description = "Bucket name per zone."
  value       = module.storage.bucket_names
}

output "kms_key_arn" {
  description = "The lake's KMS key: producers writing to the raw zone or the streams need kms:GenerateDataKey on it."
  value       = module.storage.kms_key_arn
}

output "ingest_queue_url" {
  description = "Queue of raw ObjectCreated events that glue-trigger consumes."
  value       = module.ingestion.ingest_queue_url
}

output "ingest_dead_letter_queue_url" {
  description = "Raw object events that failed or were rejected, with their reason."
  value       = module.ingestion.dead_letter_queue_url
}

output "events_dead_letter_queue_url" {
  description = "Glue state changes EventBridge could not deliver to etl-trigger or ops-notifier."
  value       = module.orchestration.dead_letter_queue_url
}

output "crawler_names" {
  description = "Glue crawler per dataset."
  value       = module.catalog.crawler_names
}

output "job_names" {
  description = "Glue ETL job per dataset."
  value       = module.etl.job_names
}

output "raw_database_name" {
  description = "Glue database of the raw tables."
  value       = module.catalog.raw_database_name
}

output "processed_database_name" {
  description = "Glue database of the processed tables (query it in Athena)."
  value       = module.catalog.processed_database_name
}

output "function_names" {
  description = "Lambda function per role in the pipeline."
  value = {
    glue-trigger = module.glue_trigger.function_name
    etl-trigger  = module.etl_trigger.function_name
    ops-notifier = module.ops_notifier.function_name
    console      = one(module.console_function[*].function_name)
  }
}

output "ops_topic_arn" {
  description = "SNS topic of run reports and alarms."
  value       = module.notifications.topic_arn
}

output "stream_names" {
  description = "Kinesis Data Stream per streamed dataset (`lake stream` puts records here)."
  value       = module.streaming.stream_names
}

output "athena_workgroup" {
  description = "Athena workgroup for SQL over the processed zone."
  value       = module.query.workgroup_name
}

output "producer_policy_arn" {
  description = "Managed policy to attach to whoever runs `lake ingest --aws` or `lake stream --aws`: exactly the producers' calls."
  value       = aws_iam_policy.producer.arn
}

output "producer_policy" {
  description = "The producer policy's JSON, for the environments' tests."
  value       = aws_iam_policy.producer.policy
}

output "query_policy_arn" {
  description = "Managed policy to attach to whoever runs `lake query --aws` (null with create_query_policy = false)."
  value       = one(aws_iam_policy.query[*].arn)
}

output "query_policy" {
  description = "The query policy's JSON: for the environments' tests, or to attach where IAM is managed elsewhere."
  value       = local.query_policy
}

output "quicksight" {
  description = "With quicksight.enabled: the Athena data source ARN, the dataset id per table and question, and the dashboard id. Null otherwise."
  value = var.quicksight.enabled ? {
    data_source_arn = module.quicksight[0].data_source_arn
    data_set_ids    = module.quicksight[0].data_set_ids
    dashboard_id    = module.quicksight[0].dashboard_id
  } : null
}

output "observe_policy_arn" {
  description = "Managed policy to attach to whoever runs `lake status|runs|quarantine --aws` (null with create_observe_policy = false)."
  value       = one(aws_iam_policy.observe[*].arn)
}

output "observe_policy" {
  description = "The observe policy's JSON: for the environments' tests, or to attach where IAM is managed elsewhere."
  value       = local.observe_policy
}

output "redrive_policy_arn" {
  description = "Managed policy to attach to whoever runs `lake redrive --aws` (null with create_redrive_policy = false)."
  value       = one(aws_iam_policy.redrive[*].arn)
}

output "redrive_policy" {
  description = "The redrive policy's JSON: for the environments' tests, or to attach where IAM is managed elsewhere."
  value       = local.redrive_policy
}

output "console_url" {
  description = "With console.enabled: the console's address (open it; its pages send you to Cognito's sign-in page). Null otherwise."
  value       = one(module.console[*].url)
}

output "console_sign_in" {
  description = "With console.enabled: where people sign in (Cognito's hosted page, authorization code with PKCE for the browser's public client) and the command that adds a person (nobody can sign up). Null otherwise."
  value = var.console.enabled ? {
    hosted_page  = "https://${module.console[0].auth_domain}"
    client_id    = module.console[0].client_id
    user_pool_id = module.console[0].user_pool_id
    add_user     = "aws cognito-idp admin-create-user --region ${var.region} --user-pool-id ${module.console[0].user_pool_id} --username <email>"
  } : null
}
