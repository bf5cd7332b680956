mock_provider "aws" {}

# The key's ARN tells the module its partition, region and account; mocks would return a random string.
override_resource {
  target = aws_kms_key.this
  values = {
    arn    = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
    key_id = "11111111-2222-3333-4444-555555555555"
  }
}

variables {
  name_prefix = "socar-lake-test"
}

run "every_zone_has_a_bucket_named_after_it" {
  # Bucket names carry the account and region, read from the key ARN that only the mocked apply knows.
  command = apply

  assert {
    condition     = toset(keys(aws_s3_bucket.zone)) == toset(["raw", "processed", "quarantine", "artifacts", "athena-results"])
    error_message = "The storage module must create exactly the raw, processed, quarantine, artifacts and athena-results buckets."
  }

  assert {
    condition     = aws_s3_bucket.zone["raw"].bucket == "socar-lake-test-raw-111122223333-ap-south-1" && aws_s3_bucket.access_logs.bucket == "socar-lake-test-access-logs-111122223333-ap-south-1"
    error_message = "Bucket names must be <name_prefix>-<zone>-<account>-<region>: names are global, and the account and region keep another account's bucket from taking ours."
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

  assert {
    condition = alltrue([
      for zone in ["raw", "processed", "artifacts"] :
      anytrue([for r in aws_s3_bucket_lifecycle_configuration.zone[zone].rule : r.id == "expire-noncurrent-versions"])
    ])
    error_message = "Zones that never expire must still expire overwritten object versions."
  }

  assert {
    condition     = one(aws_s3_bucket_lifecycle_configuration.access_logs.rule).expiration[0].days == 365
    error_message = "Access logs must expire (default 365 days)."
  }
}

run "raw_transition_below_the_s3_minimum_is_refused" {
  command = plan

  variables {
    raw_transition_days = 7
  }

  expect_failures = [var.raw_transition_days]
}

run "bucket_policies_deny_plain_http" {
  command = apply

  assert {
    condition = alltrue([
      for k, p in aws_s3_bucket_policy.this :
      anytrue([
        for s in jsondecode(p.policy).Statement :
        s.Effect == "Deny" && s.Principal == "*" && s.Action == "s3:*" && try(s.Condition.Bool["aws:SecureTransport"], "") == "false"
      ])
    ])
    error_message = "Every bucket policy must deny s3:* to everyone when aws:SecureTransport is false."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_s3_bucket_policy.this["access-logs"].policy).Statement :
      s.Effect == "Allow" && try(s.Principal.Service, "") == "logging.s3.amazonaws.com" && try(s.Condition.StringEquals["aws:SourceAccount"], "") == "111122223333"
    ])
    error_message = "The access-log bucket must let S3 log delivery (logging.s3.amazonaws.com) of this account write logs."
  }
}

run "key_policy_lets_only_this_account_and_the_lake_services_use_the_key" {
  command = apply

  assert {
    condition = alltrue([
      for s in jsondecode(aws_kms_key_policy.this.policy).Statement :
      s.Action != "*" && (
        try(s.Principal.AWS, "") == "arn:aws:iam::111122223333:root" ||
        try(s.Condition.StringEquals["aws:SourceAccount"], "") == "111122223333" ||
        startswith(try(s.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"], ""), "arn:aws:logs:ap-south-1:111122223333:")
      )
    ])
    error_message = "Every key policy statement must name this account (root principal, aws:SourceAccount or this account's log groups)."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_kms_key_policy.this.policy).Statement :
      contains(flatten([try(s.Principal.Service, [])]), "s3.amazonaws.com") && contains(flatten([s.Action]), "kms:GenerateDataKey")
    ])
    error_message = "S3 must be able to generate data keys, or its event notifications cannot reach the KMS-encrypted ingest queue."
  }

  assert {
    condition = !anytrue([
      for s in jsondecode(aws_kms_key_policy.this.policy).Statement :
      contains(flatten([try(s.Principal.Service, [])]), "events.amazonaws.com")
    ])
    error_message = "EventBridge's grant carries no source condition: it belongs on the events key (modules/orchestration), never on the lake key."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_kms_key_policy.this.policy).Statement :
      try(s.Principal.Service, "") == "logs.ap-south-1.amazonaws.com"
    ])
    error_message = "CloudWatch Logs of the key's region must be allowed to use the key for the encrypted log groups."
  }
}

