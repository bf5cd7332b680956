# Shared by every environment (linked as envs/<env>/main.tf); environment.tf sets local.environment and
# local.settings.
locals {
  name_prefix = "${var.project}-${local.environment}"

  # The dataset contracts are the one source of truth: every per-dataset resource iterates over them.
  contract_files = [for f in fileset("${path.module}/../../../datasets", "*.json") : f if f != "contract.schema.json"]
  datasets       = { for f in local.contract_files : trimsuffix(f, ".json") => jsondecode(file("${path.module}/../../../datasets/${f}")) }

  tags = {
    project     = var.project
    environment = local.environment
    managed-by  = "terraform"
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
