output "kms_key_arn" {
  description = "ARN of the lake's customer-managed KMS key."
  value       = aws_kms_key.this.arn
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
