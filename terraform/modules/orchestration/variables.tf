variable "name_prefix" {
  type        = string
  description = "Prefix of every name, <project>-<env>; rules are <name_prefix>-crawler-succeeded and <name_prefix>-job-finished."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "crawler_name_prefix" {
  type        = string
  description = "Prefix of the lake's crawler names: only their state changes start ETL jobs."

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

variable "etl_trigger_function_arn" {
  type        = string
  description = "ARN of the etl-trigger Lambda function (target of crawler successes)."
}

variable "etl_trigger_function_name" {
  type        = string
  description = "Name of the etl-trigger Lambda function, for its invoke permission."
}

variable "ops_notifier_function_arn" {
  type        = string
  description = "ARN of the ops-notifier Lambda function (target of finished job runs)."
}

variable "ops_notifier_function_name" {
  type        = string
  description = "Name of the ops-notifier Lambda function, for its invoke permission."
}

variable "maximum_retry_attempts" {
  type        = number
  description = "Times EventBridge retries delivering an event to a function: 0 to 185."
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
  description = "KMS key encrypting the dead-letter queue; its key policy must let events.amazonaws.com generate data keys."
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
  description = "ARNs notified when the dead-letter queue alarm fires or clears (for example the lake's SNS topic)."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
