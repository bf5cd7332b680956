locals {
  environment = "prod"
  name_prefix = "${var.project}-${local.environment}"

  # The dataset contracts are the one source of truth: every per-dataset resource iterates over them.
  contract_files = [for f in fileset("${path.module}/../../../datasets", "*.json") : f if f != "contract.schema.json"]
  datasets       = { for f in local.contract_files : trimsuffix(f, ".json") => jsondecode(file("${path.module}/../../../datasets/${f}")) }

  tags = {
    project     = var.project
    environment = local.environment
    managed-by  = "terraform"
  }

  # What makes prod prod: nothing is destroyed by accident, and the lake remembers longer.
  settings = {
    force_destroy               = false
    kms_deletion_window_in_days = 30
    log_retention_in_days       = 365
    quarantine_expiration_days  = 180
    stream_retention_hours      = 168
    glue_number_of_workers      = 4
    glue_timeout_minutes        = 180
    bytes_scanned_cutoff        = 100 * 1024 * 1024 * 1024
  }
}

provider "aws" {
  region = var.region

  skip_credentials_validation = var.offline_plan
  skip_requesting_account_id  = var.offline_plan
  skip_metadata_api_check     = var.offline_plan
  skip_region_validation      = var.offline_plan

  default_tags {
    tags = local.tags
  }
}
