variable "name_prefix" {
  type        = string
  description = "Prefix of every name, <project>-<env>; the queues are <name_prefix>-ingest and <name_prefix>-ingest-dlq (SQS allows 80 characters)."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "account_id" {
  type        = string
  description = "AWS account of the lake: only S3 events from this account may reach the queue (aws:SourceAccount)."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "raw_bucket_name" {
  type        = string
  description = "Name of the raw zone bucket whose ObjectCreated events feed the queue."
}

variable "raw_bucket_arn" {
  type        = string
  description = "ARN of the raw zone bucket: the only aws:SourceArn allowed to send to the queue."
}

variable "filter_prefix" {
  type        = string
  description = "Only raw keys starting with this prefix are queued; empty queues every object (glue-trigger rejects unknown datasets itself)."
  default     = ""
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting both queues; its key policy must let s3.amazonaws.com generate data keys."
}

variable "kms_data_key_reuse_period_seconds" {
  type        = number
  description = "Seconds SQS reuses a data key before calling KMS again: 60 to 86400."
  default     = 300

  validation {
    condition     = var.kms_data_key_reuse_period_seconds >= 60 && var.kms_data_key_reuse_period_seconds <= 86400
    error_message = "kms_data_key_reuse_period_seconds must be from 60 to 86400."
  }
}

variable "function_arn" {
  type        = string
  description = "ARN of the glue-trigger Lambda function the queue invokes."
}

variable "lambda_timeout_seconds" {
  type        = number
  description = "Timeout of the glue-trigger function, 1 to 900 s; the queue's visibility timeout is six times this plus the batching window."

  validation {
    condition     = var.lambda_timeout_seconds >= 1 && var.lambda_timeout_seconds <= 900
    error_message = "lambda_timeout_seconds must be from 1 to 900 (Lambda's range)."
  }
}

variable "max_receive_count" {
  type        = number
  description = "Receives of one message before SQS moves it to the dead-letter queue: 1 to 1000."
  default     = 5

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000 && floor(var.max_receive_count) == var.max_receive_count
    error_message = "max_receive_count must be a whole number from 1 to 1000 (SQS's range)."
  }
}

variable "batch_size" {
  type        = number
  description = "Messages per invocation: 1 to 10000 (more than 10 needs a batching window of at least 1 s)."
  default     = 10

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000
    error_message = "batch_size must be from 1 to 10000."
  }
}

variable "maximum_batching_window_in_seconds" {
  type        = number
  description = "Seconds Lambda may wait to fill a batch: 0 to 300."
  default     = 0

  validation {
    condition     = var.maximum_batching_window_in_seconds >= 0 && var.maximum_batching_window_in_seconds <= 300
    error_message = "maximum_batching_window_in_seconds must be from 0 to 300."
  }

  validation {
    condition     = var.batch_size <= 10 || var.maximum_batching_window_in_seconds >= 1
    error_message = "A batch_size above 10 needs maximum_batching_window_in_seconds of at least 1 (Lambda's rule for SQS)."
  }
}

variable "maximum_concurrency" {
  type        = number
  description = "Most concurrent glue-trigger invocations the queue drives: 2 to 1000. Crawlers run one at a time anyway."
  default     = 2

  validation {
    condition     = var.maximum_concurrency >= 2 && var.maximum_concurrency <= 1000
    error_message = "maximum_concurrency must be from 2 to 1000 (Lambda's range for SQS sources)."
  }
}

variable "message_retention_seconds" {
  type        = number
  description = "Seconds the ingest queue keeps a message: 60 to 1209600 (14 days)."
  default     = 345600

  validation {
    condition     = var.message_retention_seconds >= 60 && var.message_retention_seconds <= 1209600
    error_message = "message_retention_seconds must be from 60 to 1209600 (SQS's range)."
  }
}

variable "dead_letter_retention_seconds" {
  type        = number
  description = "Seconds the dead-letter queue keeps a message: 60 to 1209600 (14 days). Keep it longer than the ingest queue's."
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
