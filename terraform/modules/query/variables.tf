variable "name_prefix" {
  type        = string
  description = "Prefix of every name, <project>-<env>; the workgroup is <name_prefix>-analytics."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "athena_results_bucket_name" {
  type        = string
  description = "Bucket receiving query results (the athena-results zone)."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting query results (SSE_KMS)."
}

variable "processed_database_name" {
  type        = string
  description = "Glue database the saved queries read: the processed zone."
}

variable "datasets" {
  type = map(object({
    partition_columns = optional(list(string), [])
  }))
  description = "Datasets by name with the partition columns of their processed table (the contract's partitioning names): two saved queries each."

  validation {
    condition     = alltrue([for name, d in var.datasets : can(regex("^[a-z][a-z0-9_]{0,62}$", name)) && alltrue([for c in d.partition_columns : can(regex("^[a-z][a-z0-9_]*$", c))])])
    error_message = "Dataset and partition column names must be lowercase snake_case, as the contract schema requires."
  }
}

variable "bytes_scanned_cutoff_per_query" {
  type        = number
  description = "Bytes one query may scan before Athena cancels it: at least 10485760 (10 MB). Default 10 GiB."
  default     = 10737418240

  validation {
    condition     = var.bytes_scanned_cutoff_per_query >= 10485760
    error_message = "bytes_scanned_cutoff_per_query must be at least 10485760 (10 MB, Athena's minimum)."
  }
}

variable "latest_rows_limit" {
  type        = number
  description = "Rows the latest-rows saved query returns: 1 to 10000."
  default     = 100

  validation {
    condition     = var.latest_rows_limit >= 1 && var.latest_rows_limit <= 10000 && floor(var.latest_rows_limit) == var.latest_rows_limit
    error_message = "latest_rows_limit must be a whole number from 1 to 10000."
  }
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform delete the workgroup with its saved queries and query history (dev only)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
