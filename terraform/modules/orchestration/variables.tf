variable "name_prefix" {
  type        = string
  description = "Prefix of every name, <project>-<env>; rules are <name_prefix>-crawler-finished, -job-finished, -crawler-failed and -sweep."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "crawler_name_prefix" {
  type        = string
  description = "Prefix of the lake's crawler names: only their state changes reach the reconciler."

  validation {
    condition     = length(var.crawler_name_prefix) > 0
    error_message = "crawler_name_prefix must not be empty: an empty prefix would match every crawler in the account."
  }
}

variable "job_name_prefix" {
  type        = string
  description = "Prefix of the lake's ETL job names: only their state changes are reported."

  validation {
    condition     = length(var.job_name_prefix) > 0
    error_message = "job_name_prefix must not be empty: an empty prefix would match every job in the account."
  }
}

variable "account_id" {
  type        = string
  description = "The lake's AWS account: the events key is administered through this account's IAM."
}

variable "etl_trigger_function_arn" {
  type        = string
  description = "ARN of the etl-trigger Lambda function, the reconciler that consumes the reconcile queue."
}

variable "etl_trigger_timeout_seconds" {
  type        = number
  description = "etl-trigger's timeout: the reconcile queue's visibility timeout is six times it."
}

variable "reconcile_max_receive_count" {
  type        = number
  description = "Failed reconciles of one event before it moves to the reconcile DLQ."
  default     = 5

  validation {
    condition     = var.reconcile_max_receive_count >= 1 && var.reconcile_max_receive_count <= 1000 && floor(var.reconcile_max_receive_count) == var.reconcile_max_receive_count
    error_message = "reconcile_max_receive_count must be a whole number from 1 to 1000 (SQS's range)."
  }
}

variable "sweep_minutes" {
  type        = number
  description = "Minutes between sweeps: the longest a lost Glue event can delay work."
  default     = 5

  validation {
    condition     = var.sweep_minutes >= 1 && var.sweep_minutes <= 60 && floor(var.sweep_minutes) == var.sweep_minutes
    error_message = "sweep_minutes must be a whole number from 1 to 60."
  }
}

variable "kms_deletion_window_in_days" {
  type        = number
  description = "Days before a deleted events key is gone: 7 to 30."
  default     = 30

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30
    error_message = "kms_deletion_window_in_days must be from 7 to 30 (KMS's range)."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the orchestration state table (on in prod)."
  default     = false
}

variable "ops_notifier_function_arn" {
  type        = string
  description = "ARN of the ops-notifier Lambda function (target of finished job runs and failed crawls)."
}

variable "ops_notifier_function_name" {
  type        = string
  description = "Name of the ops-notifier Lambda function, for its invoke permission."
}

variable "maximum_retry_attempts" {
  type        = number
  description = "Times EventBridge retries delivering an event to a target: 0 to 185."
  default     = 8

  validation {
    condition     = var.maximum_retry_attempts >= 0 && var.maximum_retry_attempts <= 185 && floor(var.maximum_retry_attempts) == var.maximum_retry_attempts
    error_message = "maximum_retry_attempts must be a whole number from 0 to 185 (EventBridge's range)."
  }
}

variable "maximum_event_age_in_seconds" {
  type        = number
  description = "Seconds EventBridge keeps retrying an event: 60 to 86400."
  default     = 3600

  validation {
    condition     = var.maximum_event_age_in_seconds >= 60 && var.maximum_event_age_in_seconds <= 86400
    error_message = "maximum_event_age_in_seconds must be from 60 to 86400 (EventBridge's range)."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "The lake key: it encrypts the orchestration state table."
}

variable "dead_letter_retention_seconds" {
  type        = number
  description = "Seconds the dead-letter queue keeps an undelivered event: 60 to 1209600 (14 days)."
  default     = 1209600

  validation {
    condition     = var.dead_letter_retention_seconds >= 60 && var.dead_letter_retention_seconds <= 1209600
    error_message = "dead_letter_retention_seconds must be from 60 to 1209600 (SQS's range)."
  }
}

variable "alarm_actions" {
  type        = list(string)
  description = "ARNs notified when a queue alarm fires or clears (for example the lake's SNS topic)."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
