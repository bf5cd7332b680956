output "workgroup_name" {
  description = "Athena workgroup of the lake: run queries with --work-group <this>."
  value       = aws_athena_workgroup.this.name
}

output "workgroup_arn" {
  description = "ARN of the Athena workgroup."
  value       = aws_athena_workgroup.this.arn
}

output "named_query_ids" {
  description = "Saved query id per <dataset>-rows-per-partition and <dataset>-latest-rows."
  value       = { for k, q in aws_athena_named_query.this : k => q.id }
}

output "encryption" {
  description = "Encryption of the workgroup's query results (workgroup:<name>): type and kms_key."
  value = {
    "workgroup:${aws_athena_workgroup.this.name}" = {
      type    = one(one(one(aws_athena_workgroup.this.configuration).result_configuration).encryption_configuration).encryption_option
      kms_key = one(one(one(aws_athena_workgroup.this.configuration).result_configuration).encryption_configuration).kms_key_arn
    }
  }
}
