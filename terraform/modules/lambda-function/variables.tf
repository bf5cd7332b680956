variable "function_name" {
  type        = string
  description = "Function name, <project>-<env>-<function>; also the name of its role and the suffix of its log group. Lambda allows 1 to 64 letters, digits, hyphens and underscores."

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1 to 64 letters, digits, hyphens or underscores (Lambda's and IAM's limit)."
  }
}

variable "description" {
  type        = string
  description = "What the function does (at most 256 characters)."
  default     = ""

  validation {
    condition     = length(var.description) <= 256
    error_message = "description must be at most 256 characters."
  }
}

variable "s3_bucket" {
  type        = string
  description = "Bucket holding the function's zip: the lake's artifacts bucket."
}

variable "s3_key" {
  type        = string
  description = "Key of the function's zip in s3_bucket, written by the build's Upload step."

  validation {
    condition     = endswith(var.s3_key, ".zip")
    error_message = "s3_key must name a .zip package."
  }
}

variable "source_code_hash" {
  type        = string
  description = "Base64 SHA-256 of the zip, so a new package redeploys the function; empty when not known (offline plan)."
  default     = ""
}

variable "timeout" {
  type        = number
  description = "Seconds one invocation may run: 1 to 900."
  default     = 30

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds from 1 to 900 (Lambda's maximum)."
  }
}

variable "memory_size" {
  type        = number
  description = "Memory in MB: 128 to 10240; CPU grows with it."
  default     = 256

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB from 128 to 10240."
  }
}

variable "reserved_concurrent_executions" {
  type        = number
  description = "Concurrency reserved for the function; -1 leaves it unreserved."
  default     = -1

  validation {
    condition     = var.reserved_concurrent_executions >= -1 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions
    error_message = "reserved_concurrent_executions must be -1 (unreserved) or a whole number of executions."
  }
}

variable "environment_variables" {
  type        = map(string)
  description = "Environment variables the function reads at start. Names start with a letter; Lambda reserves AWS_* and _HANDLER-style names."
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.environment_variables) : can(regex("^[A-Za-z][A-Za-z0-9_]*$", k)) && !startswith(k, "AWS_")])
    error_message = "Environment variable names must start with a letter, use only letters, digits and underscores, and not start with AWS_ (reserved by Lambda)."
  }
}

variable "policy_statements" {
  type = list(object({
    sid       = optional(string)
    effect    = optional(string, "Allow")
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  description = "The IAM statements of the function's role, exactly; the module adds only writing to the function's own log group."
  default     = []

  validation {
    condition     = alltrue([for s in var.policy_statements : contains(["Allow", "Deny"], s.effect)])
    error_message = "Each statement's effect must be Allow or Deny."
  }

  validation {
    condition     = alltrue([for s in var.policy_statements : length(s.actions) > 0 && length(s.resources) > 0])
    error_message = "Each statement needs at least one action and one resource."
  }

  validation {
    condition     = alltrue([for s in var.policy_statements : !contains(s.actions, "*") && !anytrue([for a in s.actions : endswith(a, ":*")])])
    error_message = "Statements must name their actions: \"*\" and \"<service>:*\" are refused."
  }

  validation {
    condition     = alltrue([for s in var.policy_statements : s.sid == null || can(regex("^[A-Za-z0-9]+$", s.sid))])
    error_message = "A statement sid may contain only letters and digits (IAM's rule)."
  }
}

variable "log_retention_in_days" {
  type        = number
  description = "Days the function's log group keeps events; one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "log_kms_key_arn" {
  type        = string
  description = "KMS key ARN encrypting the log group; null for CloudWatch Logs' own encryption. The key policy must allow logs.<region>.amazonaws.com."
  default     = null
}

variable "alarm_actions" {
  type        = list(string)
  description = "ARNs notified when the error alarm fires or clears (for example the lake's SNS topic)."
  default     = []
}

variable "alarm_period_seconds" {
  type        = number
  description = "Seconds over which errors are summed before the alarm compares them with 0: 60 or a multiple of 60."
  default     = 300

  validation {
    condition     = var.alarm_period_seconds >= 60 && var.alarm_period_seconds % 60 == 0
    error_message = "alarm_period_seconds must be 60 or a multiple of 60."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
