variable "name_prefix" {
  type        = string
  description = "Prefix of every name, <project>-<env>; jobs are <name_prefix>-<dataset>."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "account_id" {
  type        = string
  description = "AWS account of the lake, for the Glue catalog and log group ARNs in the job role's policy."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "region" {
  type        = string
  description = "AWS region of the lake, for the Glue catalog and log group ARNs in the job role's policy."

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as ap-south-1."
  }
}

variable "datasets" {
  type        = set(string)
  description = "Dataset names from the contracts (datasets/*.json): one Glue job each."

  validation {
    condition     = alltrue([for name in var.datasets : can(regex("^[a-z][a-z0-9_]{0,62}$", name))])
    error_message = "Dataset names must match the contract schema: a lowercase letter, then up to 62 lowercase letters, digits or underscores."
  }
}

variable "artifacts_bucket_name" {
  type        = string
  description = "Artifacts bucket holding the Glue script, the lake_glue library and the typing plans."
}

variable "artifacts_bucket_arn" {
  type        = string
  description = "ARN of the artifacts bucket."
}

variable "raw_bucket_name" {
  type        = string
  description = "Raw zone bucket: the job reads the raw objects of committed runs under <dataset>/ (--raw_path)."
}

variable "raw_bucket_arn" {
  type        = string
  description = "ARN of the raw zone bucket the jobs read."
}

variable "processed_bucket_name" {
  type        = string
  description = "Processed zone bucket: Parquet under <dataset>/, run summaries under _runs/<dataset>/."
}

variable "processed_bucket_arn" {
  type        = string
  description = "ARN of the processed zone bucket."
}

variable "quarantine_bucket_name" {
  type        = string
  description = "Quarantine zone bucket: bad rows with their reason under <dataset>/."
}

variable "quarantine_bucket_arn" {
  type        = string
  description = "ARN of the quarantine zone bucket."
}

variable "kms_key_arn" {
  type        = string
  description = "The lake's KMS key: decrypts raw objects, encrypts output (--kms_key_arn) and the job log groups."
}

variable "processed_database_name" {
  type        = string
  description = "Glue database the jobs write the processed tables to."
}

variable "security_configuration_name" {
  type        = string
  description = "Glue security configuration of the jobs (SSE-KMS for S3, CloudWatch Logs, CSE-KMS for bookmarks)."
}

variable "glue_script_key" {
  type        = string
  description = "Key of the Glue ETL script in the artifacts bucket."

  validation {
    condition     = endswith(var.glue_script_key, ".py")
    error_message = "glue_script_key must name a .py script."
  }
}

variable "glue_library_key" {
  type        = string
  description = "Key of the zipped lake_glue Python package (--extra-py-files) in the artifacts bucket."

  validation {
    condition     = endswith(var.glue_library_key, ".zip") || endswith(var.glue_library_key, ".py")
    error_message = "glue_library_key must name a .zip (or .py) file, the forms --extra-py-files accepts."
  }
}

variable "typing_plan_keys" {
  type        = map(string)
  description = "Key of each dataset's rendered Spark typing plan in the artifacts bucket; missing datasets use glue/plans/<dataset>.json."
  default     = {}
}

variable "glue_version" {
  type        = string
  description = "Glue version of the jobs (Spark 3.5 and Python 3.11 on 5.0)."
  default     = "5.0"

  # The logging arguments (--custom-logGroup-prefix and the groups it names) are Glue 5.0's; 4.0 and
  # earlier log through the continuous-logging arguments instead, into groups this module does not create.
  validation {
    condition     = var.glue_version == "5.0"
    error_message = "glue_version must be 5.0: the module creates the log groups Glue 5.0 writes to (<prefix>/error and /output)."
  }
}

variable "number_of_workers" {
  type        = number
  description = "G.1X workers per run (4 vCPU, 16 GB each): 2 to 299."
  default     = 2

  validation {
    condition     = var.number_of_workers >= 2 && var.number_of_workers <= 299 && floor(var.number_of_workers) == var.number_of_workers
    error_message = "number_of_workers must be a whole number from 2 to 299."
  }
}

variable "timeout_minutes" {
  type        = number
  description = "Minutes a run may take before Glue stops it (TIMEOUT): 1 to 2880."
  default     = 60

  validation {
    condition     = var.timeout_minutes >= 1 && var.timeout_minutes <= 2880
    error_message = "timeout_minutes must be from 1 to 2880 (48 hours)."
  }
}

variable "log_retention_in_days" {
  type        = number
  description = "Days the jobs' log groups (error and output) keep events; one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
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