# The requests S3 evaluates against each zone's policy, and whether the policy must refuse them. A put
# with no encryption header gets the bucket default (the lake key); UploadPart carries no header at all.
run "zone_policies_refuse_objects_not_under_the_lake_key" {
  command = apply

  variables {
    lake_key = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
    # "" stands for a header the request does not carry.
    puts = [
      { what = "no header (bucket default, and every UploadPart)", sse = "", key = "", refused = false },
      { what = "aws:kms with the lake key", sse = "aws:kms", key = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555", refused = false },
      { what = "aws:kms without a key (aws/s3)", sse = "aws:kms", key = "", refused = true },
      { what = "aws:kms with another key", sse = "aws:kms", key = "arn:aws:kms:ap-south-1:111122223333:key/99999999-2222-3333-4444-555555555555", refused = true },
      { what = "AES256 (SSE-S3)", sse = "AES256", key = "", refused = true },
      { what = "aws:kms:dsse with the lake key", sse = "aws:kms:dsse", key = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555", refused = true },
    ]
  }

  # A small evaluator of the condition operators the policy may use, following "IAM JSON policy elements:
  # Condition operators": a Deny applies when every condition holds; StringEquals is false for an absent
  # key, StringNotEquals and ...IfExists are true for one, Null tests presence. Any other operator counts
  # as not matching. UploadPart is the "no header" case.
  assert {
    condition = alltrue(flatten([
      for zone, p in aws_s3_bucket_policy.this : [
        for put in var.puts : put.refused == anytrue([
          for st in jsondecode(p.policy).Statement :
          st.Effect == "Deny" && contains(flatten([st.Action]), "s3:PutObject") && try(st.Condition["Bool"], null) == null && alltrue([
            for op, kv in try(st.Condition, {}) : alltrue([
              for k, v in kv : (
                op == "StringNotEqualsIfExists" ? (lookup({ "s3:x-amz-server-side-encryption" = put.sse, "s3:x-amz-server-side-encryption-aws-kms-key-id" = put.key }, k, "") == "" || !contains(flatten([v]), lookup({ "s3:x-amz-server-side-encryption" = put.sse, "s3:x-amz-server-side-encryption-aws-kms-key-id" = put.key }, k, ""))) :
                op == "StringNotEquals" ? !contains(flatten([v]), lookup({ "s3:x-amz-server-side-encryption" = put.sse, "s3:x-amz-server-side-encryption-aws-kms-key-id" = put.key }, k, "")) :
                op == "StringEquals" ? contains(flatten([v]), lookup({ "s3:x-amz-server-side-encryption" = put.sse, "s3:x-amz-server-side-encryption-aws-kms-key-id" = put.key }, k, "")) :
                op == "Null" ? ((lookup({ "s3:x-amz-server-side-encryption" = put.sse, "s3:x-amz-server-side-encryption-aws-kms-key-id" = put.key }, k, "") == "") == (v == "true")) :
                false
              )
            ])
          ])
        ])
      ] if zone != "access-logs"
    ]))
    error_message = "Every zone's bucket policy must refuse exactly the puts that would not land under the lake key (aws:kms without a key id, another key, SSE-S3, DSSE) and accept the lake key and the bucket default."
  }

  assert {
    condition = alltrue([
      for zone, p in aws_s3_bucket_policy.this :
      contains(flatten([for st in jsondecode(p.policy).Statement : [for op, kv in try(st.Condition, {}) : [for k, v in kv : flatten([v]) if k == "s3:x-amz-server-side-encryption-aws-kms-key-id"]]]), var.lake_key)
      if zone != "access-logs"
    ])
    error_message = "Each zone policy must name the lake key itself, not another key."
  }
}

run "the_longest_prefix_fits_in_every_bucket_name" {
  command = apply

  variables {
    name_prefix = "socar-lake-staging-x"
  }

  override_resource {
    target = aws_kms_key.this
    values = {
      arn    = "arn:aws:kms:ap-southeast-5:111122223333:key/11111111-2222-3333-4444-555555555555"
      key_id = "11111111-2222-3333-4444-555555555555"
    }
  }

  assert {
    condition     = alltrue([for b in concat(values(aws_s3_bucket.zone), [aws_s3_bucket.access_logs]) : length(b.bucket) <= 63])
    error_message = "With a 20-character name_prefix and a 14-character region every bucket name must stay within S3's 63 characters."
  }
}

run "a_prefix_too_long_for_bucket_names_is_refused" {
  command = plan

  variables {
    name_prefix = "socar-lake-staging-xy"
  }

  expect_failures = [var.name_prefix]
}

run "kms_deletion_window_outside_7_to_30_days_is_refused" {
  command = plan

  variables {
    kms_deletion_window_in_days = 3
  }

  expect_failures = [var.kms_deletion_window_in_days]
}
