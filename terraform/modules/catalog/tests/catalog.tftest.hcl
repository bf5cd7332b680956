mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111122223333:role/socar-lake-test-crawler" }
  }
}

override_resource {
  target = aws_glue_catalog_database.raw
  values = { arn = "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_test_raw" }
}

variables {
  name_prefix     = "socar-lake-test"
  account_id      = "111122223333"
  region          = "ap-south-1"
  raw_bucket_name = "socar-lake-test-raw"
  raw_bucket_arn  = "arn:aws:s3:::socar-lake-test-raw"
  kms_key_arn     = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
  datasets = {
    tripdata = {
      format     = "csv", delimiter = ",", header = true
      columns    = [{ name = "vendor_id", type = "int" }, { name = "fare_amount", type = "decimal(10,2)" }]
      partitions = [{ name = "pickup_year", type = "int" }, { name = "pickup_month", type = "int" }]
    }
    rides = { format = "jsonl", columns = [{ name = "rating", type = "int" }], partitions = [{ name = "returned_date", type = "string" }] }
  }
  processed_bucket_name = "socar-lake-test-processed"
}

run "one_processed_parquet_table_per_dataset_from_its_contract" {
  command = plan

  assert {
    condition     = toset(keys(aws_glue_catalog_table.processed)) == toset(["tripdata", "rides"])
    error_message = "Each dataset needs its processed table: the ETL job only registers partitions (its role cannot create tables)."
  }

  assert {
    condition = (
      [for c in aws_glue_catalog_table.processed["tripdata"].storage_descriptor[0].columns : "${c.name}:${c.type}"] == ["vendor_id:int", "fare_amount:decimal(10,2)"]
      && [for k in aws_glue_catalog_table.processed["tripdata"].partition_keys : "${k.name}:${k.type}"] == ["pickup_year:int", "pickup_month:int"]
    )
    error_message = "The processed table's columns and partition keys must be the contract's, in order, with their Hive types."
  }

  assert {
    condition = (
      aws_glue_catalog_table.processed["rides"].storage_descriptor[0].location == "s3://socar-lake-test-processed/rides/"
      && aws_glue_catalog_table.processed["rides"].storage_descriptor[0].ser_de_info[0].serialization_library == "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
      && aws_glue_catalog_table.processed["rides"].database_name == "socar_lake_test_processed"
    )
    error_message = "A processed table must be Parquet at s3://<processed bucket>/<dataset>/ in the processed database: where the job publishes."
  }
}

run "databases_use_underscores" {
  command = plan

  assert {
    condition     = aws_glue_catalog_database.raw.name == "socar_lake_test_raw" && aws_glue_catalog_database.processed.name == "socar_lake_test_processed"
    error_message = "Databases must be <name_prefix with - replaced by _>_raw and _processed."
  }
}

run "one_crawler_per_dataset_on_its_raw_prefix" {
  command = plan

  assert {
    condition     = toset(keys(aws_glue_crawler.this)) == toset(["tripdata", "rides"])
    error_message = "There must be exactly one crawler per dataset."
  }

  assert {
    condition = alltrue([
      for name, c in aws_glue_crawler.this :
      c.name == "socar-lake-test-${name}" && c.s3_target[0].path == "s3://socar-lake-test-raw/${name}/" && c.database_name == "socar_lake_test_raw"
    ])
    error_message = "Crawler <name_prefix>-<dataset> must crawl s3://<raw bucket>/<dataset>/ into the raw database."
  }

  assert {
    condition     = jsondecode(aws_glue_crawler.this["tripdata"].configuration).Grouping.TableLevelConfiguration == 2
    error_message = "The crawler must create its table at the dataset folder, so the table is named after the dataset."
  }

  assert {
    condition     = aws_glue_crawler.this["tripdata"].classifiers == tolist(["socar-lake-test-tripdata-csv"]) && length(aws_glue_crawler.this["rides"].classifiers) == 0
    error_message = "CSV datasets must use their contract's CSV classifier; JSON lines use Glue's built-in one."
  }

  assert {
    condition     = aws_glue_classifier.csv["tripdata"].csv_classifier[0].contains_header == "PRESENT" && aws_glue_classifier.csv["tripdata"].csv_classifier[0].delimiter == ","
    error_message = "The CSV classifier must follow the contract's delimiter and header."
  }
}

run "schema_changes_are_logged_not_deleted" {
  command = plan

  assert {
    condition = alltrue([
      for c in aws_glue_crawler.this :
      c.schema_change_policy[0].delete_behavior == "LOG" && contains(["LOG", "UPDATE_IN_DATABASE"], c.schema_change_policy[0].update_behavior)
    ])
    error_message = "Crawlers must never delete tables (delete_behavior LOG) and must log or apply schema changes."
  }

  assert {
    condition     = alltrue([for c in aws_glue_crawler.this : c.recrawl_policy[0].recrawl_behavior == "CRAWL_NEW_FOLDERS_ONLY"])
    error_message = "Crawlers must crawl incrementally by default."
  }
}

