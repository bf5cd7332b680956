variable "project" {
  type        = string
  description = "Project name: the first part of every resource name, <project>-<env>-<part>."
  default     = "socar-lake"
}

variable "region" {
  type        = string
  description = "AWS region of the lake. The original lake ran in ap-south-1 (Mumbai)."
  default     = "ap-south-1"
}

variable "offline_plan" {
  type        = bool
  description = "Plan with placeholder credentials and no AWS calls (the build's Plan target sets it)."
  default     = false
}

variable "lambda_packages" {
  type = map(object({
    s3_key           = string
    source_code_hash = string
  }))
  description = "Lambda zip per function in the artifacts bucket, written by the build's Upload step."
  default = {
    glue-trigger = { s3_key = "lambdas/glue-trigger.zip", source_code_hash = "" }
    etl-trigger  = { s3_key = "lambdas/etl-trigger.zip", source_code_hash = "" }
    ops-notifier = { s3_key = "lambdas/ops-notifier.zip", source_code_hash = "" }
  }
}

variable "glue_script_key" {
  type        = string
  description = "Key of the Glue ETL script in the artifacts bucket."
  default     = "glue/etl_job.py"
}

variable "glue_library_key" {
  type        = string
  description = "Key of the zipped lake_glue Python package (--extra-py-files) in the artifacts bucket."
  default     = "glue/lake_glue.zip"
}

variable "typing_plan_keys" {
  type        = map(string)
  description = "Key of each dataset's rendered Spark typing plan in the artifacts bucket; missing datasets use glue/plans/<dataset>.json."
  default     = {}
}
