mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111122223333:role/socar-lake-test-etl" }
  }
}

variables {
  name_prefix                 = "socar-lake-test"
  account_id                  = "111122223333"
  region                      = "ap-south-1"
  datasets                    = ["tripdata", "rides"]
  artifacts_bucket_name       = "socar-lake-test-artifacts"
  artifacts_bucket_arn        = "arn:aws:s3:::socar-lake-test-artifacts"
  raw_bucket_arn              = "arn:aws:s3:::socar-lake-test-raw"
  processed_bucket_name       = "socar-lake-test-processed"
  processed_bucket_arn        = "arn:aws:s3:::socar-lake-test-processed"
  quarantine_bucket_name      = "socar-lake-test-quarantine"
  quarantine_bucket_arn       = "arn:aws:s3:::socar-lake-test-quarantine"
  kms_key_arn                 = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
  raw_database_name           = "socar_lake_test_raw"
  processed_database_name     = "socar_lake_test_processed"
  security_configuration_name = "socar-lake-test-lake"
  glue_script_key             = "glue/etl_job-abc.py"
  glue_library_key            = "glue/lake_glue-def.zip"
  typing_plan_keys            = { tripdata = "glue/plans/tripdata-123.json" }
}

run "one_job_per_dataset_on_glue_5" {
  command = plan

  assert {
    condition     = toset(keys(aws_glue_job.this)) == toset(["tripdata", "rides"])
    error_message = "There must be exactly one Glue job per dataset."
  }

  assert {
    condition     = alltrue([for name, j in aws_glue_job.this : j.name == "socar-lake-test-${name}"])
    error_message = "Job names must be <name_prefix>-<dataset>."
  }

  assert {
    condition = alltrue([
      for j in aws_glue_job.this :
      j.glue_version == "5.0" && j.command[0].name == "glueetl" && j.command[0].python_version == "3" &&
      j.command[0].script_location == "s3://socar-lake-test-artifacts/glue/etl_job-abc.py"
    ])
    error_message = "Jobs must be Glue 5.0 glueetl Python 3 jobs running s3://<artifacts>/<glue_script_key>."
  }

  assert {
    condition = alltrue([
      for j in aws_glue_job.this :
      j.execution_property[0].max_concurrent_runs == 1 && j.worker_type == "G.1X" && j.number_of_workers == 2 &&
      j.timeout == 60 && j.security_configuration == "socar-lake-test-lake"
    ])
    error_message = "Jobs must run one at a time on G.1X workers, with a timeout and the lake's security configuration."
  }
}

run "jobs_use_bookmarks_metrics_and_the_library" {
  command = plan

  assert {
    condition = alltrue([
      for j in aws_glue_job.this :
      j.default_arguments["--job-bookmark-option"] == "job-bookmark-enable" &&
      j.default_arguments["--enable-metrics"] == "true" &&
      j.default_arguments["--enable-continuous-cloudwatch-log"] == "true" &&
      j.default_arguments["--extra-py-files"] == "s3://socar-lake-test-artifacts/glue/lake_glue-def.zip"
    ])
    error_message = "Jobs must enable bookmarks, metrics and continuous logs and load the lake_glue library."
  }
}

run "job_arguments_point_at_the_dataset" {
  command = plan

  assert {
    condition = {
      for k, v in aws_glue_job.this["tripdata"].default_arguments : k => v
      if contains(["--dataset", "--plan_uri", "--raw_database", "--raw_table", "--processed_database", "--processed_table", "--processed_path", "--quarantine_path", "--run_summary_path"], k)
      } == {
      "--dataset"            = "tripdata"
      "--plan_uri"           = "s3://socar-lake-test-artifacts/glue/plans/tripdata-123.json"
      "--raw_database"       = "socar_lake_test_raw"
      "--raw_table"          = "tripdata"
      "--processed_database" = "socar_lake_test_processed"
      "--processed_table"    = "tripdata"
      "--processed_path"     = "s3://socar-lake-test-processed/tripdata/"
      "--quarantine_path"    = "s3://socar-lake-test-quarantine/tripdata/"
      "--run_summary_path"   = "s3://socar-lake-test-processed/_runs/tripdata/"
    }
    error_message = "The tripdata job's arguments must name its plan, tables and zone paths exactly."
  }

  assert {
    condition     = aws_glue_job.this["rides"].default_arguments["--plan_uri"] == "s3://socar-lake-test-artifacts/glue/plans/rides.json"
    error_message = "A dataset without an uploaded plan key must default to glue/plans/<dataset>.json."
  }

  assert {
    condition = output.plan_uris == {
      tripdata = "s3://socar-lake-test-artifacts/glue/plans/tripdata-123.json"
      rides    = "s3://socar-lake-test-artifacts/glue/plans/rides.json"
    }
    error_message = "plan_uris must map each dataset to its plan's S3 URI (etl-trigger's LAKE_PLAN_URIS)."
  }
}

run "job_role_is_least_privilege" {
  command = apply

  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : [
        for a in flatten([s.Action]) : a != "*" && !endswith(a, ":*")
      ]
    ]))
    error_message = "The job role must name its actions (no wildcards)."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement :
      !contains(flatten([s.Resource]), "*") || flatten([s.Action]) == ["cloudwatch:PutMetricData"]
    ])
    error_message = "Only cloudwatch:PutMetricData (which has no resource type) may use Resource \"*\"."
  }

  assert {
    condition = one([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Resource if s.Sid == "ReadRawDatasets"
    ]) == ["arn:aws:s3:::socar-lake-test-raw/rides/*", "arn:aws:s3:::socar-lake-test-raw/tripdata/*"]
    error_message = "The jobs may read only the raw prefixes of the lake's datasets."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement :
      !anytrue([for a in flatten([s.Action]) : contains(["s3:PutObject", "s3:DeleteObject"], a)]) ||
      alltrue([for r in s.Resource : startswith(r, "arn:aws:s3:::socar-lake-test-processed/") || startswith(r, "arn:aws:s3:::socar-lake-test-quarantine/")])
    ])
    error_message = "The jobs may write only to the processed and quarantine zones."
  }

  assert {
    condition = one([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Resource if s.Sid == "MaintainProcessedTables"
      ]) == [
      "arn:aws:glue:ap-south-1:111122223333:catalog",
      "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_test_processed",
      "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_test_processed/*",
    ]
    error_message = "The jobs may change tables only in the processed database."
  }
}

run "continuous_logs_have_a_retention" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 30 && aws_glue_job.this["tripdata"].default_arguments["--continuous-log-logGroup"] == aws_cloudwatch_log_group.this.name
    error_message = "The jobs must log to the module's log group, which has a retention."
  }
}

run "one_worker_is_refused" {
  command = plan

  variables {
    number_of_workers = 1
  }

  expect_failures = [var.number_of_workers]
}
