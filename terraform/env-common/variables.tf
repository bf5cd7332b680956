variable "project" {
  type        = string
  description = "Project name: the first part of every resource name, <project>-<env>-<part>."
  default     = "socar-lake"
}

variable "region" {
  type        = string
  description = "AWS region of the lake. The original lake ran in ap-south-1 (Mumbai)."
  default     = "ap-south-1"
}

variable "offline_plan" {
  type        = bool
  description = "Plan with placeholder credentials and no AWS calls (the build's Plan target sets it)."
  default     = false
}

variable "lambda_packages" {
  type = map(object({
    s3_key           = string
    source_code_hash = string
  }))
  description = "Lambda zip per function in the artifacts bucket, written by the build's Upload step."
  default = {
    glue-trigger = { s3_key = "lambdas/glue-trigger.zip", source_code_hash = "" }
    etl-trigger  = { s3_key = "lambdas/etl-trigger.zip", source_code_hash = "" }
    ops-notifier = { s3_key = "lambdas/ops-notifier.zip", source_code_hash = "" }
  }
}

variable "glue_script_key" {
  type        = string
  description = "Key of the Glue ETL script in the artifacts bucket."
  default     = "glue/etl_job.py"
}

variable "glue_library_key" {
  type        = string
  description = "Key of the zipped lake_glue Python package (--extra-py-files) in the artifacts bucket."
  default     = "glue/lake_glue.zip"
}

variable "typing_plan_keys" {
  type        = map(string)
  description = "Key of each dataset's rendered Spark typing plan in the artifacts bucket; missing datasets use glue/plans/<dataset>.json."
  default     = {}
}

