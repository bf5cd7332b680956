mock_provider "aws" {}

override_resource {
  target = aws_sqs_queue.this
  values = {
    arn = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-test-ingest"
    url = "https://sqs.ap-south-1.amazonaws.com/111122223333/socar-lake-test-ingest"
  }
}

override_resource {
  target = aws_sqs_queue.dead_letter
  values = {
    arn = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-test-ingest-dlq"
    url = "https://sqs.ap-south-1.amazonaws.com/111122223333/socar-lake-test-ingest-dlq"
  }
}

variables {
  name_prefix            = "socar-lake-test"
  account_id             = "111122223333"
  raw_bucket_name        = "socar-lake-test-raw"
  raw_bucket_arn         = "arn:aws:s3:::socar-lake-test-raw"
  kms_key_arn            = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
  function_arn           = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-glue-trigger"
  lambda_timeout_seconds = 30
}

run "raw_bucket_object_created_events_go_to_the_ingest_queue" {
  command = apply

  assert {
    condition     = aws_s3_bucket_notification.this.bucket == "socar-lake-test-raw"
    error_message = "The notification must be on the raw bucket."
  }

  assert {
    condition     = one(aws_s3_bucket_notification.this.queue).queue_arn == aws_sqs_queue.this.arn
    error_message = "The raw bucket must notify the ingest queue."
  }

  assert {
    condition     = one(aws_s3_bucket_notification.this.queue).events == toset(["s3:ObjectCreated:*"])
    error_message = "Every ObjectCreated event (Put, Post, Copy, CompleteMultipartUpload) must be queued."
  }
}

# S3 sends s3:TestEvent to the queue when the notification is saved and refuses the configuration if the
# queue does not accept it ("Amazon S3 Event Notifications"), so the notification must be created after the
# queue policy. terraform test sees values, not the graph: this reads the dependency from the source.
run "the_notification_waits_for_the_queue_policy" {
  command = plan

  assert {
    condition     = strcontains(regex("resource \"aws_s3_bucket_notification\" \"this\" \\{(?s:.*?)\\n\\}", file("${path.module}/main.tf")), "depends_on = [aws_sqs_queue_policy.this]")
    error_message = "aws_s3_bucket_notification.this must depend on aws_sqs_queue_policy.this, or the first apply fails when S3 cannot deliver its test event."
  }
}

run "only_the_raw_bucket_of_this_account_may_send" {
  command = apply

  assert {
    condition = anytrue([
      for s in jsondecode(aws_sqs_queue_policy.this.policy).Statement :
      s.Effect == "Allow" && s.Principal == { Service = "s3.amazonaws.com" } && s.Action == "sqs:SendMessage" &&
      s.Condition == { ArnEquals = { "aws:SourceArn" = "arn:aws:s3:::socar-lake-test-raw" }, StringEquals = { "aws:SourceAccount" = "111122223333" } }
    ])
    error_message = "The queue policy must allow sqs:SendMessage to s3.amazonaws.com only with aws:SourceArn = the raw bucket and aws:SourceAccount = the lake's account."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_sqs_queue_policy.this.policy).Statement :
      s.Effect == "Deny" || s.Principal != "*"
    ])
    error_message = "No statement may allow everyone (Principal \"*\")."
  }
}

run "failing_messages_move_to_the_dead_letter_queue" {
  command = apply

  assert {
    condition     = jsondecode(aws_sqs_queue.this.redrive_policy).deadLetterTargetArn == "arn:aws:sqs:ap-south-1:111122223333:socar-lake-test-ingest-dlq"
    error_message = "The ingest queue must redrive to the ingest dead-letter queue."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.this.redrive_policy).maxReceiveCount == 5
    error_message = "maxReceiveCount must default to 5."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue_redrive_allow_policy.dead_letter.redrive_allow_policy).sourceQueueArns == ["arn:aws:sqs:ap-south-1:111122223333:socar-lake-test-ingest"]
    error_message = "Only the ingest queue may use the dead-letter queue."
  }
}

run "max_receive_count_is_configurable" {
  command = apply

  variables {
    max_receive_count = 3
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.this.redrive_policy).maxReceiveCount == 3
    error_message = "maxReceiveCount must follow var.max_receive_count."
  }
}

run "visibility_timeout_is_six_times_the_function_timeout" {
  command = plan

  variables {
    lambda_timeout_seconds = 45
  }

  assert {
    condition     = aws_sqs_queue.this.visibility_timeout_seconds >= 6 * 45
    error_message = "The visibility timeout must be at least 6x the Lambda timeout (AWS's guidance for SQS event sources)."
  }
}

run "queue_drives_glue_trigger_with_partial_batch_failures" {
  command = plan

  assert {
    condition     = aws_lambda_event_source_mapping.this.function_name == "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-glue-trigger"
    error_message = "The event source mapping must invoke the given glue-trigger function."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.function_response_types == toset(["ReportBatchItemFailures"])
    error_message = "The mapping must use ReportBatchItemFailures so only failed records are retried."
  }
}

run "queues_are_encrypted_with_the_lake_key" {
  command = plan

  assert {
    condition = alltrue([
      for q in [aws_sqs_queue.this, aws_sqs_queue.dead_letter] :
      q.kms_master_key_id == "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
    ])
    error_message = "Both queues must be encrypted with the lake's KMS key."
  }
}

run "dead_letter_depth_raises_an_alarm" {
  command = apply

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.dead_letter.metric_name == "ApproximateNumberOfMessagesVisible" &&
      aws_cloudwatch_metric_alarm.dead_letter.dimensions["QueueName"] == aws_sqs_queue.dead_letter.name &&
      aws_cloudwatch_metric_alarm.dead_letter.threshold == 0 &&
      aws_cloudwatch_metric_alarm.dead_letter.comparison_operator == "GreaterThanThreshold"
    )
    error_message = "An alarm must fire when the dead-letter queue's ApproximateNumberOfMessagesVisible > 0."
  }
}

run "large_batches_without_a_window_are_refused" {
  command = plan

  variables {
    batch_size = 100
  }

  expect_failures = [var.maximum_batching_window_in_seconds]
}

run "max_receive_count_zero_is_refused" {
  command = plan

  variables {
    max_receive_count = 0
  }

  expect_failures = [var.max_receive_count]
}
