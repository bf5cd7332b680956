output "ingest_queue_arn" {
  description = "ARN of the ingest queue receiving the raw bucket's ObjectCreated events."
  value       = aws_sqs_queue.this.arn
}

output "ingest_queue_url" {
  description = "URL of the ingest queue."
  value       = aws_sqs_queue.this.url
}

output "ingest_queue_name" {
  description = "Name of the ingest queue, <name_prefix>-ingest."
  value       = aws_sqs_queue.this.name
}

output "dead_letter_queue_arn" {
  description = "ARN of the ingest dead-letter queue."
  value       = aws_sqs_queue.dead_letter.arn
}

output "dead_letter_queue_url" {
  description = "URL of the ingest dead-letter queue: glue-trigger sends rejected raw objects here (LAKE_DEAD_LETTER_QUEUE_URL)."
  value       = aws_sqs_queue.dead_letter.url
}

output "dead_letter_queue_name" {
  description = "Name of the ingest dead-letter queue, <name_prefix>-ingest-dlq."
  value       = aws_sqs_queue.dead_letter.name
}

output "visibility_timeout_seconds" {
  description = "Visibility timeout of the ingest queue: six times the function timeout plus the batching window."
  value       = aws_sqs_queue.this.visibility_timeout_seconds
}

output "event_source_mapping_uuid" {
  description = "UUID of the queue → glue-trigger event source mapping."
  value       = aws_lambda_event_source_mapping.this.uuid
}

output "dead_letter_alarm_arn" {
  description = "ARN of the alarm that fires when the dead-letter queue holds messages."
  value       = aws_cloudwatch_metric_alarm.dead_letter.arn
}

output "notification" {
  description = "The raw bucket's notification as applied: bucket, queue_arn and events."
  value = {
    bucket    = aws_s3_bucket_notification.this.bucket
    queue_arn = one(aws_s3_bucket_notification.this.queue).queue_arn
    events    = one(aws_s3_bucket_notification.this.queue).events
  }
}

output "event_source_mapping" {
  description = "The queue → function mapping as applied: event_source_arn, function_name and function_response_types."
  value = {
    event_source_arn        = aws_lambda_event_source_mapping.this.event_source_arn
    function_name           = aws_lambda_event_source_mapping.this.function_name
    function_response_types = aws_lambda_event_source_mapping.this.function_response_types
  }
}

output "encryption" {
  description = "Encryption per queue (queue:<name>): type KMS and the kms_key."
  value = {
    for q in [aws_sqs_queue.this, aws_sqs_queue.dead_letter] : "queue:${q.name}" => { type = "KMS", kms_key = q.kms_master_key_id }
  }
}

output "resource_policies" {
  description = "Queue policy JSON per queue (queue:<name>)."
  value = {
    "queue:${aws_sqs_queue.this.name}"        = aws_sqs_queue_policy.this.policy
    "queue:${aws_sqs_queue.dead_letter.name}" = aws_sqs_queue_policy.dead_letter.policy
  }
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
