terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 6.0"
    }
  }

  # Partial configuration: bucket, key and region come from backend.hcl (see backend.hcl.example).
  backend "s3" {}
}
