# Shared mocks of the dev environment tests. Mocked providers return random strings; the resources
# below get real-looking ARNs because the lake derives its account from the key ARN and the AWS provider
# validates role, function, rule, topic, stream and bucket ARNs.

mock_data "aws_partition" {
  defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
}

mock_resource "aws_iam_role" {
  defaults = { arn = "arn:aws:iam::111122223333:role/socar-lake-dev-mock" }
}

mock_resource "aws_sqs_queue" {
  defaults = { arn = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-mock" }
}

mock_resource "aws_lambda_function" {
  defaults = { arn = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-dev-mock" }
}

mock_resource "aws_cloudwatch_event_rule" {
  defaults = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-dev-mock" }
}

mock_resource "aws_sns_topic" {
  defaults = { arn = "arn:aws:sns:ap-south-1:111122223333:socar-lake-dev-ops" }
}

mock_resource "aws_kinesis_stream" {
  defaults = { arn = "arn:aws:kinesis:ap-south-1:111122223333:stream/socar-lake-dev-rides" }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:socar-lake-dev-mock" }
}

mock_resource "aws_glue_crawler" {
  defaults = { arn = "arn:aws:glue:ap-south-1:111122223333:crawler/socar-lake-dev-mock" }
}

mock_resource "aws_glue_job" {
  defaults = { arn = "arn:aws:glue:ap-south-1:111122223333:job/socar-lake-dev-mock" }
}

mock_resource "aws_glue_catalog_database" {
  defaults = { arn = "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_dev_mock" }
}

override_resource {
  target = module.storage.aws_kms_key.this
  values = {
    arn    = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
    key_id = "11111111-2222-3333-4444-555555555555"
  }
}

override_resource {
  target = module.storage.aws_s3_bucket.access_logs
  values = { arn = "arn:aws:s3:::socar-lake-dev-access-logs-111122223333-ap-south-1", id = "socar-lake-dev-access-logs-111122223333-ap-south-1" }
}

override_resource {
  target = module.storage.aws_s3_bucket.zone["raw"]
  values = { arn = "arn:aws:s3:::socar-lake-dev-raw-111122223333-ap-south-1", id = "socar-lake-dev-raw-111122223333-ap-south-1" }
}

override_resource {
  target = module.storage.aws_s3_bucket.zone["processed"]
  values = { arn = "arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1", id = "socar-lake-dev-processed-111122223333-ap-south-1" }
}

override_resource {
  target = module.storage.aws_s3_bucket.zone["quarantine"]
  values = { arn = "arn:aws:s3:::socar-lake-dev-quarantine-111122223333-ap-south-1", id = "socar-lake-dev-quarantine-111122223333-ap-south-1" }
}

override_resource {
  target = module.storage.aws_s3_bucket.zone["artifacts"]
  values = { arn = "arn:aws:s3:::socar-lake-dev-artifacts-111122223333-ap-south-1", id = "socar-lake-dev-artifacts-111122223333-ap-south-1" }
}

override_resource {
  target = module.storage.aws_s3_bucket.zone["athena-results"]
  values = { arn = "arn:aws:s3:::socar-lake-dev-athena-results-111122223333-ap-south-1", id = "socar-lake-dev-athena-results-111122223333-ap-south-1" }
}

override_resource {
  target = module.ingestion.aws_sqs_queue.this
  values = {
    arn = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-ingest"
    url = "https://sqs.ap-south-1.amazonaws.com/111122223333/socar-lake-dev-ingest"
  }
}

override_resource {
  target = module.ingestion.aws_sqs_queue.dead_letter
  values = {
    arn = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-ingest-dlq"
    url = "https://sqs.ap-south-1.amazonaws.com/111122223333/socar-lake-dev-ingest-dlq"
  }
}

override_resource {
  target = module.orchestration.aws_sqs_queue.dead_letter
  values = {
    arn  = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-events-dlq"
    url  = "https://sqs.ap-south-1.amazonaws.com/111122223333/socar-lake-dev-events-dlq"
    name = "socar-lake-dev-events-dlq"
  }
}

override_resource {
  target = module.glue_trigger.aws_lambda_function.this
  values = { arn = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-dev-glue-trigger" }
}

override_resource {
  target = module.glue_trigger.aws_iam_role.this
  values = { arn = "arn:aws:iam::111122223333:role/socar-lake-dev-glue-trigger", name = "socar-lake-dev-glue-trigger" }
}

override_resource {
  target = module.etl_trigger.aws_lambda_function.this
  values = { arn = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-dev-etl-trigger" }
}

override_resource {
  target = module.etl_trigger.aws_iam_role.this
  values = { arn = "arn:aws:iam::111122223333:role/socar-lake-dev-etl-trigger", name = "socar-lake-dev-etl-trigger" }
}

override_resource {
  target = module.ops_notifier.aws_lambda_function.this
  values = { arn = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-dev-ops-notifier" }
}

override_resource {
  target = module.ops_notifier.aws_iam_role.this
  values = { arn = "arn:aws:iam::111122223333:role/socar-lake-dev-ops-notifier", name = "socar-lake-dev-ops-notifier" }
}

override_resource {
  target = module.orchestration.aws_cloudwatch_event_rule.this["crawler-finished"]
  values = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-dev-crawler-finished", name = "socar-lake-dev-crawler-finished" }
}

override_resource {
  target = module.orchestration.aws_cloudwatch_event_rule.this["crawler-failed"]
  values = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-dev-crawler-failed", name = "socar-lake-dev-crawler-failed" }
}

override_resource {
  target = module.orchestration.aws_cloudwatch_event_rule.sweep
  values = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-dev-sweep", name = "socar-lake-dev-sweep" }
}

override_resource {
  target = module.orchestration.aws_sqs_queue.reconcile
  values = {
    arn  = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-reconcile"
    url  = "https://sqs.ap-south-1.amazonaws.com/111122223333/socar-lake-dev-reconcile"
    name = "socar-lake-dev-reconcile"
  }
}

override_resource {
  target = module.orchestration.aws_sqs_queue.reconcile_dead_letter
  values = {
    arn  = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-reconcile-dlq"
    url  = "https://sqs.ap-south-1.amazonaws.com/111122223333/socar-lake-dev-reconcile-dlq"
    name = "socar-lake-dev-reconcile-dlq"
  }
}

override_resource {
  target = module.orchestration.aws_dynamodb_table.state
  values = { arn = "arn:aws:dynamodb:ap-south-1:111122223333:table/socar-lake-dev-orchestration" }
}

override_resource {
  target = module.orchestration.aws_kms_key.events
  values = { arn = "arn:aws:kms:ap-south-1:111122223333:key/eeeeeeee-0000-0000-0000-000000000000" }
}

override_resource {
  target = module.orchestration.aws_cloudwatch_event_rule.this["job-finished"]
  values = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-dev-job-finished", name = "socar-lake-dev-job-finished" }
}

override_resource {
  target = module.catalog.aws_glue_crawler.this["tripdata"]
  values = { arn = "arn:aws:glue:ap-south-1:111122223333:crawler/socar-lake-dev-tripdata" }
}

override_resource {
  target = module.etl.aws_glue_job.this["tripdata"]
  values = { arn = "arn:aws:glue:ap-south-1:111122223333:job/socar-lake-dev-tripdata" }
}

override_resource {
  target = module.catalog.aws_glue_crawler.this["rides"]
  values = { arn = "arn:aws:glue:ap-south-1:111122223333:crawler/socar-lake-dev-rides" }
}

override_resource {
  target = module.etl.aws_glue_job.this["rides"]
  values = { arn = "arn:aws:glue:ap-south-1:111122223333:job/socar-lake-dev-rides" }
}

# Every role, database and log group gets its own ARN, so a test comparing two of them cannot pass because
# both fell back to the same mock default.
override_resource {
  target = module.etl.aws_iam_role.this
  values = { arn = "arn:aws:iam::111122223333:role/socar-lake-dev-etl" }
}

override_resource {
  target = module.catalog.aws_iam_role.crawler
  values = { arn = "arn:aws:iam::111122223333:role/socar-lake-dev-crawler" }
}

override_resource {
  target = module.streaming.aws_iam_role.this["rides"]
  values = { arn = "arn:aws:iam::111122223333:role/socar-lake-dev-rides-firehose" }
}

override_resource {
  target = module.catalog.aws_glue_catalog_database.raw
  values = { arn = "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_dev_raw" }
}

override_resource {
  target = module.catalog.aws_glue_catalog_database.processed
  values = { arn = "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_dev_processed" }
}

override_resource {
  target = module.glue_trigger.aws_cloudwatch_log_group.this
  values = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws/lambda/socar-lake-dev-glue-trigger" }
}

override_resource {
  target = module.etl_trigger.aws_cloudwatch_log_group.this
  values = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws/lambda/socar-lake-dev-etl-trigger" }
}

override_resource {
  target = module.ops_notifier.aws_cloudwatch_log_group.this
  values = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws/lambda/socar-lake-dev-ops-notifier" }
}

override_resource {
  target = module.streaming.aws_cloudwatch_log_group.this["rides"]
  values = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws/kinesisfirehose/socar-lake-dev-rides" }
}

override_resource {
  target = module.catalog.aws_cloudwatch_log_group.crawlers
  values = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws-glue/crawlers-role/socar-lake-dev-crawler-socar-lake-dev-lake" }
}

override_resource {
  target = module.etl.aws_cloudwatch_log_group.this["error"]
  values = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws-glue/jobs/socar-lake-dev/error" }
}

override_resource {
  target = module.etl.aws_cloudwatch_log_group.this["output"]
  values = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws-glue/jobs/socar-lake-dev/output" }
}

override_resource {
  target = module.query.aws_athena_workgroup.this
  values = { arn = "arn:aws:athena:ap-south-1:111122223333:workgroup/socar-lake-dev-analytics" }
}

mock_resource "aws_quicksight_data_source" {
  defaults = { arn = "arn:aws:quicksight:ap-south-1:111122223333:datasource/socar-lake-dev-athena" }
}

mock_resource "aws_quicksight_data_set" {
  defaults = { arn = "arn:aws:quicksight:ap-south-1:111122223333:dataset/socar-lake-dev-mock" }
}
