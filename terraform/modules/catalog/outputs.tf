output "raw_database_name" {
  description = "Glue database of the raw tables, <name_prefix with _>_raw."
  value       = aws_glue_catalog_database.raw.name
}

output "processed_database_name" {
  description = "Glue database of the processed tables, <name_prefix with _>_processed."
  value       = aws_glue_catalog_database.processed.name
}

output "raw_database_arn" {
  description = "ARN of the raw database."
  value       = aws_glue_catalog_database.raw.arn
}

output "processed_database_arn" {
  description = "ARN of the processed database."
  value       = aws_glue_catalog_database.processed.arn
}

output "crawler_names" {
  description = "Crawler name per dataset, <name_prefix>-<dataset>."
  value       = { for name, c in aws_glue_crawler.this : name => c.name }
}

output "crawler_arns" {
  description = "Crawler ARN per dataset (glue-trigger may start exactly these)."
  value       = { for name, c in aws_glue_crawler.this : name => c.arn }
}

output "crawler_name_prefix" {
  description = "Prefix shared by the lake's crawler names, <name_prefix>- (LAKE_CRAWLER_PREFIX, EventBridge prefix match)."
  value       = "${var.name_prefix}-"
}

output "raw_table_names" {
  description = "Raw table per dataset: the crawler names the table after the dataset folder."
  value       = { for name in keys(var.datasets) : name => name }
}

output "security_configuration_name" {
  description = "Glue security configuration (SSE-KMS for S3, CloudWatch Logs and job bookmarks), for the ETL jobs too."
  value       = aws_glue_security_configuration.this.name
}

output "crawler_role_arn" {
  description = "ARN of the role the crawlers run as."
  value       = aws_iam_role.crawler.arn
}

output "crawler_role_name" {
  description = "Name of the role the crawlers run as."
  value       = aws_iam_role.crawler.name
}

output "crawlers" {
  description = "Crawler per dataset as applied: name, database_name, s3_target_path and security_configuration."
  value = {
    for name, c in aws_glue_crawler.this : name => {
      name                   = c.name
      database_name          = c.database_name
      s3_target_path         = one(c.s3_target).path
      security_configuration = c.security_configuration
    }
  }
}

output "iam_policies" {
  description = "Inline policy JSON of the crawler role, by policy name."
  value       = { (aws_iam_role_policy.crawler.name) = aws_iam_role_policy.crawler.policy }
}

output "log_group_name" {
  description = "Log group of the crawlers (encrypted by the security configuration)."
  value       = aws_cloudwatch_log_group.crawlers.name
}

output "log_group_retention_days" {
  description = "Retention in days per log group the module creates."
  value       = { (aws_cloudwatch_log_group.crawlers.name) = aws_cloudwatch_log_group.crawlers.retention_in_days }
}

output "log_group_kms_keys" {
  description = "KMS key per log group the module creates."
  value       = { (aws_cloudwatch_log_group.crawlers.name) = aws_cloudwatch_log_group.crawlers.kms_key_id }
}

output "processed_table_names" {
  description = "Processed table per dataset, in the processed database; the ETL job registers its partitions."
  value       = { for name, t in aws_glue_catalog_table.processed : name => t.name }
}

output "catalog_arn" {
  description = "ARN of the account's Data Catalog in the lake's region: Glue checks every table read against it too."
  value       = local.catalog_arn
}

output "processed_table_arns" {
  description = "ARN of each processed table, arn:<partition>:glue:<region>:<account>:table/<processed database>/<dataset>."
  value       = { for name, t in aws_glue_catalog_table.processed : name => "${local.arn_base}:glue:${var.region}:${var.account_id}:table/${t.database_name}/${t.name}" }
}

output "processed_table_columns" {
  description = "Columns of each processed table as Athena sees them: the contract's columns, then the partition keys (name, Hive type)."
  value = {
    for name, t in aws_glue_catalog_table.processed : name => concat(
      [for c in one(t.storage_descriptor).columns : { name = c.name, type = c.type }],
      [for p in t.partition_keys : { name = p.name, type = p.type }],
    )
  }
}
