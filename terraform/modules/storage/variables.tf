variable "name_prefix" {
  type        = string
  description = "Prefix of every bucket name, <project>-<env>; buckets are <name_prefix>-<zone>-<account>-<region>, at most 63 characters, so at most 20."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,19}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 20 lowercase letters, digits or hyphens, starting with a letter or digit: bucket names add -<zone>-<account>-<region> (up to 43 characters) within S3's 63."
  }
}

variable "raw_transition_days" {
  type        = number
  description = "Days after which raw objects move to S3 Standard-IA (at least 30, S3's minimum for that class)."
  default     = 30

  validation {
    condition     = var.raw_transition_days >= 30
    error_message = "raw_transition_days must be at least 30: S3 refuses earlier transitions to STANDARD_IA."
  }
}

variable "quarantine_expiration_days" {
  type        = number
  description = "Days quarantined rows are kept before they expire (at least 1)."
  default     = 90

  validation {
    condition     = var.quarantine_expiration_days >= 1 && floor(var.quarantine_expiration_days) == var.quarantine_expiration_days
    error_message = "quarantine_expiration_days must be a whole number of days, at least 1."
  }
}

variable "query_results_expiration_days" {
  type        = number
  description = "Days Athena query results are kept before they expire (at least 1)."
  default     = 7

  validation {
    condition     = var.query_results_expiration_days >= 1 && floor(var.query_results_expiration_days) == var.query_results_expiration_days
    error_message = "query_results_expiration_days must be a whole number of days, at least 1."
  }
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Days an overwritten or deleted object version is kept in the raw, processed and artifacts zones (at least 1)."
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number of days, at least 1."
  }
}

variable "access_log_expiration_days" {
  type        = number
  description = "Days S3 server access logs are kept (at least 1)."
  default     = 365

  validation {
    condition     = var.access_log_expiration_days >= 1 && floor(var.access_log_expiration_days) == var.access_log_expiration_days
    error_message = "access_log_expiration_days must be a whole number of days, at least 1."
  }
}

variable "kms_deletion_window_in_days" {
  type        = number
  description = "Days a scheduled deletion of the lake's KMS key waits before the key (and every object it encrypts) is gone: 7 to 30."
  default     = 30

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30
    error_message = "kms_deletion_window_in_days must be between 7 and 30 (the range AWS KMS accepts)."
  }
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform destroy non-empty buckets (dev environments only)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}

variable "placeholder_account_id" {
  type        = string
  description = "Only for an offline plan (no AWS account): the account id to name things with instead of the one in the lake key's ARN, which an offline plan cannot know. Null otherwise."
  default     = null

  validation {
    condition     = var.placeholder_account_id == null || can(regex("^[0-9]{12}$", var.placeholder_account_id))
    error_message = "placeholder_account_id must be 12 digits, or null."
  }
}

variable "placeholder_region" {
  type        = string
  description = "Only for an offline plan: the region to name things with instead of the one in the lake key's ARN. Null otherwise."
  default     = null
}
