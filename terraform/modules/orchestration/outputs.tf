output "crawler_succeeded_rule_arn" {
  description = "ARN of the rule sending lake crawler successes to etl-trigger."
  value       = aws_cloudwatch_event_rule.this["crawler-succeeded"].arn
}

output "job_finished_rule_arn" {
  description = "ARN of the rule sending finished lake job runs to ops-notifier."
  value       = aws_cloudwatch_event_rule.this["job-finished"].arn
}

output "rule_names" {
  description = "Rule name per hop: crawler-succeeded and job-finished."
  value       = { for k, r in aws_cloudwatch_event_rule.this : k => r.name }
}

output "dead_letter_queue_arn" {
  description = "ARN of the queue keeping events EventBridge could not deliver."
  value       = aws_sqs_queue.dead_letter.arn
}

output "dead_letter_queue_url" {
  description = "URL of the queue keeping events EventBridge could not deliver."
  value       = aws_sqs_queue.dead_letter.url
}

output "dead_letter_alarm_arn" {
  description = "ARN of the alarm that fires when undelivered events are waiting."
  value       = aws_cloudwatch_metric_alarm.dead_letter.arn
}

output "rules" {
  description = "Rule per hop as applied: name, arn, event_pattern (JSON), target_arn, retry_policy and dead_letter_arn."
  value = {
    for k, r in aws_cloudwatch_event_rule.this : k => {
      name          = r.name
      arn           = r.arn
      event_pattern = r.event_pattern
      target_arn    = aws_cloudwatch_event_target.this[k].arn
      retry_policy = {
        maximum_retry_attempts       = one(aws_cloudwatch_event_target.this[k].retry_policy).maximum_retry_attempts
        maximum_event_age_in_seconds = one(aws_cloudwatch_event_target.this[k].retry_policy).maximum_event_age_in_seconds
      }
      dead_letter_arn       = one(aws_cloudwatch_event_target.this[k].dead_letter_config).arn
      permission_function   = aws_lambda_permission.this[k].function_name
      permission_source_arn = aws_lambda_permission.this[k].source_arn
    }
  }
}

output "encryption" {
  description = "Encryption of the dead-letter queue (queue:<name>): type KMS and the kms_key."
  value       = { "queue:${aws_sqs_queue.dead_letter.name}" = { type = "KMS", kms_key = aws_sqs_queue.dead_letter.kms_master_key_id } }
}

output "resource_policies" {
  description = "Queue policy JSON of the dead-letter queue (queue:<name>)."
  value       = { "queue:${aws_sqs_queue.dead_letter.name}" = aws_sqs_queue_policy.dead_letter.policy }
}

output "alarms" {
  description = "Alarms the module creates, by name: where they notify (alarm_actions, ok_actions), for the environments' tests."
  value = {
    (aws_cloudwatch_metric_alarm.dead_letter.alarm_name) = {
      alarm_actions = aws_cloudwatch_metric_alarm.dead_letter.alarm_actions
      ok_actions    = aws_cloudwatch_metric_alarm.dead_letter.ok_actions
    }
  }
}
