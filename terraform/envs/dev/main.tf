locals {
  environment = "dev"
  name_prefix = "${var.project}-${local.environment}"

  # The dataset contracts are the one source of truth: every per-dataset resource iterates over them.
  contract_files = [for f in fileset("${path.module}/../../../datasets", "*.json") : f if f != "contract.schema.json"]
  datasets       = { for f in local.contract_files : trimsuffix(f, ".json") => jsondecode(file("${path.module}/../../../datasets/${f}")) }

  tags = {
    project     = var.project
    environment = local.environment
    managed-by  = "terraform"
  }

  # What makes dev dev: cheap to throw away, short memory.
  settings = {
    force_destroy               = true
    kms_deletion_window_in_days = 7
    log_retention_in_days       = 14
    quarantine_expiration_days  = 30
    stream_retention_hours      = 24
    glue_number_of_workers      = 2
    glue_timeout_minutes        = 60
    bytes_scanned_cutoff        = 10 * 1024 * 1024 * 1024
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
