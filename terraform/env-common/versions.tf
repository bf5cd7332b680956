terraform {
  # backend.hcl sets use_lockfile (S3 native state locking): experimental in 1.10, generally available in
  # 1.11 (Terraform's v1.10 and v1.11 upgrade guides). An older Terraform would reject the argument.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 6.0"
    }
  }

  # Partial configuration: bucket, key and region come from backend.hcl (see backend.hcl.example).
  backend "s3" {}
}
