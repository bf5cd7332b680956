variable "name_prefix" {
  type        = string
  description = "Prefix of every name, <project>-<env>; crawlers are <name_prefix>-<dataset>, databases <name_prefix with _>_raw and _processed."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "account_id" {
  type        = string
  description = "AWS account of the lake, for the Glue catalog and log group ARNs in the crawler's policy."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "region" {
  type        = string
  description = "AWS region of the lake, for the Glue catalog and log group ARNs in the crawler's policy."

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as ap-south-1."
  }
}

variable "datasets" {
  type = map(object({
    format      = string
    delimiter   = optional(string, ",")
    header      = optional(bool, true)
    description = optional(string, "")
    columns     = optional(list(object({ name = string, type = string })), [])
    partitions  = optional(list(object({ name = string, type = string })), [])
  }))
  description = "Datasets from the contracts (datasets/*.json), by name: format csv or jsonl, the CSV delimiter and header; the processed table's columns and partition keys with their Hive types. One crawler and one processed table each."

  validation {
    condition     = alltrue([for name, d in var.datasets : can(regex("^[a-z][a-z0-9_]{0,62}$", name))])
    error_message = "Dataset names must match the contract schema: a lowercase letter, then up to 62 lowercase letters, digits or underscores."
  }

  validation {
    condition     = alltrue([for d in values(var.datasets) : contains(["csv", "jsonl"], d.format)])
    error_message = "Each dataset's format must be csv or jsonl."
  }

  validation {
    condition     = alltrue([for d in values(var.datasets) : length(d.delimiter) == 1])
    error_message = "A CSV delimiter must be exactly one character."
  }
}

variable "raw_bucket_name" {
  type        = string
  description = "Raw zone bucket: each crawler reads s3://<raw_bucket_name>/<dataset>/."
}

variable "processed_bucket_name" {
  type        = string
  description = "Processed zone bucket: each dataset's table is at s3://<processed_bucket_name>/<dataset>/."
}

variable "raw_bucket_arn" {
  type        = string
  description = "ARN of the raw zone bucket, for the crawler's read access."
}

variable "kms_key_arn" {
  type        = string
  description = "The lake's KMS key: decrypts raw objects and encrypts crawler/job logs, bookmarks and S3 output (security configuration)."
}

variable "recrawl_behavior" {
  type        = string
  description = "CRAWL_NEW_FOLDERS_ONLY (incremental: new ingest_date partitions) or CRAWL_EVERYTHING."
  default     = "CRAWL_NEW_FOLDERS_ONLY"

  validation {
    condition     = contains(["CRAWL_NEW_FOLDERS_ONLY", "CRAWL_EVERYTHING"], var.recrawl_behavior)
    error_message = "recrawl_behavior must be CRAWL_NEW_FOLDERS_ONLY or CRAWL_EVERYTHING."
  }
}

variable "schema_update_behavior" {
  type        = string
  description = "What a crawler does when a raw schema drifts: LOG (record it, keep the table) or UPDATE_IN_DATABASE. Incremental crawls allow only LOG."
  default     = "LOG"

  validation {
    condition     = contains(["LOG", "UPDATE_IN_DATABASE"], var.schema_update_behavior)
    error_message = "schema_update_behavior must be LOG or UPDATE_IN_DATABASE."
  }

  validation {
    condition     = var.recrawl_behavior != "CRAWL_NEW_FOLDERS_ONLY" || var.schema_update_behavior == "LOG"
    error_message = "With recrawl_behavior CRAWL_NEW_FOLDERS_ONLY, Glue accepts only schema_update_behavior LOG; use CRAWL_EVERYTHING to update tables in place."
  }
}

variable "log_retention_in_days" {
  type        = number
  description = "Days the crawlers' log group keeps events; one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
