locals {
  # Glue and Athena identifiers use underscores: socar-lake-dev → socar_lake_dev_raw.
  database_prefix = replace(var.name_prefix, "-", "_")

  csv_datasets = { for name, d in var.datasets : name => d if d.format == "csv" }
}

data "aws_partition" "current" {}

resource "aws_glue_catalog_database" "raw" {
  name        = "${local.database_prefix}_raw"
  description = "Raw zone of ${var.name_prefix}: one table per dataset, inferred by its crawler."
  tags        = var.tags
}

resource "aws_glue_catalog_database" "processed" {
  name        = "${local.database_prefix}_processed"
  description = "Processed zone of ${var.name_prefix}: typed, partitioned Parquet written by the ETL jobs."
  tags        = var.tags
}

# The processed tables come from the contracts, like everything per dataset: the ETL job only registers
# the partitions of its committed runs, so its role needs no CreateTable or UpdateTable. Spark writes
# the partition values into folder names, not into the Parquet files, so they are partition keys only.
resource "aws_glue_catalog_table" "processed" {
  for_each = var.datasets

  name          = each.key
  database_name = aws_glue_catalog_database.processed.name
  description   = each.value.description
  table_type    = "EXTERNAL_TABLE"
  parameters    = { classification = "parquet", EXTERNAL = "TRUE", "parquet.compression" = "SNAPPY" }

  dynamic "partition_keys" {
    for_each = each.value.partitions
    content {
      name = partition_keys.value.name
      type = partition_keys.value.type
    }
  }

  storage_descriptor {
    location      = "s3://${var.processed_bucket_name}/${each.key}/"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
      parameters            = { "serialization.format" = "1" }
    }

    dynamic "columns" {
      for_each = each.value.columns
      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
  }
}

resource "aws_glue_security_configuration" "this" {
  name = "${var.name_prefix}-lake"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = var.kms_key_arn
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = var.kms_key_arn
    }

    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = var.kms_key_arn
    }
  }
}

# A crawler with a security configuration that encrypts CloudWatch Logs writes to
# /aws-glue/crawlers-role/<role name>-<security configuration name> instead of the account-wide
# /aws-glue/crawlers ("Encrypting data written by AWS Glue"; the exact name is what a real crawl must
# confirm, see terraform/README.md). Created here with a retention and the key; Glue would create it
# without either.
resource "aws_cloudwatch_log_group" "crawlers" {
  name              = "/aws-glue/crawlers-role/${aws_iam_role.crawler.name}-${aws_glue_security_configuration.this.name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

# The contract says how a CSV dataset is delimited and whether it has a header; Glue's built-in
# classifier would guess.
resource "aws_glue_classifier" "csv" {
  for_each = local.csv_datasets

  name = "${var.name_prefix}-${each.key}-csv"

  csv_classifier {
    delimiter       = each.value.delimiter
    contains_header = each.value.header ? "PRESENT" : "ABSENT"
    quote_symbol    = "\""
  }
}

resource "aws_glue_crawler" "this" {
  for_each = var.datasets

  name          = "${var.name_prefix}-${each.key}"
  description   = coalesce(each.value.description, "Infers the raw table of dataset ${each.key}.")
  database_name = aws_glue_catalog_database.raw.name
  role          = aws_iam_role.crawler.arn
  classifiers   = each.value.format == "csv" ? [aws_glue_classifier.csv[each.key].name] : []

  security_configuration = aws_glue_security_configuration.this.name

  s3_target {
    path = "s3://${var.raw_bucket_name}/${each.key}/"
  }

  # One table per dataset, named after its folder (the dataset), partitioned by ingest_date.
  configuration = jsonencode({
    Version = 1.0
    Grouping = {
      TableGroupingPolicy     = "CombineCompatibleSchemas"
      TableLevelConfiguration = 2
    }
    CrawlerOutput = {
      Partitions = { AddOrUpdateBehavior = "InheritFromTable" }
    }
    CreatePartitionIndex = true
  })

  schema_change_policy {
    update_behavior = var.schema_update_behavior
    delete_behavior = "LOG"
  }

  recrawl_policy {
    recrawl_behavior = var.recrawl_behavior
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.crawler, aws_cloudwatch_log_group.crawlers]
}