run "crawlers_encrypt_with_the_lake_key" {
  command = plan

  assert {
    condition     = alltrue([for c in aws_glue_crawler.this : c.security_configuration == "socar-lake-test-lake"])
    error_message = "Every crawler must use the lake's security configuration."
  }

  assert {
    condition = (
      aws_glue_security_configuration.this.encryption_configuration[0].s3_encryption[0].s3_encryption_mode == "SSE-KMS" &&
      aws_glue_security_configuration.this.encryption_configuration[0].cloudwatch_encryption[0].cloudwatch_encryption_mode == "SSE-KMS" &&
      aws_glue_security_configuration.this.encryption_configuration[0].job_bookmarks_encryption[0].job_bookmarks_encryption_mode == "CSE-KMS"
    )
    error_message = "The security configuration must encrypt S3 output, CloudWatch logs and job bookmarks with KMS."
  }
}

run "crawler_role_reads_only_the_raw_dataset_prefixes" {
  command = apply

  assert {
    condition = one([
      for s in jsondecode(aws_iam_role_policy.crawler.policy).Statement : s.Resource if s.Sid == "ReadRawDatasetObjects"
    ]) == ["arn:aws:s3:::socar-lake-test-raw/rides/*", "arn:aws:s3:::socar-lake-test-raw/tripdata/*"]
    error_message = "The crawler may read only s3://<raw>/<dataset>/* of the lake's datasets."
  }

  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_iam_role_policy.crawler.policy).Statement : [
        for a in flatten([s.Action]) : a != "*" && !endswith(a, ":*")
      ]
    ]))
    error_message = "The crawler's policy must name its actions (no wildcards)."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.crawler.policy).Statement : !contains(flatten([s.Resource]), "*")
    ])
    error_message = "The crawler's policy must name its resources (no \"*\")."
  }

  assert {
    condition = one([
      for s in jsondecode(aws_iam_role_policy.crawler.policy).Statement : s.Resource if s.Sid == "MaintainRawTables"
      ]) == [
      "arn:aws:glue:ap-south-1:111122223333:catalog",
      "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_test_raw",
      "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_test_raw/*",
    ]
    error_message = "The crawler may change only the catalog's raw database and its tables."
  }
}

run "only_glue_of_this_account_assumes_the_crawler_role" {
  command = apply

  assert {
    condition = jsondecode(aws_iam_role.crawler.assume_role_policy).Statement == [{
      Effect    = "Allow"
      Principal = { Service = "glue.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
    error_message = "The crawler role's trust policy must let only glue.amazonaws.com assume it, with aws:SourceAccount = the lake's account."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.crawler.policy).Statement :
      length(try(s.Condition.StringLike["s3:prefix"], [])) > 0 if contains(flatten([s.Action]), "s3:ListBucket")
    ])
    error_message = "The crawlers may list only their datasets' prefixes (s3:prefix condition on ListBucket)."
  }
}

run "crawler_logs_land_in_a_group_with_retention_and_the_key" {
  command = apply

  assert {
    condition     = aws_cloudwatch_log_group.crawlers.name == "/aws-glue/crawlers-role/socar-lake-test-crawler-socar-lake-test-lake"
    error_message = "The crawlers' log group must be /aws-glue/crawlers-role/<role name>-<security configuration name>, where encrypted crawler logs go."
  }

  assert {
    condition     = aws_cloudwatch_log_group.crawlers.retention_in_days == 30 && aws_cloudwatch_log_group.crawlers.kms_key_id == "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
    error_message = "The crawlers' log group needs a retention and the lake key."
  }

  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_iam_role_policy.crawler.policy).Statement : [
        for r in flatten([s.Resource]) : startswith(r, "arn:aws:logs:ap-south-1:111122223333:log-group:/aws-glue/crawlers-role/socar-lake-test-crawler-socar-lake-test-lake")
      ] if anytrue([for a in flatten([s.Action]) : startswith(a, "logs:")])
    ])) && !contains(flatten([for s in jsondecode(aws_iam_role_policy.crawler.policy).Statement : s.Action]), "logs:CreateLogGroup")
    error_message = "The crawler may write only to its own log group and create none (a group it created would have no retention)."
  }
}

run "incremental_crawls_with_table_updates_are_refused" {
  command = plan

  variables {
    schema_update_behavior = "UPDATE_IN_DATABASE"
  }

  expect_failures = [var.schema_update_behavior]
}

run "unknown_formats_are_refused" {
  command = plan

  variables {
    datasets = { tripdata = { format = "parquet" } }
  }

  expect_failures = [var.datasets]
}

# The longest names the variables allow: a 41-character prefix and a 63-character dataset (the contract
# schema's limit). Limits: Glue crawler, classifier and database 255, IAM role 64, log group 512.
run "the_longest_dataset_name_fits_every_name_limit" {
  command = plan

  variables {
    name_prefix = "socar-lake-a-very-long-environment-name-x"
    datasets    = { ride_events_from_every_vehicle_in_the_fleet_with_a_long_name_01 = { format = "csv" } }
  }

  assert {
    condition     = alltrue([for c in aws_glue_crawler.this : length(c.name) <= 255]) && alltrue([for c in aws_glue_classifier.csv : length(c.name) <= 255]) && length(aws_glue_catalog_database.processed.name) <= 255
    error_message = "Crawler, classifier and database names must fit Glue's 255 characters."
  }

  assert {
    condition     = length(aws_iam_role.crawler.name) <= 64 && length(aws_cloudwatch_log_group.crawlers.name) <= 512
    error_message = "The crawler role's name must fit IAM's 64 characters and its log group name 512."
  }
}
