output "kms_key_arn" {
  description = "ARN of the lake's customer-managed KMS key (available once its key policy is in place)."
  # An offline plan cannot know the new key's ARN; with a placeholder account it shows one of the same
  # shape, so what is built from it (job arguments, policies) is known in the plan JSON.
  value = var.placeholder_account_id != null ? "arn:aws:kms:${local.region}:${local.account_id}:key/00000000-0000-0000-0000-000000000000" : aws_kms_key.this.arn

  # S3 tests its encrypted destination when the notification is wired up: let the key policy land first.
  depends_on = [aws_kms_key_policy.this]
}

output "bucket_names" {
  description = "Bucket name per zone: raw, processed, quarantine, artifacts, athena-results."
  value       = { for k, b in aws_s3_bucket.zone : k => b.bucket }
}

output "bucket_arns" {
  description = "Bucket ARN per zone."
  value       = { for k, b in aws_s3_bucket.zone : k => b.arn }
}

output "raw_bucket_name" {
  description = "The raw zone bucket, where producers and Firehose land objects."
  value       = aws_s3_bucket.zone["raw"].bucket
}

output "artifacts_bucket_name" {
  description = "The artifacts bucket: Lambda zips, Glue scripts and typing plans."
  value       = aws_s3_bucket.zone["artifacts"].bucket
}

output "access_logs_bucket_name" {
  description = "The bucket receiving S3 server access logs of every zone."
  value       = aws_s3_bucket.access_logs.bucket
}

output "kms_key_id" {
  description = "ID of the lake's customer-managed KMS key."
  value       = aws_kms_key.this.key_id
}

output "kms_key_alias" {
  description = "Alias of the lake's KMS key, alias/<name_prefix>-lake."
  value       = aws_kms_alias.this.name
}

output "access_logs_bucket_arn" {
  description = "ARN of the bucket receiving S3 server access logs."
  value       = aws_s3_bucket.access_logs.arn
}

# What was applied, per bucket: for audits and the environments' security tests.
output "encryption" {
  description = "Default encryption per bucket: type (aws:kms or AES256), kms_key (ARN or null) and bucket_key."
  value = merge(
    {
      for k, c in aws_s3_bucket_server_side_encryption_configuration.zone : "bucket:${aws_s3_bucket.zone[k].bucket}" => {
        type       = one(c.rule).apply_server_side_encryption_by_default[0].sse_algorithm
        kms_key    = one(c.rule).apply_server_side_encryption_by_default[0].kms_master_key_id
        bucket_key = one(c.rule).bucket_key_enabled
      }
    },
    {
      "bucket:${aws_s3_bucket.access_logs.bucket}" = {
        type       = one(aws_s3_bucket_server_side_encryption_configuration.access_logs.rule).apply_server_side_encryption_by_default[0].sse_algorithm
        kms_key    = null
        bucket_key = false
      }
    },
  )
}

output "public_access_blocks" {
  description = "Public access block settings per bucket name."
  value = {
    for k, b in aws_s3_bucket_public_access_block.this : local.all_buckets[k].bucket => {
      block_public_acls       = b.block_public_acls
      block_public_policy     = b.block_public_policy
      ignore_public_acls      = b.ignore_public_acls
      restrict_public_buckets = b.restrict_public_buckets
    }
  }
}

output "resource_policies" {
  description = "Resource policy JSON per bucket (bucket:<name>) and of the KMS key (key)."
  value = merge(
    { for k, p in aws_s3_bucket_policy.this : "bucket:${local.all_buckets[k].bucket}" => p.policy },
    { key = aws_kms_key_policy.this.policy },
  )
}
