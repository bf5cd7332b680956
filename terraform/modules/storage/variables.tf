variable "name_prefix" {
  type        = string
  description = "Prefix of every bucket name, <project>-<env>. Bucket names are global: 3 to 63 lowercase characters in all."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
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
  description = "Days quarantined rows are kept before they expire."
  default     = 90
}

variable "query_results_expiration_days" {
  type        = number
  description = "Days Athena query results are kept before they expire."
  default     = 7
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
