output "rule_arns" {
  description = "Rule ARN by name: crawler-finished, job-finished, crawler-failed and sweep."
  value       = local.rule_arns
}

output "rule_names" {
  description = "Rule name by key: crawler-finished, job-finished, crawler-failed and sweep."
  value       = local.rule_names
}

output "state_table_name" {
  description = "The reconciler's state table (LAKE_STATE_TABLE of glue-trigger and etl-trigger)."
  value       = aws_dynamodb_table.state.name
}

output "state_table_arn" {
  description = "ARN of the reconciler's state table, for the functions' policies."
  value       = aws_dynamodb_table.state.arn
}

output "reconcile_queue_arn" {
  description = "ARN of the queue etl-trigger consumes, for its policy."
  value       = aws_sqs_queue.reconcile.arn
}

output "reconcile_queue_url" {
  description = "URL of the queue etl-trigger consumes."
  value       = aws_sqs_queue.reconcile.url
}

output "reconcile_dead_letter_queue_url" {
  description = "URL of the reconcile queue's dead-letter queue (`lake redrive --aws` moves its messages back)."
  value       = aws_sqs_queue.reconcile_dead_letter.url
}

output "reconcile_dead_letter_queue_arn" {
  description = "ARN of the reconcile queue's dead-letter queue (the redrive policy may drain it)."
  value       = aws_sqs_queue.reconcile_dead_letter.arn
}

output "dead_letter_queue_arn" {
  description = "ARN of the queue keeping events EventBridge could not deliver."
  value       = aws_sqs_queue.dead_letter.arn
}

output "dead_letter_queue_url" {
  description = "URL of the queue keeping events EventBridge could not deliver."
  value       = aws_sqs_queue.dead_letter.url
}

output "events_kms_key_arn" {
  description = "ARN of the key of the EventBridge-fed queues (the only key EventBridge may use)."
  value       = aws_kms_key.events.arn
}

output "targets" {
  description = "Target per rule → target pair as applied: rule, arn, retry_policy and dead_letter_arn."
  value = {
    for k, t in aws_cloudwatch_event_target.this : k => {
      rule       = t.rule
      target_arn = t.arn
      retry_policy = {
        maximum_retry_attempts       = one(t.retry_policy).maximum_retry_attempts
        maximum_event_age_in_seconds = one(t.retry_policy).maximum_event_age_in_seconds
      }
      dead_letter_arn = one(t.dead_letter_config).arn
    }
  }
}

output "encryption" {
  description = "Encryption of the module's queues (queue:<name>) and table (table:<name>): type KMS and the kms_key."
  value = merge(
    { for q in [aws_sqs_queue.dead_letter, aws_sqs_queue.reconcile, aws_sqs_queue.reconcile_dead_letter] : "queue:${q.name}" => { type = "KMS", kms_key = q.kms_master_key_id } },
    { "table:${aws_dynamodb_table.state.name}" = { type = "KMS", kms_key = one(aws_dynamodb_table.state.server_side_encryption).kms_key_arn } },
  )
}

output "resource_policies" {
  description = "Queue policy JSON of each queue (queue:<name>)."
  value = {
    "queue:${aws_sqs_queue.dead_letter.name}"           = aws_sqs_queue_policy.dead_letter.policy
    "queue:${aws_sqs_queue.reconcile.name}"             = aws_sqs_queue_policy.reconcile.policy
    "queue:${aws_sqs_queue.reconcile_dead_letter.name}" = aws_sqs_queue_policy.reconcile_dead_letter.policy
  }
}

output "alarms" {
  description = "Alarms the module creates, by name: where they notify (alarm_actions, ok_actions), for the environments' tests."
  value = {
    for a in aws_cloudwatch_metric_alarm.queue : a.alarm_name => { alarm_actions = a.alarm_actions, ok_actions = a.ok_actions }
  }
}

output "rules" {
  description = "Event-pattern rules as applied: name, arn and event_pattern (JSON)."
  value       = { for k, r in aws_cloudwatch_event_rule.this : k => { name = r.name, arn = r.arn, event_pattern = r.event_pattern } }
}

output "reconcile_source" {
  description = "The event source mapping from the reconcile queue: event_source_arn, function_name and function_response_types."
  value = {
    event_source_arn        = aws_lambda_event_source_mapping.reconcile.event_source_arn
    function_name           = aws_lambda_event_source_mapping.reconcile.function_name
    function_response_types = aws_lambda_event_source_mapping.reconcile.function_response_types
  }
}

output "reconcile_visibility_timeout_seconds" {
  description = "Visibility timeout of the reconcile queue (at least six times etl-trigger's timeout)."
  value       = aws_sqs_queue.reconcile.visibility_timeout_seconds
}

output "state_table_deletion_protection" {
  description = "Whether the state table refuses deletion (on in prod)."
  value       = aws_dynamodb_table.state.deletion_protection_enabled
}
