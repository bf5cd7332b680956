output "topic_arn" {
  description = "ARN of the lake's operations topic (LAKE_TOPIC_ARN, alarm actions)."
  value       = aws_sns_topic.this.arn
}

output "topic_name" {
  description = "Name of the lake's operations topic, <name_prefix>-ops."
  value       = aws_sns_topic.this.name
}

output "email_subscription_arns" {
  description = "Subscription ARN per email address (pending until the address confirms)."
  value       = { for e, s in aws_sns_topic_subscription.email : e => s.arn }
}

output "encryption" {
  description = "Encryption of the topic (topic:<name>): type KMS and the kms_key."
  value       = { "topic:${aws_sns_topic.this.name}" = { type = "KMS", kms_key = aws_sns_topic.this.kms_master_key_id } }
}

output "resource_policies" {
  description = "Topic policy JSON (topic:<name>)."
  value       = { "topic:${aws_sns_topic.this.name}" = aws_sns_topic_policy.this.policy }
}
