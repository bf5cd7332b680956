mock_provider "aws" {
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111122223333:role/socar-lake-test-rides-firehose" }
  }
  mock_resource "aws_kinesis_stream" {
    defaults = { arn = "arn:aws:kinesis:ap-south-1:111122223333:stream/socar-lake-test-rides" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws/kinesisfirehose/socar-lake-test-rides" }
  }
}

variables {
  name_prefix    = "socar-lake-test"
  account_id     = "111122223333"
  raw_bucket_arn = "arn:aws:s3:::socar-lake-test-raw"
  kms_key_arn    = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
}

run "rides_stream_is_on_demand_and_encrypted" {
  command = plan

  assert {
    condition     = toset(keys(aws_kinesis_stream.this)) == toset(["rides"])
    error_message = "By default only the rides dataset is streamed."
  }

  assert {
    condition = (
      aws_kinesis_stream.this["rides"].name == "socar-lake-test-rides" &&
      aws_kinesis_stream.this["rides"].stream_mode_details[0].stream_mode == "ON_DEMAND" &&
      aws_kinesis_stream.this["rides"].encryption_type == "KMS" &&
      aws_kinesis_stream.this["rides"].kms_key_id == var.kms_key_arn
    )
    error_message = "The stream must be <name_prefix>-<dataset>, on-demand and KMS-encrypted with the lake's key."
  }
}

run "firehose_lands_json_lines_in_the_raw_layout" {
  command = plan

  assert {
    condition     = aws_kinesis_firehose_delivery_stream.this["rides"].destination == "extended_s3"
    error_message = "Firehose must deliver to S3 (extended_s3)."
  }

  assert {
    condition     = aws_kinesis_firehose_delivery_stream.this["rides"].extended_s3_configuration[0].prefix == "rides/ingest_date=!{timestamp:yyyy-MM-dd}/"
    error_message = "Firehose must write to the raw layout <dataset>/ingest_date=YYYY-MM-DD/."
  }

  assert {
    condition     = aws_kinesis_firehose_delivery_stream.this["rides"].extended_s3_configuration[0].error_output_prefix == "_errors/rides/!{firehose:error-output-type}/ingest_date=!{timestamp:yyyy-MM-dd}/"
    error_message = "Failed records must go to _errors/<dataset>/<error type>/ingest_date=YYYY-MM-DD/, outside the dataset prefix."
  }

  assert {
    condition = (
      aws_kinesis_firehose_delivery_stream.this["rides"].extended_s3_configuration[0].bucket_arn == var.raw_bucket_arn &&
      aws_kinesis_firehose_delivery_stream.this["rides"].extended_s3_configuration[0].kms_key_arn == var.kms_key_arn &&
      aws_kinesis_firehose_delivery_stream.this["rides"].extended_s3_configuration[0].buffering_size == 5 &&
      aws_kinesis_firehose_delivery_stream.this["rides"].extended_s3_configuration[0].buffering_interval == 60
    )
    error_message = "Firehose must write to the raw bucket with the lake's KMS key, buffering 5 MB / 60 s by default."
  }

  assert {
    condition     = aws_kinesis_firehose_delivery_stream.this["rides"].extended_s3_configuration[0].cloudwatch_logging_options[0].enabled
    error_message = "Firehose delivery errors must be logged."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this["rides"].retention_in_days == 30
    error_message = "The delivery log group must have a retention."
  }
}

run "firehose_reads_its_stream" {
  command = apply

  assert {
    condition     = aws_kinesis_firehose_delivery_stream.this["rides"].kinesis_source_configuration[0].kinesis_stream_arn == aws_kinesis_stream.this["rides"].arn
    error_message = "The delivery stream's source must be the dataset's Kinesis stream."
  }

  assert {
    condition = one([
      for s in jsondecode(aws_iam_role_policy.this["rides"].policy).Statement : s.Resource if s.Sid == "WriteDatasetRawObjects"
    ]) == ["arn:aws:s3:::socar-lake-test-raw/rides/*", "arn:aws:s3:::socar-lake-test-raw/_errors/rides/*"]
    error_message = "Firehose may write only its dataset's raw prefix and error prefix."
  }
}

run "only_firehose_for_this_account_assumes_the_delivery_role" {
  command = apply

  variables {
    log_kms_key_arn = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
  }

  assert {
    condition = alltrue([
      for r in aws_iam_role.this : jsondecode(r.assume_role_policy).Statement == [{
        Effect    = "Allow"
        Principal = { Service = "firehose.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "sts:ExternalId" = "111122223333" } }
      }]
    ])
    error_message = "Each delivery role's trust policy must let only firehose.amazonaws.com assume it, with sts:ExternalId = the lake's account."
  }

  assert {
    condition     = alltrue([for g in aws_cloudwatch_log_group.this : g.kms_key_id == var.log_kms_key_arn && g.kms_key_id != null])
    error_message = "Each Firehose log group must be encrypted with the given key."
  }
}

run "several_streamed_datasets" {
  command = plan

  variables {
    datasets = ["rides", "tripdata"]
  }

  assert {
    condition     = toset(keys(aws_kinesis_firehose_delivery_stream.this)) == toset(["rides", "tripdata"])
    error_message = "Every streamed dataset needs its own delivery stream."
  }
}

run "buffers_above_128_mb_are_refused" {
  command = plan

  variables {
    buffering_size = 129
  }

  expect_failures = [var.buffering_size]
}

# The longest names the variables allow: a 41-character prefix and two 63-character dataset names (the
# contract schema's limit) that differ only at the end. Limits: Firehose delivery stream 64, IAM role 64,
# IAM inline policy 128, Kinesis stream 128, log group 512.
run "the_longest_dataset_names_fit_every_name_limit" {
  command = plan

  variables {
    name_prefix = "socar-lake-a-very-long-environment-name-x"
    datasets    = ["ride_events_from_every_vehicle_in_the_fleet_with_a_long_name_01", "ride_events_from_every_vehicle_in_the_fleet_with_a_long_name_02"]
  }

  assert {
    condition     = alltrue([for f in aws_kinesis_firehose_delivery_stream.this : length(f.name) <= 64]) && length(distinct([for f in aws_kinesis_firehose_delivery_stream.this : f.name])) == 2
    error_message = "Firehose delivery stream names must fit 64 characters and stay distinct for datasets that differ only at the end."
  }

  assert {
    condition     = alltrue([for r in aws_iam_role.this : length(r.name) <= 64]) && alltrue([for p in aws_iam_role_policy.this : length(p.name) <= 128])
    error_message = "Firehose role names must fit IAM's 64 characters and their policy names 128."
  }

  assert {
    condition     = alltrue([for s in aws_kinesis_stream.this : length(s.name) <= 128]) && alltrue([for g in aws_cloudwatch_log_group.this : length(g.name) <= 512])
    error_message = "Kinesis stream names must fit 128 characters and log group names 512."
  }
}
