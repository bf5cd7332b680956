locals {
  plan_keys = { for name in var.datasets : name => lookup(var.typing_plan_keys, name, "glue/plans/${name}.json") }
  plan_uris = { for name, key in local.plan_keys : name => "s3://${var.artifacts_bucket_name}/${key}" }
}

data "aws_partition" "current" {}

# Continuous logs of every job land here, with a retention, instead of a group Glue would create without one.
resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws-glue/jobs/${var.name_prefix}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_glue_job" "this" {
  for_each = var.datasets

  name         = "${var.name_prefix}-${each.key}"
  description  = "Types raw ${each.key} objects with the dataset's typing plan into the processed zone; bad rows to quarantine."
  role_arn     = aws_iam_role.this.arn
  glue_version = var.glue_version

  command {
    name            = "glueetl"
    python_version  = "3"
    script_location = "s3://${var.artifacts_bucket_name}/${var.glue_script_key}"
  }

  default_arguments = {
    "--job-language"                     = "python"
    "--job-bookmark-option"              = "job-bookmark-enable"
    "--enable-metrics"                   = "true"
    "--enable-continuous-cloudwatch-log" = "true"
    "--continuous-log-logGroup"          = aws_cloudwatch_log_group.this.name
    "--enable-glue-datacatalog"          = "true"
    "--extra-py-files"                   = "s3://${var.artifacts_bucket_name}/${var.glue_library_key}"

    # The job's own arguments (glue-scripts reads them with getResolvedOptions).
    "--dataset"            = each.key
    "--plan_uri"           = local.plan_uris[each.key]
    "--raw_database"       = var.raw_database_name
    "--raw_table"          = each.key
    "--processed_database" = var.processed_database_name
    "--processed_table"    = each.key
    "--processed_path"     = "s3://${var.processed_bucket_name}/${each.key}/"
    "--quarantine_path"    = "s3://${var.quarantine_bucket_name}/${each.key}/"
    "--run_summary_path"   = "s3://${var.processed_bucket_name}/_runs/${each.key}/"
  }

  # One run per dataset at a time: bookmarks are per job, and two runs would process the same objects.
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

  depends_on = [aws_iam_role_policy.this]
}
