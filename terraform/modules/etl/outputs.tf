output "job_names" {
  description = "Glue job name per dataset, <name_prefix>-<dataset>."
  value       = { for name, j in aws_glue_job.this : name => j.name }
}

output "job_arns" {
  description = "Glue job ARN per dataset (etl-trigger may start exactly these)."
  value       = { for name, j in aws_glue_job.this : name => j.arn }
}

output "job_name_prefix" {
  description = "Prefix shared by the lake's job names, <name_prefix>- (LAKE_JOB_PREFIX, EventBridge prefix match)."
  value       = "${var.name_prefix}-"
}

output "plan_uris" {
  description = "S3 URI of each dataset's typing plan (LAKE_PLAN_URIS, --plan_uri)."
  value       = local.plan_uris
}

output "role_arn" {
  description = "ARN of the role the jobs run as."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the role the jobs run as."
  value       = aws_iam_role.this.name
}

output "log_group_names" {
  description = "Log groups the jobs write to, by kind: error (system, Spark, GlueLogger) and output (stdout/stderr)."
  value       = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}

output "jobs" {
  description = "Job per dataset as applied: name, script_location, default_arguments and security_configuration."
  value = {
    for name, j in aws_glue_job.this : name => {
      name                   = j.name
      script_location        = one(j.command).script_location
      default_arguments      = j.default_arguments
      security_configuration = j.security_configuration
    }
  }
}

output "iam_policies" {
  description = "Inline policy JSON of the job role, by policy name."
  value       = { (aws_iam_role_policy.this.name) = aws_iam_role_policy.this.policy }
}

output "log_group_retention_days" {
  description = "Retention in days per log group the module creates."
  value       = { for g in aws_cloudwatch_log_group.this : g.name => g.retention_in_days }
}

output "log_group_kms_keys" {
  description = "KMS key per log group the module creates."
  value       = { for g in aws_cloudwatch_log_group.this : g.name => g.kms_key_id }
}
