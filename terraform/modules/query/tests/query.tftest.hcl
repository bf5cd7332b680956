mock_provider "aws" {}

variables {
  name_prefix                = "socar-lake-test"
  athena_results_bucket_name = "socar-lake-test-athena-results"
  kms_key_arn                = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
  processed_database_name    = "socar_lake_test_processed"
  datasets = {
    tripdata = { partition_columns = ["pickup_year", "pickup_month"] }
    rides    = { partition_columns = ["returned_date"] }
  }
}

run "workgroup_enforces_encrypted_results" {
  command = plan

  assert {
    condition     = aws_athena_workgroup.this.configuration[0].enforce_workgroup_configuration
    error_message = "The workgroup must enforce its configuration so clients cannot bypass it."
  }

  assert {
    condition     = aws_athena_workgroup.this.configuration[0].result_configuration[0].output_location == "s3://socar-lake-test-athena-results/"
    error_message = "Query results must go to s3://<athena-results bucket>/."
  }

  assert {
    condition = (
      aws_athena_workgroup.this.configuration[0].result_configuration[0].encryption_configuration[0].encryption_option == "SSE_KMS" &&
      aws_athena_workgroup.this.configuration[0].result_configuration[0].encryption_configuration[0].kms_key_arn == var.kms_key_arn
    )
    error_message = "Query results must be encrypted with SSE_KMS and the lake's key."
  }

  assert {
    condition     = aws_athena_workgroup.this.configuration[0].bytes_scanned_cutoff_per_query == 10737418240
    error_message = "Queries must be capped by bytes_scanned_cutoff_per_query."
  }
}

run "two_saved_queries_per_dataset" {
  command = plan

  assert {
    condition     = toset(keys(aws_athena_named_query.this)) == toset(["tripdata-rows-per-partition", "tripdata-latest-rows", "rides-rows-per-partition", "rides-latest-rows"])
    error_message = "Each dataset needs a rows-per-partition and a latest-rows saved query."
  }

  assert {
    condition     = strcontains(aws_athena_named_query.this["tripdata-rows-per-partition"].query, "GROUP BY pickup_year, pickup_month")
    error_message = "rows-per-partition must group by the dataset's partition columns."
  }

  assert {
    condition     = strcontains(aws_athena_named_query.this["rides-latest-rows"].query, "FROM \"socar_lake_test_processed\".\"rides\"") && strcontains(aws_athena_named_query.this["rides-latest-rows"].query, "LIMIT 100")
    error_message = "latest-rows must read the processed table and return a bounded number of rows."
  }

  assert {
    condition     = alltrue([for q in aws_athena_named_query.this : q.database == "socar_lake_test_processed"])
    error_message = "Saved queries must run against the processed database."
  }
}

run "cutoff_below_10_mb_is_refused" {
  command = plan

  variables {
    bytes_scanned_cutoff_per_query = 1000
  }

  expect_failures = [var.bytes_scanned_cutoff_per_query]
}
