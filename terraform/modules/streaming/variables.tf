variable "name_prefix" {
  type        = string
  description = "Prefix of every name, <project>-<env>; streams and delivery streams are <name_prefix>-<dataset>."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "account_id" {
  type        = string
  description = "AWS account of the lake: Firehose may assume the roles only for this account (sts:ExternalId)."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "datasets" {
  type        = list(string)
  description = "Datasets fed by a stream: one Kinesis Data Stream and one Firehose delivery stream each. Each must have a contract."
  default     = ["rides"]

  validation {
    condition     = alltrue([for name in var.datasets : can(regex("^[a-z][a-z0-9_]{0,62}$", name))])
    error_message = "Dataset names must match the contract schema: a lowercase letter, then up to 62 lowercase letters, digits or underscores."
  }

  validation {
    condition     = length(distinct(var.datasets)) == length(var.datasets)
    error_message = "datasets must not list a dataset twice."
  }
}

variable "raw_bucket_arn" {
  type        = string
  description = "ARN of the raw zone bucket Firehose delivers to."
}

variable "kms_key_arn" {
  type        = string
  description = "The lake's KMS key: encrypts the streams and the objects Firehose writes."
}

variable "log_kms_key_arn" {
  type        = string
  description = "KMS key encrypting the delivery log groups; null for CloudWatch Logs' own encryption."
  default     = null
}

variable "retention_period_hours" {
  type        = number
  description = "Hours a Kinesis stream keeps records: 24 to 8760."
  default     = 24

  validation {
    condition     = var.retention_period_hours >= 24 && var.retention_period_hours <= 8760
    error_message = "retention_period_hours must be from 24 to 8760 (Kinesis's range)."
  }
}

variable "buffering_size" {
  type        = number
  description = "MB Firehose buffers before writing an object: 1 to 128."
  default     = 5

  validation {
    condition     = var.buffering_size >= 1 && var.buffering_size <= 128
    error_message = "buffering_size must be from 1 to 128 MB (Firehose's range for S3)."
  }
}

variable "buffering_interval" {
  type        = number
  description = "Seconds Firehose buffers before writing an object: 0 to 900."
  default     = 60

  validation {
    condition     = var.buffering_interval >= 0 && var.buffering_interval <= 900
    error_message = "buffering_interval must be from 0 to 900 seconds (Firehose's range)."
  }
}

variable "append_newline" {
  type        = bool
  description = "Append a newline to every record, so producers send bare JSON objects and the raw objects are JSON lines."
  default     = true
}

variable "log_retention_in_days" {
  type        = number
  description = "Days the delivery log groups keep events; one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
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
