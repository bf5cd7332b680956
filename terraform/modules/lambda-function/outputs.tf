output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function (event source mappings and EventBridge targets point here)."
  value       = aws_lambda_function.this.arn
}

output "invoke_arn" {
  description = "Invoke ARN of the Lambda function, for API Gateway integrations."
  value       = aws_lambda_function.this.invoke_arn
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

output "log_group_name" {
  description = "The function's log group, /aws/lambda/<function_name>."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the function's log group."
  value       = aws_cloudwatch_log_group.this.arn
}

output "error_alarm_arn" {
  description = "ARN of the alarm that fires when the function reports an error."
  value       = aws_cloudwatch_metric_alarm.errors.arn
}

output "environment_variables" {
  description = "Environment variables the function starts with."
  value       = var.environment_variables
}

output "iam_policies" {
  description = "Inline policy JSON of the function's role, by policy name."
  value       = { (aws_iam_role_policy.this.name) = aws_iam_role_policy.this.policy }
}

output "log_group_retention_days" {
  description = "Retention in days per log group the module creates."
  value       = { (aws_cloudwatch_log_group.this.name) = aws_cloudwatch_log_group.this.retention_in_days }
}

output "alarms" {
  description = "Alarms the module creates, by name: where they notify (alarm_actions, ok_actions), for the environments' tests."
  value = {
    (aws_cloudwatch_metric_alarm.errors.alarm_name) = {
      alarm_actions = aws_cloudwatch_metric_alarm.errors.alarm_actions
      ok_actions    = aws_cloudwatch_metric_alarm.errors.ok_actions
    }
  }
}

output "log_group_kms_keys" {
  description = "KMS key per log group the module creates."
  value       = { (aws_cloudwatch_log_group.this.name) = aws_cloudwatch_log_group.this.kms_key_id }
}

output "timeout" {
  description = "The function's timeout in seconds: a queue that feeds it needs a visibility timeout of at least six times this."
  value       = aws_lambda_function.this.timeout
}
