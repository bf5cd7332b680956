locals {
  plan_keys = { for name in var.datasets : name => lookup(var.typing_plan_keys, name, "glue/plans/${name}.json") }
  plan_uris = { for name, key in local.plan_keys : name => "s3://${var.artifacts_bucket_name}/${key}" }

  # Glue 5.0 writes every job's logs to <prefix>/error (system, Spark and GlueLogger) and <prefix>/output
  # (stdout/stderr); --custom-logGroup-prefix replaces the shared /aws-glue/jobs. Source: "Logging for AWS
  # Glue jobs" (the continuous-logging arguments apply to Glue 4.0 and earlier only).
  log_group_prefix = "/aws-glue/jobs/${var.name_prefix}"
  log_streams      = toset(["error", "output"])
}

data "aws_partition" "current" {}

# Created here, with a retention and the lake key, so Glue never creates them itself (it would keep
# events forever, unencrypted). The job role cannot create log groups, so logs can land nowhere else.
resource "aws_cloudwatch_log_group" "this" {
  for_each = local.log_streams

  name              = "${local.log_group_prefix}/${each.key}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_glue_job" "this" {
  for_each = var.datasets

  name         = "${var.name_prefix}-${each.key}"
  description  = "Types the raw ${each.key} objects of committed runs with the dataset's typing plan into the processed zone; bad rows to quarantine."
  role_arn     = aws_iam_role.this.arn
  glue_version = var.glue_version

  command {
    name            = "glueetl"
    python_version  = "3"
    script_location = "s3://${var.artifacts_bucket_name}/${var.glue_script_key}"
  }

  default_arguments = {
    "--job-language" = "python"
    # The job selects its input itself from the run ledger (the raw objects of committed run records), so
    # Glue bookmarks would only skip objects the ledger still owes a run.
    "--job-bookmark-option"     = "job-bookmark-disable"
    "--enable-metrics"          = "true"
    "--enable-glue-datacatalog" = "true"
    "--custom-logGroup-prefix"  = local.log_group_prefix
    "--extra-py-files"          = "s3://${var.artifacts_bucket_name}/${var.glue_library_key}"

    # The job's own arguments (glue-scripts reads them with getResolvedOptions).
    "--dataset"            = each.key
    "--plan_uri"           = local.plan_uris[each.key]
    "--raw_path"           = "s3://${var.raw_bucket_name}/${each.key}/"
    "--processed_database" = var.processed_database_name
    "--processed_table"    = each.key
    "--processed_path"     = "s3://${var.processed_bucket_name}/${each.key}/"
    "--quarantine_path"    = "s3://${var.quarantine_bucket_name}/${each.key}/"
    "--run_summary_path"   = "s3://${var.processed_bucket_name}/_runs/${each.key}/"
    # Without it the job's own puts (summaries, quarantine, copies from staging) would name no key, and S3
    # would use aws/s3, not the bucket default ("PutObject", x-amz-server-side-encryption-aws-kms-key-id).
    "--kms_key_arn" = var.kms_key_arn
  }

  # One run per dataset at a time: the job's run ledger assumes no other run of the dataset is choosing
  # input or committing at the same moment. A second StartJobRun gets ConcurrentRunsExceededException and
  # etl-trigger retries it later.
  execution_property {
    max_concurrent_runs = 1
  }

  # etl-trigger retries when a start fails; a run that fails is reported by ops-notifier, not repeated blindly.
  max_retries = 0

  timeout                = var.timeout_minutes
  security_configuration = var.security_configuration_name
  worker_type            = "G.1X"
  number_of_workers      = var.number_of_workers

  tags = var.tags

  depends_on = [aws_iam_role_policy.this, aws_cloudwatch_log_group.this]
}
