# The lake, composed: each module is one part of the architecture; outputs of one feed inputs of the next.
# Every environment links this file (envs/<env>/lake.tf -> env-common/lake.tf); only main.tf differs.

locals {
  # The key's ARN names the account: no STS call, so an offline plan needs no credentials. An offline plan
  # has no key yet and names everything with a placeholder account, so its JSON shows real names.
  offline_account_id = "000000000000"
  account_id         = var.offline_plan ? local.offline_account_id : split(":", module.storage.kms_key_arn)[4]

  # The build may upload only some functions: the others keep their default package key.
  lambda_packages = merge(
    { for fn in ["glue-trigger", "etl-trigger", "ops-notifier", "console"] : fn => { s3_key = "lambdas/${fn}.zip", source_code_hash = "" } },
    var.lambda_packages,
  )

  lambda_timeout_seconds = 30
}

module "storage" {
  source = "../../modules/storage"

  name_prefix                 = local.name_prefix
  force_destroy               = local.settings.force_destroy
  kms_deletion_window_in_days = local.settings.kms_deletion_window_in_days
  quarantine_expiration_days  = local.settings.quarantine_expiration_days
  placeholder_account_id      = var.offline_plan ? local.offline_account_id : null
  placeholder_region          = var.offline_plan ? var.region : null
  tags                        = local.tags
}

module "notifications" {
  source = "../../modules/notifications"

  name_prefix         = local.name_prefix
  account_id          = local.account_id
  kms_key_arn         = module.storage.kms_key_arn
  email_addresses     = var.notification_emails
  publisher_role_arns = [module.ops_notifier.role_arn]
  tags                = local.tags
}

module "ingestion" {
  source = "../../modules/ingestion"

  name_prefix            = local.name_prefix
  account_id             = local.account_id
  raw_bucket_name        = module.storage.bucket_names["raw"]
  raw_bucket_arn         = module.storage.bucket_arns["raw"]
  kms_key_arn            = module.storage.kms_key_arn
  function_arn           = module.glue_trigger.function_arn
  lambda_timeout_seconds = local.lambda_timeout_seconds
  max_receive_count      = var.ingest_max_receive_count
  alarm_actions          = [module.notifications.topic_arn]
  tags                   = local.tags
}

module "catalog" {
  source = "../../modules/catalog"

  name_prefix           = local.name_prefix
  account_id            = local.account_id
  region                = var.region
  raw_bucket_name       = module.storage.bucket_names["raw"]
  raw_bucket_arn        = module.storage.bucket_arns["raw"]
  processed_bucket_name = module.storage.bucket_names["processed"]
  kms_key_arn           = module.storage.kms_key_arn
  datasets = {
    for name, d in local.datasets : name => {
      format      = d.format.type
      delimiter   = try(d.format.delimiter, ",")
      header      = try(d.format.header, true)
      description = try(d.description, "")
      # Contract types are Hive's (int, bigint, double, decimal(p,s), boolean, date, timestamp, string).
      columns = [for c in d.columns : { name = c.name, type = c.type }]
      # year() and month() give INT; a day is 'yyyy-MM-dd' text; identity keeps the column's type.
      partitions = [for p in try(d.partitioning, []) : {
        name = p.name
        type = contains(["year", "month"], p.transform) ? "int" : p.transform == "day" ? "string" : one([for c in d.columns : c.type if c.name == p.column])
      }]
    }
  }
  log_retention_in_days = local.settings.log_retention_in_days
  tags                  = local.tags
}

module "etl" {
  source = "../../modules/etl"

  name_prefix                 = local.name_prefix
  account_id                  = local.account_id
  region                      = var.region
  datasets                    = keys(local.datasets)
  artifacts_bucket_name       = module.storage.bucket_names["artifacts"]
  artifacts_bucket_arn        = module.storage.bucket_arns["artifacts"]
  raw_bucket_name             = module.storage.bucket_names["raw"]
  raw_bucket_arn              = module.storage.bucket_arns["raw"]
  processed_bucket_name       = module.storage.bucket_names["processed"]
  processed_bucket_arn        = module.storage.bucket_arns["processed"]
  quarantine_bucket_name      = module.storage.bucket_names["quarantine"]
  quarantine_bucket_arn       = module.storage.bucket_arns["quarantine"]
  kms_key_arn                 = module.storage.kms_key_arn
  processed_database_name     = module.catalog.processed_database_name
  security_configuration_name = module.catalog.security_configuration_name
  glue_script_key             = var.glue_script_key
  glue_library_key            = var.glue_library_key
  typing_plan_keys            = var.typing_plan_keys
  number_of_workers           = local.settings.glue_number_of_workers
  timeout_minutes             = local.settings.glue_timeout_minutes
  log_retention_in_days       = local.settings.log_retention_in_days
  tags                        = local.tags
}

module "orchestration" {
  source = "../../modules/orchestration"

  name_prefix                 = local.name_prefix
  account_id                  = local.account_id
  crawler_name_prefix         = module.catalog.crawler_name_prefix
  job_name_prefix             = module.etl.job_name_prefix
  etl_trigger_function_arn    = module.etl_trigger.function_arn
  etl_trigger_timeout_seconds = local.lambda_timeout_seconds
  ops_notifier_function_arn   = module.ops_notifier.function_arn
  ops_notifier_function_name  = module.ops_notifier.function_name
  kms_key_arn                 = module.storage.kms_key_arn
  kms_deletion_window_in_days = local.settings.kms_deletion_window_in_days
  deletion_protection         = local.settings.deletion_protection
  alarm_actions               = [module.notifications.topic_arn]
  tags                        = local.tags
}

module "streaming" {
  source = "../../modules/streaming"

  name_prefix            = local.name_prefix
  account_id             = local.account_id
  datasets               = var.streamed_datasets
  raw_bucket_arn         = module.storage.bucket_arns["raw"]
  kms_key_arn            = module.storage.kms_key_arn
  log_kms_key_arn        = module.storage.kms_key_arn
  retention_period_hours = local.settings.stream_retention_hours
  log_retention_in_days  = local.settings.log_retention_in_days
  tags                   = local.tags
}

module "query" {
  source = "../../modules/query"

  name_prefix                    = local.name_prefix
  athena_results_bucket_name     = module.storage.bucket_names["athena-results"]
  kms_key_arn                    = module.storage.kms_key_arn
  processed_database_name        = module.catalog.processed_database_name
  bytes_scanned_cutoff_per_query = local.settings.bytes_scanned_cutoff
  force_destroy                  = local.settings.force_destroy
  datasets = {
    for name, d in local.datasets : name => { partition_columns = [for p in try(d.partitioning, []) : p.name] }
  }
  tags = local.tags
}
