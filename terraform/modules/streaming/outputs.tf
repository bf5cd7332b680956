output "stream_names" {
  description = "Kinesis Data Stream name per streamed dataset (producers such as `lake stream` put records here)."
  value       = { for name, s in aws_kinesis_stream.this : name => s.name }
}

output "stream_arns" {
  description = "Kinesis Data Stream ARN per streamed dataset."
  value       = { for name, s in aws_kinesis_stream.this : name => s.arn }
}

output "delivery_stream_names" {
  description = "Firehose delivery stream name per streamed dataset."
  value       = { for name, d in aws_kinesis_firehose_delivery_stream.this : name => d.name }
}

output "delivery_stream_arns" {
  description = "Firehose delivery stream ARN per streamed dataset."
  value       = { for name, d in aws_kinesis_firehose_delivery_stream.this : name => d.arn }
}

output "log_group_names" {
  description = "Firehose delivery log group per streamed dataset."
  value       = { for name, g in aws_cloudwatch_log_group.this : name => g.name }
}

output "delivery_streams" {
  description = "Delivery stream per dataset as applied: name, source_stream_arn, bucket_arn, prefix and error_output_prefix."
  value = {
    for name, d in aws_kinesis_firehose_delivery_stream.this : name => {
      name                = d.name
      source_stream_arn   = one(d.kinesis_source_configuration).kinesis_stream_arn
      bucket_arn          = one(d.extended_s3_configuration).bucket_arn
      prefix              = one(d.extended_s3_configuration).prefix
      error_output_prefix = one(d.extended_s3_configuration).error_output_prefix
    }
  }
}

output "encryption" {
  description = "Encryption per stream (stream:<name>) and per delivery stream's S3 output (firehose:<name>): type and kms_key."
  value = merge(
    { for s in aws_kinesis_stream.this : "stream:${s.name}" => { type = s.encryption_type, kms_key = s.kms_key_id } },
    {
      for d in aws_kinesis_firehose_delivery_stream.this : "firehose:${d.name}" => {
        type    = one(d.extended_s3_configuration).kms_key_arn == null ? "NONE" : "KMS"
        kms_key = one(d.extended_s3_configuration).kms_key_arn
      }
    },
  )
}

output "iam_policies" {
  description = "Inline policy JSON of each delivery stream's role, by policy name."
  value       = { for p in aws_iam_role_policy.this : p.name => p.policy }
}

output "log_group_retention_days" {
  description = "Retention in days per log group the module creates."
  value       = { for g in aws_cloudwatch_log_group.this : g.name => g.retention_in_days }
}

output "log_group_kms_keys" {
  description = "KMS key per log group the module creates."
  value       = { for g in aws_cloudwatch_log_group.this : g.name => g.kms_key_id }
}
