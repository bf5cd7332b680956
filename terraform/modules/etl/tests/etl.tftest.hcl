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
  raw_bucket_name             = "socar-lake-test-raw"
  raw_bucket_arn              = "arn:aws:s3:::socar-lake-test-raw"
  processed_bucket_name       = "socar-lake-test-processed"
  processed_bucket_arn        = "arn:aws:s3:::socar-lake-test-processed"
  quarantine_bucket_name      = "socar-lake-test-quarantine"
  quarantine_bucket_arn       = "arn:aws:s3:::socar-lake-test-quarantine"
  kms_key_arn                 = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
  processed_database_name     = "socar_lake_test_processed"
  security_configuration_name = "socar-lake-test-lake"
  glue_script_key             = "glue/etl_job-abc.py"
  glue_library_key            = "glue/lake_glue-def.zip"
  typing_plan_keys            = { tripdata = "glue/plans/tripdata-123.json" }

  # The AWS requests the tripdata job makes (glue-scripts/etl_job.py and Spark's S3 file system), and the
  # ones it must not be able to make. "resource" is what IAM evaluates the request against, "context" the
  # condition keys the request carries (a statement's StringEquals conditions must all match them).
  job_requests = [
    # the script, the library and the plan
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-artifacts/glue/etl_job-abc.py" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-artifacts/glue/lake_glue-def.zip" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-artifacts/glue/plans/tripdata-123.json" },
    # the raw objects of committed runs, and the folder probes around them (defect 3)
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-raw/tripdata/ingest_date=2026-01-01/a.csv" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-raw/tripdata" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-raw/tripdata_$folder$" },
    { action = "s3:ListBucket", resource = "arn:aws:s3:::socar-lake-test-raw" },
    # staged output, the copy to the final keys, the run summary and commit record
    { action = "s3:PutObject", resource = "arn:aws:s3:::socar-lake-test-processed/_staging/tripdata/run=r1/part-0.parquet" },
    { action = "s3:DeleteObject", resource = "arn:aws:s3:::socar-lake-test-processed/_staging/tripdata/run=r1/part-0.parquet" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-processed/_staging/tripdata/run=r1/part-0.parquet" },
    { action = "s3:PutObject", resource = "arn:aws:s3:::socar-lake-test-processed/tripdata/pickup_date=2026-01-01/part-r1-0.parquet" },
    { action = "s3:DeleteObject", resource = "arn:aws:s3:::socar-lake-test-processed/tripdata/pickup_date=2026-01-01/part-r1-0.parquet" },
    { action = "s3:PutObject", resource = "arn:aws:s3:::socar-lake-test-processed/_runs/tripdata/r1.json" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-processed/_runs/tripdata/r0.json" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-processed/_staging/tripdata" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-processed/_staging/tripdata_$folder$" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-processed/_staging" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-processed/tripdata" },
    { action = "s3:ListBucket", resource = "arn:aws:s3:::socar-lake-test-processed" },
    # bad rows
    { action = "s3:PutObject", resource = "arn:aws:s3:::socar-lake-test-quarantine/tripdata/run=r1/bad-rows.jsonl" },
    { action = "s3:DeleteObject", resource = "arn:aws:s3:::socar-lake-test-quarantine/tripdata/run=r1/bad-rows.jsonl" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-quarantine/tripdata" },
    { action = "s3:ListBucket", resource = "arn:aws:s3:::socar-lake-test-quarantine" },
    # SSE-KMS reads and writes under the lake key
    { action = "kms:GenerateDataKey", resource = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555", context = { "kms:ViaService" = "s3.ap-south-1.amazonaws.com" } },
    { action = "kms:Decrypt", resource = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555", context = { "kms:ViaService" = "s3.ap-south-1.amazonaws.com" } },
    { action = "kms:Encrypt", resource = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555", context = { "kms:ViaService" = "s3.ap-south-1.amazonaws.com" } },
    # partitions of a committed run, registered with boto3
    { action = "glue:GetTable", resource = "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_test_processed/tripdata" },
    { action = "glue:GetPartitions", resource = "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_test_processed/tripdata" },
    { action = "glue:GetPartition", resource = "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_test_processed/tripdata" },
    { action = "glue:BatchCreatePartition", resource = "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_test_processed/tripdata" },
    { action = "glue:CreatePartition", resource = "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_test_processed/tripdata" },
    { action = "glue:BatchCreatePartition", resource = "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_test_processed" },
    # logs, into the groups the module created
    { action = "logs:PutLogEvents", resource = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws-glue/jobs/socar-lake-test/error:log-stream:jr_1-driver" },
    { action = "logs:CreateLogStream", resource = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws-glue/jobs/socar-lake-test/output:log-stream:jr_1-driver" },
  ]
  job_refusals = [
    { action = "s3:PutObject", resource = "arn:aws:s3:::socar-lake-test-raw/tripdata/ingest_date=2026-01-01/a.csv" },
    { action = "s3:DeleteObject", resource = "arn:aws:s3:::socar-lake-test-raw/tripdata/ingest_date=2026-01-01/a.csv" },
    { action = "s3:GetObject", resource = "arn:aws:s3:::socar-lake-test-raw/other/ingest_date=2026-01-01/a.csv" },
    { action = "s3:PutObject", resource = "arn:aws:s3:::socar-lake-test-processed/other/part-0.parquet" },
    { action = "s3:PutObject", resource = "arn:aws:s3:::socar-lake-test-processed/_runs/other/r1.json" },
    { action = "s3:PutObject", resource = "arn:aws:s3:::socar-lake-test-processed/tripdata" },
    { action = "s3:PutObject", resource = "arn:aws:s3:::socar-lake-test-artifacts/glue/etl_job-abc.py" },
    { action = "glue:CreateTable", resource = "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_test_processed" },
    { action = "glue:DeletePartition", resource = "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_test_processed/tripdata" },
    { action = "glue:BatchCreatePartition", resource = "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_test_raw/tripdata" },
    { action = "logs:CreateLogGroup", resource = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws-glue/jobs/error" },
    { action = "logs:PutLogEvents", resource = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws-glue/jobs/error:log-stream:jr_1-driver" },
    { action = "kms:Decrypt", resource = "arn:aws:kms:ap-south-1:111122223333:key/99999999-2222-3333-4444-555555555555" },
    # the lake key used directly, not through S3
    { action = "kms:Decrypt", resource = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555", context = {} },
  ]
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
    error_message = "Jobs must run one at a time (the run ledger relies on it) on G.1X workers, with a timeout and the lake's security configuration."
  }
}

# The whole argument map, so that an argument added, dropped or renamed on either side of the contract
# with glue-scripts/etl_job.py fails here.
run "job_arguments_follow_the_job_contract" {
  command = plan

  assert {
    condition = aws_glue_job.this["tripdata"].default_arguments == tomap({
      "--job-language"            = "python"
      "--job-bookmark-option"     = "job-bookmark-disable"
      "--enable-metrics"          = "true"
      "--enable-glue-datacatalog" = "true"
      "--custom-logGroup-prefix"  = "/aws-glue/jobs/socar-lake-test"
      "--extra-py-files"          = "s3://socar-lake-test-artifacts/glue/lake_glue-def.zip"
      "--dataset"                 = "tripdata"
      "--plan_uri"                = "s3://socar-lake-test-artifacts/glue/plans/tripdata-123.json"
      "--raw_path"                = "s3://socar-lake-test-raw/tripdata/"
      "--processed_database"      = "socar_lake_test_processed"
      "--processed_table"         = "tripdata"
      "--processed_path"          = "s3://socar-lake-test-processed/tripdata/"
      "--quarantine_path"         = "s3://socar-lake-test-quarantine/tripdata/"
      "--run_summary_path"        = "s3://socar-lake-test-processed/_runs/tripdata/"
      "--kms_key_arn"             = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
    })
    error_message = "The tripdata job's default arguments must be exactly the job contract (see the module README): no bookmarks, the lake key, the raw path, the Glue 5.0 log prefix, and no raw table or continuous-logging arguments."
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

run "every_log_group_glue_writes_exists_with_retention_and_the_key" {
  command = plan

  assert {
    condition     = toset([for g in aws_cloudwatch_log_group.this : g.name]) == toset(["/aws-glue/jobs/socar-lake-test/error", "/aws-glue/jobs/socar-lake-test/output"])
    error_message = "The module must create <--custom-logGroup-prefix>/error and /output, the two groups Glue 5.0 writes to."
  }

  assert {
    condition = alltrue([
      for j in aws_glue_job.this : alltrue([
        for kind in ["error", "output"] : contains([for g in aws_cloudwatch_log_group.this : g.name], "${j.default_arguments["--custom-logGroup-prefix"]}/${kind}")
      ])
    ])
    error_message = "Every job's --custom-logGroup-prefix must name the module's log groups."
  }

  assert {
    condition = alltrue([
      for g in aws_cloudwatch_log_group.this :
      g.retention_in_days == 30 && g.kms_key_id == "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
    ])
    error_message = "Every job log group needs a retention and the lake key."
  }
}

run "job_role_can_make_exactly_the_jobs_requests" {
  command = apply

  assert {
    condition = alltrue([
      for r in var.job_requests : anytrue([
        for s in jsondecode(aws_iam_role_policy.this.policy).Statement :
        s.Effect == "Allow" && contains(flatten([s.Action]), r.action) && anytrue([
          for p in flatten([s.Resource]) : p == r.resource || (endswith(p, "*") && startswith(r.resource, trimsuffix(p, "*")))
        ]) && alltrue([for op, kv in try(s.Condition, {}) : op == "StringEquals" && alltrue([for k, v in kv : contains(flatten([v]), lookup(try(r.context, {}), k, ""))])])
      ])
    ])
    error_message = "The job role must allow every request in job_requests (reads of raw, staged/final/summary writes, folder probes, partition registration, logs, the key): ${join(", ", [for r in var.job_requests : "${r.action} ${r.resource}" if !anytrue([for s in jsondecode(aws_iam_role_policy.this.policy).Statement : contains(flatten([s.Action]), r.action) && anytrue([for p in flatten([s.Resource]) : p == r.resource || (endswith(p, "*") && startswith(r.resource, trimsuffix(p, "*")))]) && alltrue([for op, kv in try(s.Condition, {}) : op == "StringEquals" && alltrue([for k, v in kv : contains(flatten([v]), lookup(try(r.context, {}), k, ""))])])])])} is refused."
  }

  assert {
    condition = !anytrue([
      for r in var.job_refusals : anytrue([
        for s in jsondecode(aws_iam_role_policy.this.policy).Statement :
        contains(flatten([s.Action]), r.action) && anytrue([
          for p in flatten([s.Resource]) : p == "*" || p == r.resource || (endswith(p, "*") && startswith(r.resource, trimsuffix(p, "*")))
        ]) && alltrue([for op, kv in try(s.Condition, {}) : op == "StringEquals" && alltrue([for k, v in kv : contains(flatten([v]), lookup(try(r.context, {}), k, ""))])])
      ])
    ])
    error_message = "The job role must refuse every request in job_refusals (raw writes, other datasets, catalog changes beyond partitions, log group creation, other keys)."
  }

  assert {
    condition = toset(flatten([for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Action])) == toset([
      "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListBucket", "s3:GetBucketLocation",
      "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey",
      "glue:GetDatabase", "glue:GetTable", "glue:GetPartition", "glue:GetPartitions", "glue:CreatePartition", "glue:BatchCreatePartition",
      "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey", "cloudwatch:PutMetricData",
    ])
    error_message = "The job role must grant exactly the actions the job calls; a new call needs its action here and in iam.tf."
  }

  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : [
        for a in flatten([s.Action]) : a != "*" && !endswith(a, "*")
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
}

# The confused deputy ("The confused deputy problem", IAM guide): Glue may assume the role only for this account.
run "only_glue_of_this_account_assumes_the_job_role" {
  command = apply

  assert {
    condition = jsondecode(aws_iam_role.this.assume_role_policy).Statement == [{
      Effect    = "Allow"
      Principal = { Service = "glue.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
    error_message = "The job role's trust policy must let only glue.amazonaws.com assume it, with aws:SourceAccount = the lake's account."
  }

  assert {
    condition = one([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Condition if contains(flatten([s.Action]), "cloudwatch:PutMetricData")
    ]) == { StringEquals = { "cloudwatch:namespace" = "Glue" } }
    error_message = "PutMetricData has no resource type: its grant on * must be scoped to the Glue namespace."
  }

  # A failed run is retried by the reconciler, which counts it; Glue's own retries would re-run it blindly.
  assert {
    condition     = alltrue([for j in aws_glue_job.this : j.max_retries == 0])
    error_message = "Glue jobs must not retry on their own (max_retries 0): the reconciler retries, bounded."
  }
}

run "glue_4_is_refused" {
  command = plan

  variables {
    glue_version = "4.0"
  }

  expect_failures = [var.glue_version]
}

run "one_worker_is_refused" {
  command = plan

  variables {
    number_of_workers = 1
  }

  expect_failures = [var.number_of_workers]
}

# The longest names the variables allow: a 41-character prefix and a 63-character dataset (the contract
# schema's limit). Limits: Glue job 255, IAM role 64, IAM inline policy 128, log group 512.
run "the_longest_dataset_name_fits_every_name_limit" {
  command = plan

  variables {
    name_prefix      = "socar-lake-a-very-long-environment-name-x"
    datasets         = ["ride_events_from_every_vehicle_in_the_fleet_with_a_long_name_01"]
    typing_plan_keys = {}
  }

  assert {
    condition     = alltrue([for j in aws_glue_job.this : length(j.name) <= 255])
    error_message = "Glue job names must fit 255 characters."
  }

  assert {
    condition     = length(aws_iam_role.this.name) <= 64 && length(aws_iam_role_policy.this.name) <= 128
    error_message = "The job role's name must fit IAM's 64 characters and its policy name 128."
  }

  assert {
    condition     = alltrue([for g in aws_cloudwatch_log_group.this : length(g.name) <= 512])
    error_message = "Job log group names must fit 512 characters."
  }
}