variable "notification_emails" {
  type        = list(string)
  description = "Email addresses that receive the lake's run reports and alarms (each confirms its subscription). Required where the environment's settings say so (prod) unless no_notification_recipients is set."
  default     = []

  validation {
    condition     = alltrue([for e in var.notification_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "Each entry of notification_emails must be an email address such as ops@example.com."
  }

  # Every alarm and run report goes to the ops topic; without a subscriber it reaches no one.
  validation {
    condition     = !local.settings.require_notification_recipients || length(var.notification_emails) > 0 || var.no_notification_recipients
    error_message = "This environment's alarms and run reports would reach no one: pass notification_emails (-var 'notification_emails=[\"data-ops@example.com\"]'), or set no_notification_recipients = true to say that someone subscribes to the ops topic another way."
  }
}

variable "no_notification_recipients" {
  type        = bool
  description = "Explicit opt-out: apply without notification_emails where the environment requires them (someone subscribes to the ops topic outside Terraform, such as a chat integration)."
  default     = false
}

variable "streamed_datasets" {
  type        = list(string)
  description = "Datasets fed by Kinesis + Firehose as well as by uploads; each must have a contract in datasets/."
  default     = ["rides"]

  validation {
    condition     = alltrue([for d in var.streamed_datasets : contains(keys(local.datasets), d)])
    error_message = "Each streamed dataset must have a contract, datasets/<name>.json."
  }
}

variable "ingest_max_receive_count" {
  type        = number
  description = "Times glue-trigger may fail on one raw object event before it moves to the ingest dead-letter queue: 1 to 1000."
  default     = 5
}

variable "orchestration_pacing" {
  type = object({
    job_waits_for_crawl        = optional(bool, true)
    min_crawl_interval_seconds = optional(number, 0)
    min_job_interval_seconds   = optional(number, 0)
  })
  description = "How often the reconciler starts work (README, lake simulate): job_waits_for_crawl = false takes the crawl off the job's path (runs cover every arrival; crawls only keep the raw catalog current); a crawl or job run starts at most once per interval (0 to 86400 s), the sweep starting what is held back. The defaults start work at once."
  default     = {}

  validation {
    condition     = alltrue([for s in [var.orchestration_pacing.min_crawl_interval_seconds, var.orchestration_pacing.min_job_interval_seconds] : s >= 0 && s <= 86400])
    error_message = "orchestration_pacing: min_crawl_interval_seconds and min_job_interval_seconds must be seconds from 0 to 86400."
  }
}

variable "quicksight" {
  type = object({
    enabled            = optional(bool, false)
    principal_arn      = optional(string)
    import_mode        = optional(string, "DIRECT_QUERY")
    spice_refresh_time = optional(string, "02:00")
  })
  description = "Optional QuickSight over the lake, for an account with a QuickSight subscription in the lake's region (README: the steps that stay manual). enabled = true builds an Athena data source on the lake's workgroup, a dataset per processed table and a dashboard of the demo's questions (queries/*.sql), readable by principal_arn (a QuickSight user or group ARN); import_mode DIRECT_QUERY (each view queries Athena) or SPICE (copied daily at spice_refresh_time, UTC)."
  default     = {}

  validation {
    condition     = !var.quicksight.enabled || can(regex("^arn:aws[a-z-]*:quicksight:[a-z0-9-]+:[0-9]{12}:(user|group)/[^/]+/.+$", var.quicksight.principal_arn))
    error_message = "quicksight.enabled needs quicksight.principal_arn, the ARN of the QuickSight user or group who reads the lake, such as arn:aws:quicksight:ap-south-1:111122223333:group/default/lake-readers."
  }

  validation {
    condition     = contains(["DIRECT_QUERY", "SPICE"], var.quicksight.import_mode)
    error_message = "quicksight.import_mode must be DIRECT_QUERY or SPICE."
  }
}

variable "console" {
  type = object({
    enabled            = optional(bool, false)
    memory_size        = optional(number, 512)
    auth_domain_prefix = optional(string)
  })
  description = "Optional lake console on AWS (issue 17): enabled = true deploys the console as a Native AOT Lambda (package \"console\", memory_size MB, 128 to 10240) behind an API Gateway HTTP API whose /api/* needs a token of a Cognito user pool (sign-in on Cognito's hosted page, <auth_domain_prefix>.auth.<region>.amazoncognito.com, default <project>-<env>-console, unique in the region). Its role only reads the lake and queries it in the lake's workgroup. People are added with `aws cognito-idp admin-create-user` (output console). The user pool has deletion protection: lift it before turning the console off again."
  default     = {}

  validation {
    condition     = var.console.memory_size >= 128 && var.console.memory_size <= 10240 && floor(var.console.memory_size) == var.console.memory_size
    error_message = "console.memory_size must be a whole number of MB from 128 to 10240 (Lambda's range)."
  }

  validation {
    condition     = var.console.auth_domain_prefix == null || can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", var.console.auth_domain_prefix))
    error_message = "console.auth_domain_prefix must be 1 to 63 lowercase letters, digits or hyphens, not starting or ending with a hyphen (Cognito's rule for domain prefixes)."
  }
}

variable "console_athena_price_per_tb_usd" {
  type        = number
  description = "USD per TB scanned that the console multiplies each query's billed bytes by to show its cost (LAKE_ATHENA_USD_PER_TB). 5.00 is Athena's price for SQL queries in most regions (Amazon Athena pricing, https://aws.amazon.com/athena/pricing/); set your region's, or null to show no cost at all (never a guess). A top-level variable, not part of console: null inside an optional attribute would become its default."
  default     = 5.00
  nullable    = true

  validation {
    condition     = var.console_athena_price_per_tb_usd == null || try(var.console_athena_price_per_tb_usd >= 0, false)
    error_message = "console_athena_price_per_tb_usd must be 0 or more USD per TB scanned, or null to hide the cost."
  }
}

variable "create_query_policy" {
  type        = bool
  description = "Create the managed policy <project>-<env>-query for whoever runs `lake query --aws` (output query_policy_arn). Where IAM is managed elsewhere set false and use the output query_policy, the same document."
  default     = true
}

variable "create_observe_policy" {
  type        = bool
  description = "Create the managed policy <project>-<env>-observe for whoever runs `lake status|runs|quarantine --aws` (output observe_policy_arn). Where IAM is managed elsewhere set false and use the output observe_policy."
  default     = true
}

variable "create_redrive_policy" {
  type        = bool
  description = "Create the managed policy <project>-<env>-redrive for whoever runs `lake redrive --aws` (output redrive_policy_arn). Where IAM is managed elsewhere set false and use the output redrive_policy."
  default     = true
}
