mock_provider "aws" {}

variables {
  name_prefix = "socar-lake-test"
}

run "every_zone_has_a_bucket_named_after_it" {
  command = plan

  assert {
    condition     = toset(keys(aws_s3_bucket.zone)) == toset(["raw", "processed", "quarantine", "artifacts", "athena-results"])
    error_message = "The storage module must create exactly the raw, processed, quarantine, artifacts and athena-results buckets."
  }

  assert {
    condition     = aws_s3_bucket.zone["raw"].bucket == "socar-lake-test-raw"
    error_message = "Bucket names must be <name_prefix>-<zone>."
  }
}

run "zones_are_encrypted_with_the_lake_key_and_bucket_keys" {
  command = plan

  assert {
    condition = alltrue([
      for k, c in aws_s3_bucket_server_side_encryption_configuration.zone :
      one(c.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "aws:kms" && one(c.rule).bucket_key_enabled
    ])
    error_message = "Every zone bucket must default to SSE-KMS with a bucket key."
  }

  assert {
    condition     = aws_kms_key.this.enable_key_rotation
    error_message = "The lake's KMS key must rotate."
  }

  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.access_logs.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "AES256"
    error_message = "The access-log bucket must be encrypted (SSE-S3: S3 log delivery cannot use a customer KMS key)."
  }
}

run "no_bucket_is_public_and_all_require_tls" {
  command = plan

  assert {
    condition     = length(aws_s3_bucket_public_access_block.this) == 6
    error_message = "All six buckets (five zones + access logs) need a public access block."
  }

  assert {
    condition = alltrue([
      for k, b in aws_s3_bucket_public_access_block.this :
      b.block_public_acls && b.block_public_policy && b.ignore_public_acls && b.restrict_public_buckets
    ])
    error_message = "Every public access block setting must be on for every bucket."
  }

  assert {
    condition = alltrue([
      for k, d in data.aws_iam_policy_document.tls_only :
      anytrue([for s in d.statement : s.effect == "Deny" && anytrue([for c in s.condition : c.variable == "aws:SecureTransport" && contains(c.values, "false")])])
    ])
    error_message = "Every bucket policy must deny requests without TLS (aws:SecureTransport = false)."
  }

  assert {
    condition     = length(aws_s3_bucket_policy.this) == 6
    error_message = "Every bucket needs its TLS-only bucket policy attached."
  }
}

run "versioning_and_lifecycle" {
  command = plan

  assert {
    condition     = alltrue([for k, v in aws_s3_bucket_versioning.this : v.versioning_configuration[0].status == "Enabled"])
    error_message = "Versioning must be enabled on every bucket."
  }

  assert {
    condition     = anytrue([for r in aws_s3_bucket_lifecycle_configuration.zone["raw"].rule : r.id == "to-infrequent-access"])
    error_message = "Raw objects must move to cheaper storage."
  }

  assert {
    condition = alltrue([
      for zone in ["quarantine", "athena-results"] :
      anytrue([for r in aws_s3_bucket_lifecycle_configuration.zone[zone].rule : r.id == "expire"])
    ])
    error_message = "Quarantine and query results must expire."
  }
}

run "raw_transition_below_the_s3_minimum_is_refused" {
  command = plan

  variables {
    raw_transition_days = 7
  }

  expect_failures = [var.raw_transition_days]
}
