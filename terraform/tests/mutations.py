#!/usr/bin/env python3
"""Terraform tests that catch their own mutations.

Each row of MUTATIONS names a security or wiring property, one edit that breaks it, and the `terraform test`
run that must then fail. For every row the script copies terraform/ and datasets/ to a scratch folder,
applies the edit there (the working tree is never touched), runs the named suite and checks that the named
run fails. A row whose edit no longer matches the source is a failure too: the table must follow the code.

    python3 terraform/tests/mutations.py            # every row
    python3 terraform/tests/mutations.py 3 7        # rows by number
    python3 terraform/tests/mutations.py --markdown [run.log]  # the table for terraform/README.md

TF_CLI_CONFIG_FILE is passed through, so the offline provider mirror the build configures is used.
Exit code 0 when every mutation was caught.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Mutation:
    prop: str       # the property, in the lake's words
    file: str       # relative to terraform/
    old: str        # exact text that must occur once
    new: str        # what replaces it
    suite: str      # folder whose `terraform test` runs, relative to terraform/
    test_file: str  # tests/<name>.tftest.hcl inside the suite
    run: str        # the run that must fail


MUTATIONS = [
    Mutation("The raw bucket's notification is created after the queue policy (S3 sends a test event on save)",
             "modules/ingestion/main.tf", "  depends_on = [aws_sqs_queue_policy.this]\n", "",
             "modules/ingestion", "tests/ingestion.tftest.hcl", "the_notification_waits_for_the_queue_policy"),
    Mutation("The job reads the Glue Data Catalog (`--enable-glue-datacatalog`)",
             "modules/etl/main.tf", '"--enable-glue-datacatalog" = "true"', '"--enable-glue-datacatalog" = "false"',
             "modules/etl", "tests/etl.tftest.hcl", "job_arguments_follow_the_job_contract"),
    Mutation("Every zone bucket defaults to SSE-KMS with the lake key",
             "modules/storage/main.tf", '      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.this.arn\n',
             '      sse_algorithm     = "AES256"\n',
             "envs/dev", "tests/security.tftest.hcl", "zone_buckets_are_kms_encrypted"),
    Mutation("glue-trigger's queue mapping reports partial batch failures",
             "modules/ingestion/main.tf", '  function_response_types = ["ReportBatchItemFailures"]\n', "",
             "envs/dev", "tests/topology.tftest.hcl", "raw_bucket_feeds_the_ingest_queue_that_drives_glue_trigger"),
    Mutation("Every log group has a retention (0 means never expire)",
             "modules/lambda-function/main.tf", "  retention_in_days = var.log_retention_in_days\n", "  retention_in_days = 0\n",
             "envs/dev", "tests/security.tftest.hcl", "every_log_group_has_a_retention"),
    Mutation("No IAM policy allows a \"*\" action",
             "modules/etl/iam.tf", 'Action   = ["s3:GetObject"]\n        Resource = flatten(values(local.probe_keys))',
             'Action   = ["*"]\n        Resource = flatten(values(local.probe_keys))',
             "envs/dev", "tests/security.tftest.hcl", "iam_policies_name_their_actions_and_resources"),
    Mutation("Every writer may generate data keys with the lake key (the job's SSE-KMS puts)",
             "modules/etl/iam.tf", 'Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]',
             'Action    = ["kms:Encrypt", "kms:Decrypt"]',
             "modules/etl", "tests/etl.tftest.hcl", "job_role_can_make_exactly_the_jobs_requests"),
    Mutation("Zone bucket policies accept only the lake key",
             "modules/storage/policies.tf",
             '"s3:x-amz-server-side-encryption-aws-kms-key-id" = aws_kms_key.this.arn',
             '"s3:x-amz-server-side-encryption-aws-kms-key-id" = "arn:aws:kms:ap-south-1:111122223333:key/99999999-2222-3333-4444-555555555555"',
             "modules/storage", "tests/storage.tftest.hcl", "zone_policies_refuse_objects_not_under_the_lake_key"),
    Mutation("Zone bucket policies refuse aws:kms without a key id (S3 would use aws/s3)",
             "modules/storage/policies.tf", '          Null         = { "s3:x-amz-server-side-encryption-aws-kms-key-id" = "true" }\n', "",
             "modules/storage", "tests/storage.tftest.hcl", "zone_policies_refuse_objects_not_under_the_lake_key"),
    Mutation("Zone bucket policies let UploadPart and default-encrypted puts through (no header, no deny)",
             "modules/storage/policies.tf", '          Null            = { "s3:x-amz-server-side-encryption" = "false" }\n', "",
             "modules/storage", "tests/storage.tftest.hcl", "zone_policies_refuse_objects_not_under_the_lake_key"),
    Mutation("Ended crawls reach the reconciler (event pattern state)",
             "modules/orchestration/main.tf", 'state       = ["Succeeded", "Failed"]', 'state       = ["Succeded", "Failed"]',
             "envs/dev", "tests/topology.tftest.hcl", "crawler_success_reaches_the_reconciler"),
    Mutation("Finished jobs reach the reconciler and ops-notifier (event pattern states)",
             "modules/orchestration/main.tf", '"SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"', '"SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"',
             "envs/dev", "tests/topology.tftest.hcl", "finished_jobs_reach_the_reconciler_and_ops_notifier"),
    Mutation("A lost Glue event cannot strand work (the sweep reaches the reconciler)",
             "modules/orchestration/main.tf", '    sweep-reconcile            = { rule = "sweep", kind = "queue" }\n', "",
             "envs/dev", "tests/topology.tftest.hcl", "lost_events_are_covered_by_the_sweep"),
    Mutation("Failed crawls alert the team",
             "modules/orchestration/main.tf", '    crawler-failed-notify      = { rule = "crawler-failed", kind = "notify" }\n', "",
             "envs/dev", "tests/topology.tftest.hcl", "finished_jobs_reach_the_reconciler_and_ops_notifier"),
    Mutation("The reconciler reports batch item failures (one bad event does not fail its batch)",
             "modules/orchestration/main.tf", 'function_response_types = ["ReportBatchItemFailures"]', "function_response_types = []",
             "modules/orchestration", "tests/orchestration.tftest.hcl", "the_reconciler_reads_the_queue_with_batch_item_failures"),
    Mutation("A reconcile event that keeps failing is kept in the reconcile DLQ",
             "modules/orchestration/queues.tf", "    maxReceiveCount     = var.reconcile_max_receive_count\n", "    maxReceiveCount     = 1000\n",
             "modules/orchestration", "tests/orchestration.tftest.hcl", "the_reconciler_reads_the_queue_with_batch_item_failures"),
    Mutation("EventBridge may use only the events key, for data keys and decrypt only",
             "modules/orchestration/key.tf", 'Action    = ["kms:GenerateDataKey", "kms:Decrypt"]', 'Action    = ["kms:GenerateDataKey", "kms:Decrypt", "kms:ReEncrypt*"]',
             "modules/orchestration", "tests/orchestration.tftest.hcl", "eventbridge_may_use_only_the_events_key"),
    Mutation("Glue bookmarks stay off (the job's run ledger selects input)",
             "modules/etl/main.tf", '"job-bookmark-disable"', '"job-bookmark-enable"',
             "modules/etl", "tests/etl.tftest.hcl", "job_arguments_follow_the_job_contract"),
    Mutation("The job gets the lake key (`--kms_key_arn`)",
             "modules/etl/main.tf", '    "--kms_key_arn" = var.kms_key_arn\n', "",
             "envs/dev", "tests/topology.tftest.hcl", "every_contract_has_its_job"),
    Mutation("One run per dataset at a time (the run ledger relies on it)",
             "modules/etl/main.tf", "    max_concurrent_runs = 1\n", "    max_concurrent_runs = 2\n",
             "modules/etl", "tests/etl.tftest.hcl", "one_job_per_dataset_on_glue_5"),
    Mutation("Glue 5.0 logs land in groups the module created (`--custom-logGroup-prefix`)",
             "modules/etl/main.tf", '"--custom-logGroup-prefix"  = local.log_group_prefix', '"--custom-logGroup-prefix"  = "/aws-glue/jobs"',
             "modules/etl", "tests/etl.tftest.hcl", "every_log_group_glue_writes_exists_with_retention_and_the_key"),
    Mutation("Job log groups are encrypted with the lake key",
             "modules/etl/main.tf", "  kms_key_id        = var.kms_key_arn\n", "",
             "modules/etl", "tests/etl.tftest.hcl", "every_log_group_glue_writes_exists_with_retention_and_the_key"),
    Mutation("The job can probe folder keys (`<dataset>`, `<dataset>_$folder$`): 404, not 403",
             "modules/etl/iam.tf", 'Resource = flatten(values(local.probe_keys))', 'Resource = []',
             "modules/etl", "tests/etl.tftest.hcl", "job_role_can_make_exactly_the_jobs_requests"),
    Mutation("The job's ListBucket has no s3:prefix condition (the 404 check carries none)",
             "modules/etl/iam.tf",
             '        Resource = [var.raw_bucket_arn, var.processed_bucket_arn, var.quarantine_bucket_arn]\n      },\n      {\n        Sid      = "LocateLakeBuckets"',
             '        Resource = [var.raw_bucket_arn, var.processed_bucket_arn, var.quarantine_bucket_arn]\n        Condition = { StringLike = { "s3:prefix" = ["tripdata/*"] } }\n      },\n      {\n        Sid      = "LocateLakeBuckets"',
             "modules/etl", "tests/etl.tftest.hcl", "job_role_can_make_exactly_the_jobs_requests"),
    Mutation("The job may not create log groups (one without retention could appear)",
             "modules/etl/iam.tf", 'Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"]',
             'Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"]',
             "modules/etl", "tests/etl.tftest.hcl", "job_role_can_make_exactly_the_jobs_requests"),
    Mutation("The crawlers may not create log groups",
             "modules/catalog/iam.tf", 'Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"]',
             'Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"]',
             "modules/catalog", "tests/catalog.tftest.hcl", "crawler_logs_land_in_a_group_with_retention_and_the_key"),
    Mutation("Bucket names carry the account and region (global names)",
             "modules/storage/main.tf", 'bucket        = "${var.name_prefix}-${each.key}-${local.bucket_suffix}"',
             'bucket        = "${var.name_prefix}-${each.key}"',
             "modules/storage", "tests/storage.tftest.hcl", "every_zone_has_a_bucket_named_after_it"),
    Mutation("IAM grants use the keys only through S3/SQS/SNS/Kinesis/DynamoDB (kms:ViaService)",
             "env-common/functions.tf",
             '      resources  = [module.orchestration.events_kms_key_arn]\n      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["sqs.${var.region}.amazonaws.com"] }]\n',
             '      resources  = [module.orchestration.events_kms_key_arn]\n',
             "envs/dev", "tests/security.tftest.hcl", "kms_grants_are_scoped_to_the_services_that_use_them"),
    Mutation("The job role uses the lake key only through S3",
             "modules/etl/iam.tf", '        Condition = { StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" } }\n', "",
             "modules/etl", "tests/etl.tftest.hcl", "job_role_can_make_exactly_the_jobs_requests"),
    Mutation("prod alarms reach someone (notification_emails required unless opted out)",
             "env-common/variables.tf", "!local.settings.require_notification_recipients || length(var.notification_emails) > 0",
             "true || length(var.notification_emails) > 0",
             "envs/prod", "tests/prod.tftest.hcl", "alarms_without_recipients_are_refused"),
    Mutation("Every alarm notifies the ops topic",
             "modules/lambda-function/main.tf", "  alarm_actions       = var.alarm_actions\n", "  alarm_actions       = []\n",
             "envs/dev", "tests/topology.tftest.hcl", "every_alarm_notifies_the_ops_topic"),
    Mutation("Each function's role grants exactly the calls its code makes (presence)",
             "env-common/functions.tf", '      actions   = ["sns:Publish"]\n', '      actions   = ["sns:GetTopicAttributes"]\n',
             "envs/dev", "tests/security.tftest.hcl", "each_function_role_grants_exactly_the_calls_its_code_makes"),
    Mutation("Each function's role grants exactly the calls its code makes (absence)",
             "env-common/functions.tf", '      actions   = ["glue:GetJobRun", "glue:StartJobRun"]\n', '      actions   = ["glue:GetJobRun", "glue:StartJobRun", "glue:BatchStopJobRun"]\n',
             "envs/dev", "tests/security.tftest.hcl", "each_function_role_grants_exactly_the_calls_its_code_makes"),
    Mutation("The producer policy grants exactly the producers' calls (presence)",
             "env-common/producers.tf", 'Action   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]', 'Action   = ["s3:GetObject", "s3:PutObject"]',
             "envs/dev", "tests/security.tftest.hcl", "the_producer_policy_grants_exactly_the_calls_the_producers_make"),
    Mutation("Zone policies' key Denies apply to objects (PutObject acts on <bucket>/*)",
             "modules/storage/policies.tf", '''        Sid       = "DenyObjectsUnderAnotherKey"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "${b.arn}/*"''', """        Sid       = "DenyObjectsUnderAnotherKey"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = b.arn""",
             "modules/storage", "tests/storage.tftest.hcl", "zone_policies_refuse_objects_not_under_the_lake_key"),
    Mutation("TLS-only covers objects as well as the bucket",
             "modules/storage/policies.tf", 'Resource  = [b.arn, "${b.arn}/*"]', "Resource  = [b.arn]",
             "modules/storage", "tests/storage.tftest.hcl", "bucket_policies_deny_plain_http"),
    Mutation("Alarms can publish to the topic (the Deny spares AWS services)",
             "modules/notifications/main.tf", '        Bool         = { "aws:PrincipalIsAWSService" = "false" }\n', "",
             "modules/notifications", "tests/notifications.tftest.hcl", "only_the_given_roles_and_account_services_publish"),
    Mutation("Only ops-notifier publishes run reports",
             "env-common/lake.tf", "  publisher_role_arns = [module.ops_notifier.role_arn]", "  publisher_role_arns = []",
             "envs/dev", "tests/security.tftest.hcl", "only_ops_notifier_publishes_run_reports"),
    Mutation("Queue visibility stays six times the consumer's timeout",
             "env-common/functions.tf", '''  source_code_hash = local.lambda_packages["etl-trigger"].source_code_hash
  timeout          = local.lambda_timeout_seconds''', """  source_code_hash = local.lambda_packages["etl-trigger"].source_code_hash
  timeout          = 120""",
             "envs/dev", "tests/topology.tftest.hcl", "queue_visibility_is_six_times_the_consumer_timeout"),
    Mutation("Event targets wait for the queue and key policies",
             "modules/orchestration/main.tf", ", aws_kms_key_policy.events]", "]",
             "modules/orchestration", "tests/orchestration.tftest.hcl", "targets_wait_for_the_queue_and_key_policies"),
    Mutation("Lambda log groups are under the lake key",
             "modules/lambda-function/main.tf", "  kms_key_id        = var.log_kms_key_arn\n", "",
             "envs/dev", "tests/security.tftest.hcl", "every_log_group_has_a_retention"),
    Mutation("Only Glue of this account assumes the job role (confused deputy)",
             "modules/etl/iam.tf", '      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }\n', "",
             "modules/etl", "tests/etl.tftest.hcl", "only_glue_of_this_account_assumes_the_job_role"),
    Mutation("Glue does not retry failed runs blindly (the reconciler does, bounded)",
             "modules/etl/main.tf", "  max_retries = 0", "  max_retries = 3",
             "modules/etl", "tests/etl.tftest.hcl", "only_glue_of_this_account_assumes_the_job_role"),
    Mutation("Firehose roles require the account as external id",
             "modules/streaming/iam.tf", '      Condition = { StringEquals = { "sts:ExternalId" = var.account_id } }\n', "",
             "modules/streaming", "tests/streaming.tftest.hcl", "only_firehose_for_this_account_assumes_the_delivery_role"),
    Mutation("Every queue refuses plain HTTP for every call",
             "modules/ingestion/main.tf", '''      Action    = "sqs:*"
      Resource  = aws_sqs_queue.dead_letter.arn''', """      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.dead_letter.arn""",
             "envs/dev", "tests/security.tftest.hcl", "queues_refuse_plain_http"),
    Mutation("prod data survives a destroy (no force_destroy)",
             "envs/prod/environment.tf", "    force_destroy               = false", "    force_destroy               = true",
             "envs/prod", "tests/prod.tftest.hcl", "prod_data_survives_a_destroy"),
    Mutation("Firehose names fit 64 characters for the longest dataset name",
             "modules/streaming/main.tf", "  name        = local.delivery_names[each.key]\n", '  name        = "${var.name_prefix}-${each.key}"\n',
             "modules/streaming", "tests/streaming.tftest.hcl", "the_longest_dataset_names_fit_every_name_limit"),
    Mutation("glue-trigger paces crawls as etl-trigger does (it starts them on arrivals)",
             "env-common/functions.tf",
             "    LAKE_STATE_TABLE                = module.orchestration.state_table_name\n    LAKE_MIN_CRAWL_INTERVAL_SECONDS = tostring(var.orchestration_pacing.min_crawl_interval_seconds)\n  }\n\n  policy_statements = [\n    {\n      sid       = \"ReadAndStartLakeCrawlers\"",
             "    LAKE_STATE_TABLE                = module.orchestration.state_table_name\n  }\n\n  policy_statements = [\n    {\n      sid       = \"ReadAndStartLakeCrawlers\"",
             "envs/dev", "tests/topology.tftest.hcl", "pacing_reaches_both_reconcilers_as_the_environment_their_csharp_reads"),
    Mutation("Pacing beyond a day is refused (ReconcileSettings refuses it at cold start)",
             "env-common/variables.tf", "s >= 0 && s <= 86400", "s >= 0",
             "envs/dev", "tests/topology.tftest.hcl", "pacing_beyond_a_day_is_refused"),
    Mutation("QuickSight is off by default (most accounts have no subscription)",
             "env-common/quicksight.tf", "  count  = var.quicksight.enabled ? 1 : 0\n", "  count  = 1\n",
             "envs/dev", "tests/quicksight.tftest.hcl", "quicksight_is_off_by_default"),
    Mutation("Each contract's dataset has its columns in QuickSight's types (a double is a DECIMAL)",
             "modules/quicksight/main.tf", '    double    = "DECIMAL"\n', '    double    = "STRING"\n',
             "envs/dev", "tests/quicksight.tftest.hcl", "one_dataset_per_contract_with_the_processed_tables_columns"),
    Mutation("Each contract's dataset has the table's partition columns",
             "modules/catalog/outputs.tf", "      [for p in t.partition_keys : { name = p.name, type = p.type }],\n", "",
             "envs/dev", "tests/quicksight.tftest.hcl", "one_dataset_per_contract_with_the_processed_tables_columns"),
    Mutation("QuickSight queries Athena directly unless SPICE is asked for",
             "env-common/variables.tf", 'import_mode        = optional(string, "DIRECT_QUERY")', 'import_mode        = optional(string, "SPICE")',
             "envs/dev", "tests/quicksight.tftest.hcl", "one_dataset_per_contract_with_the_processed_tables_columns"),
    Mutation("A SPICE copy is refreshed daily",
             "modules/quicksight/main.tf", 'for_each = var.import_mode == "SPICE" ? local.data_sets : {}', "for_each = {}",
             "modules/quicksight", "tests/quicksight.tftest.hcl", "spice_copies_are_refreshed_daily"),
    Mutation("A question's SQL names its tables with the processed database (custom SQL has no default database)",
             "modules/quicksight/main.tf", '"$1$2\\"${var.processed_database_name}\\".\\"$3\\""', '"$1$2$3"',
             "modules/quicksight", "tests/quicksight.tftest.hcl", "questions_read_the_processed_tables_by_their_full_names"),
    Mutation("A bar's category field matches its column's type (QuickSight rejects a number as a categorical field)",
             "modules/quicksight/dashboard.tf", 'INTEGER = "numerical"', 'INTEGER = "categorical"',
             "modules/quicksight", "tests/quicksight.tftest.hcl", "the_dashboard_charts_each_question"),
    Mutation("The QuickSight rights name the given principal",
             "modules/quicksight/main.tf", "    principal = var.principal_arn\n    actions   = local.data_source_actions\n",
             '    principal = "arn:aws:quicksight:ap-south-1:111122223333:group/default/everyone"\n    actions   = local.data_source_actions\n',
             "envs/dev", "tests/quicksight.tftest.hcl", "the_given_principal_may_read_everything_and_nobody_else_gets_rights"),
    Mutation("The principal views the dashboard but cannot re-share it",
             "modules/quicksight/main.tf", '"quicksight:ListDashboardVersions", "quicksight:QueryDashboard"]',
             '"quicksight:ListDashboardVersions", "quicksight:QueryDashboard", "quicksight:UpdateDashboardPermissions"]',
             "envs/dev", "tests/quicksight.tftest.hcl", "the_given_principal_may_read_everything_and_nobody_else_gets_rights"),
    Mutation("Query users run Athena only in the lake's workgroup",
             "env-common/query_users.tf", "        Resource = module.query.workgroup_arn\n",
             '        Resource = "arn:aws:athena:${var.region}:${local.account_id}:workgroup/*"\n',
             "envs/dev", "tests/query_policy.tftest.hcl", "the_query_policy_grants_exactly_what_a_query_needs"),
    Mutation("Query users read processed data only under the tables' folders (not the run records)",
             "env-common/query_users.tf", 'Resource = [for d in sort(keys(local.datasets)) : "${local.processed_bucket_arn}/${d}/*"]',
             'Resource = "${local.processed_bucket_arn}/*"',
             "envs/dev", "tests/query_policy.tftest.hcl", "the_query_policy_grants_exactly_what_a_query_needs"),
    Mutation("Query results can be written under the lake key (kms:GenerateDataKey)",
             "env-common/query_users.tf", 'Action    = ["kms:Decrypt", "kms:GenerateDataKey"]', 'Action    = ["kms:Decrypt"]',
             "envs/dev", "tests/query_policy.tftest.hcl", "the_query_policy_grants_exactly_what_a_query_needs"),
    Mutation("Query users use the lake key only through S3",
             "env-common/query_users.tf", '        Condition = { StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" } }\n', "",
             "envs/dev", "tests/query_policy.tftest.hcl", "the_lake_key_only_through_s3"),
    Mutation("Observers read committed quarantine records only (not what is staged)",
             "env-common/observe_users.tf", 'Resource = [for d in local.lake_datasets : "${local.quarantine_bucket_arn}/${d}/run=*"]',
             'Resource = "${local.quarantine_bucket_arn}/*"',
             "envs/dev", "tests/observe_policy.tftest.hcl", "the_observe_policy_grants_exactly_what_the_views_read"),
    Mutation("Observers list only the folders the views read",
             "env-common/observe_users.tf", 'Condition = { StringEquals = { "s3:prefix" = [for d in local.lake_datasets : "${d}/run="] } }', "Condition = null",
             "envs/dev", "tests/observe_policy.tftest.hcl", "listing_and_the_key_are_scoped"),
    Mutation("Observers read queue depths, never messages",
             "env-common/observe_users.tf", 'Action   = ["sqs:GetQueueAttributes"]', 'Action   = ["sqs:GetQueueAttributes", "sqs:ReceiveMessage"]',
             "envs/dev", "tests/observe_policy.tftest.hcl", "the_observe_policy_grants_exactly_the_calls_the_views_make"),
    Mutation("Redrive sends messages only to the lake's processing queues",
             "env-common/redrive_users.tf", "        Resource = local.processing_queue_arns\n",
             '        Resource = "arn:aws:sqs:${var.region}:${local.account_id}:*"\n',
             "envs/dev", "tests/redrive_policy.tftest.hcl", "the_redrive_policy_grants_exactly_what_a_redrive_needs"),
    Mutation("Redrive uses the queues' keys only through SQS",
             "env-common/redrive_users.tf", '        Condition = { StringEquals = { "kms:ViaService" = "sqs.${var.region}.amazonaws.com" } }\n', "",
             "envs/dev", "tests/redrive_policy.tftest.hcl", "the_queue_keys_only_through_sqs"),
    Mutation("The console's API needs a token (everything not listed as open)",
             "modules/console/api.tf", '  authorization_type = "JWT"\n  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id\n',
             '  authorization_type = "NONE"\n',
             "modules/console", "tests/console.tftest.hcl", "only_the_pages_and_their_assets_are_open"),
    Mutation("Only pages, assets and the callback are open",
             "modules/console/api.tf", '["GET /app/{proxy+}", "GET /auth/callback"]', '["GET /app/{proxy+}", "GET /auth/callback", "ANY /api/{proxy+}"]',
             "modules/console", "tests/console.tftest.hcl", "only_the_pages_and_their_assets_are_open"),
    Mutation("The browser is a public client (no secret in a page)",
             "modules/console/auth.tf", "  generate_secret                      = false\n", "  generate_secret                      = true\n",
             "modules/console", "tests/console.tftest.hcl", "the_browser_is_a_public_client_with_the_code_flow"),
    Mutation("The lake console on AWS is off unless asked for",
             "env-common/variables.tf", "    enabled            = optional(bool, false)\n    memory_size",
             "    enabled            = optional(bool, true)\n    memory_size",
             "envs/dev", "tests/console.tftest.hcl", "the_console_is_off_by_default"),
    Mutation("The console's function stops within API Gateway's 30 s",
             "env-common/console.tf", "  timeout     = 29\n", "  timeout     = 30\n",
             "envs/dev", "tests/console.tftest.hcl", "the_api_calls_the_console_function"),
    Mutation("The console runs Athena only in the lake's workgroup",
             "env-common/console.tf", "      resources = [module.query.workgroup_arn]\n",
             '      resources = ["arn:aws:athena:${var.region}:${local.account_id}:workgroup/*"]\n',
             "envs/dev", "tests/console.tftest.hcl", "the_console_role_grants_exactly_what_the_pages_need"),
    Mutation("The console reads committed quarantine records only (not what is staged)",
             "env-common/console.tf", 'resources = [for d in local.console_datasets : "${module.storage.bucket_arns["quarantine"]}/${d}/run=*"]',
             'resources = ["${module.storage.bucket_arns["quarantine"]}/*"]',
             "envs/dev", "tests/console.tftest.hcl", "the_console_role_grants_exactly_what_the_pages_need"),
    Mutation("The console lists only committed quarantine runs",
             "env-common/console.tf", '      conditions = [{ test = "StringLike", variable = "s3:prefix", values = [for d in local.console_datasets : "${d}/run=*"] }]\n', "",
             "envs/dev", "tests/console.tftest.hcl", "the_console_role_grants_exactly_what_the_pages_need"),
    Mutation("The console changes nothing in the lake (no job starts)",
             "env-common/console.tf", 'actions   = ["glue:GetJobRuns"]', 'actions   = ["glue:GetJobRuns", "glue:StartJobRun"]',
             "envs/dev", "tests/console.tftest.hcl", "the_console_role_grants_exactly_the_calls_its_code_makes"),
    Mutation("The console uses the lake key only through S3",
             "env-common/console.tf", '      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["s3.${var.region}.amazonaws.com"] }]\n', "",
             "envs/dev", "tests/console.tftest.hcl", "the_console_uses_the_lake_key_only_through_s3"),
    Mutation("A QuickSight visual is the chart its question gives: a line stays a line",
             "modules/quicksight/dashboard.tf", 'for_each = try(local.charts[visuals.value].type, null) == "line" ? [visuals.value] : []', "for_each = []",
             "modules/quicksight", "tests/quicksight.tftest.hcl", "the_dashboard_charts_each_question"),
    Mutation("The dashboard file's charts reach QuickSight (the environment reads `lake dashboards export`)",
             "env-common/quicksight.tf", "{ type = q.chart.type, category = q.chart.x", '{ type = "bar", category = q.chart.x',
             "envs/dev", "tests/quicksight.tftest.hcl", "the_default_dashboard_file_is_the_dashboard"),
    Mutation("A query with parameters stays out of QuickSight (provider 5.x has no dataset parameters)",
             "env-common/quicksight.tf", "    } if length(q.parameters) == 0\n", "    }\n",
             "envs/dev", "tests/quicksight.tftest.hcl", "the_default_dashboard_file_is_the_dashboard"),
    Mutation("A QuickSight chart draws number columns only",
             "modules/quicksight/variables.tf", '        length(setsubtract(try(q.chart.values, []), [for c in q.columns : c.name if contains(["INTEGER", "DECIMAL"], c.type)])) == 0\n', "        true\n",
             "modules/quicksight", "tests/quicksight.tftest.hcl", "a_chart_value_that_is_not_a_number_column_is_refused"),
    Mutation("A QuickSight chart is a bar or a line",
             "modules/quicksight/variables.tf", 'condition     = alltrue([for id, q in var.questions : q.chart == null || contains(["bar", "line"], try(q.chart.type, ""))])', "condition     = alltrue([for id, q in var.questions : true])",
             "modules/quicksight", "tests/quicksight.tftest.hcl", "a_chart_type_quicksight_is_not_given_is_refused"),
]


def markdown(results: dict[int, str] | None = None) -> str:
    """The table for terraform/README.md; with results (row → outcome, from a run's output) a result column."""
    results = results or {}
    rows = ["| # | property | mutation (file: before → after) | failing test | result |", "|---|---|---|---|---|"]
    for i, m in enumerate(MUTATIONS, 1):
        def short(text: str) -> str:
            text = " ".join(text.split())
            text = text if len(text) <= 70 else text[:67] + "..."
            return "`" + text.replace("|", "\\|") + "`" if text else "*(removed)*"
        rows.append(f"| {i} | {m.prop} | `{m.file}`: {short(m.old)} → {short(m.new)} | `{m.suite}` {m.test_file.split('/')[-1]} `{m.run}` | {results.get(i, 'not run')} |")
    return "\n".join(rows)


def check(index: int, m: Mutation, scratch: Path) -> tuple[bool, str]:
    work = scratch / f"m{index}"
    shutil.copytree(REPO / "terraform", work / "terraform", symlinks=True,
                    ignore=shutil.ignore_patterns("*.tfstate*", "zz_offline_plan_override.tf"))
    shutil.copytree(REPO / "datasets", work / "datasets")
    shutil.copytree(REPO / "queries", work / "queries")
    (work / "lambdas").mkdir()
    shutil.copy2(REPO / "lambdas" / "iam-actions.json", work / "lambdas" / "iam-actions.json")
    (work / "tools" / "Lake.Producers").mkdir(parents=True)
    shutil.copy2(REPO / "tools" / "Lake.Producers" / "iam-actions.json", work / "tools" / "Lake.Producers" / "iam-actions.json")
    (work / "tools" / "Lake.Cli" / "AwsViews").mkdir(parents=True)
    shutil.copy2(REPO / "tools" / "Lake.Cli" / "AwsViews" / "iam-actions.json", work / "tools" / "Lake.Cli" / "AwsViews" / "iam-actions.json")
    (work / "tools" / "Lake.Cli" / "Redrive").mkdir(parents=True)
    shutil.copy2(REPO / "tools" / "Lake.Cli" / "Redrive" / "iam-actions.json", work / "tools" / "Lake.Cli" / "Redrive" / "iam-actions.json")
    target = work / "terraform" / m.file
    source = target.read_text()
    if source.count(m.old) != 1:
        return False, f"the edit matches {source.count(m.old)} times in {m.file}: update the table"
    target.write_text(source.replace(m.old, m.new))
    suite = work / "terraform" / m.suite
    env = dict(os.environ, TF_IN_AUTOMATION="1", TF_INPUT="0")
    init = subprocess.run(["terraform", f"-chdir={suite}", "init", "-backend=false", "-input=false", "-no-color"],
                          capture_output=True, text=True, env=env)
    if init.returncode != 0:
        return False, "init failed: " + init.stderr.strip()[-400:]
    test = subprocess.run(["terraform", f"-chdir={suite}", "test", "-no-color", f"-filter={m.test_file}"],
                          capture_output=True, text=True, env=env)
    output = test.stdout + test.stderr
    failed_runs = re.findall(r'run "([^"]+)"\.\.\. fail', output)
    if test.returncode == 0:
        return False, "SURVIVED: the suite passed"
    if m.run not in failed_runs:
        return False, f"the suite failed, but not in {m.run} (failed: {', '.join(failed_runs) or 'none; see the suite output'})"
    return True, "caught by " + ", ".join(failed_runs)


def main(argv: list[str]) -> int:
    if "--markdown" in argv:
        results: dict[int, str] = {}
        for log in [a for a in argv if a != "--markdown" and not a.isdigit()]:
            for line in Path(log).read_text().splitlines():
                found = re.match(r"(caught|MISSED)\s+(\d+)\. ", line)
                if found:
                    results[int(found.group(2))] = "caught" if found.group(1) == "caught" else "**missed**"
        print(markdown(results))
        return 0
    chosen = [int(a) for a in argv if a.isdigit()] or list(range(1, len(MUTATIONS) + 1))
    caught = 0
    with tempfile.TemporaryDirectory(prefix="tf-mutations-") as scratch:
        for i in chosen:
            ok, detail = check(i, MUTATIONS[i - 1], Path(scratch))
            caught += ok
            print(f"{'caught  ' if ok else 'MISSED  '} {i:2}. {MUTATIONS[i - 1].prop}: {detail}", flush=True)
    print(f"{caught} passed, {len(chosen) - caught} failed")
    return 0 if caught == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
