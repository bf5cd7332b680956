mock_provider "aws" {
  mock_resource "aws_sqs_queue" {
    defaults = { arn = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-test-events-dlq" }
  }
}

override_resource {
  target = aws_cloudwatch_event_rule.this["crawler-succeeded"]
  values = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-crawler-succeeded" }
}

override_resource {
  target = aws_cloudwatch_event_rule.this["job-finished"]
  values = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-job-finished" }
}

variables {
  name_prefix                = "socar-lake-test"
  crawler_name_prefix        = "socar-lake-test-"
  job_name_prefix            = "socar-lake-test-"
  etl_trigger_function_arn   = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-etl-trigger"
  etl_trigger_function_name  = "socar-lake-test-etl-trigger"
  ops_notifier_function_arn  = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-ops-notifier"
  ops_notifier_function_name = "socar-lake-test-ops-notifier"
  kms_key_arn                = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
}

run "crawler_successes_of_the_lake_go_to_etl_trigger" {
  command = plan

  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.this["crawler-succeeded"].event_pattern) == {
      source        = ["aws.glue"]
      "detail-type" = ["Glue Crawler State Change"]
      detail        = { state = ["Succeeded"], crawlerName = [{ prefix = "socar-lake-test-" }] }
    }
    error_message = "Rule 1 must match aws.glue \"Glue Crawler State Change\" with state Succeeded for crawlers named <name_prefix>-*."
  }

  assert {
    condition     = aws_cloudwatch_event_target.this["crawler-succeeded"].arn == "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-etl-trigger"
    error_message = "Rule 1 must target etl-trigger."
  }
}

run "finished_jobs_of_the_lake_go_to_ops_notifier" {
  command = plan

  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.this["job-finished"].event_pattern) == {
      source        = ["aws.glue"]
      "detail-type" = ["Glue Job State Change"]
      detail        = { state = ["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"], jobName = [{ prefix = "socar-lake-test-" }] }
    }
    error_message = "Rule 2 must match aws.glue \"Glue Job State Change\" in a final state for jobs named <name_prefix>-*."
  }

  assert {
    condition     = aws_cloudwatch_event_target.this["job-finished"].arn == "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-ops-notifier"
    error_message = "Rule 2 must target ops-notifier."
  }
}

run "undeliverable_events_are_retried_then_kept" {
  command = apply

  assert {
    condition = alltrue([
      for t in aws_cloudwatch_event_target.this :
      t.retry_policy[0].maximum_retry_attempts == 8 && t.retry_policy[0].maximum_event_age_in_seconds == 3600 &&
      t.dead_letter_config[0].arn == aws_sqs_queue.dead_letter.arn
    ])
    error_message = "Both targets must have a retry policy and the encrypted dead-letter queue."
  }

  assert {
    condition     = aws_sqs_queue.dead_letter.kms_master_key_id == "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
    error_message = "The dead-letter queue must be encrypted with the lake's key."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_sqs_queue_policy.dead_letter.policy).Statement :
      s.Principal == { Service = "events.amazonaws.com" } && try(s.Condition.ArnEquals["aws:SourceArn"], []) == [
        "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-crawler-succeeded",
        "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-job-finished",
      ]
    ])
    error_message = "Only the two lake rules may send to the dead-letter queue."
  }
}

run "each_function_may_be_invoked_only_by_its_rule" {
  command = apply

  assert {
    condition = (
      aws_lambda_permission.this["crawler-succeeded"].function_name == "socar-lake-test-etl-trigger" &&
      aws_lambda_permission.this["crawler-succeeded"].source_arn == "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-crawler-succeeded" &&
      aws_lambda_permission.this["job-finished"].function_name == "socar-lake-test-ops-notifier" &&
      aws_lambda_permission.this["job-finished"].source_arn == "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-job-finished"
    )
    error_message = "Each Lambda permission must be scoped to its own rule's ARN."
  }

  assert {
    condition     = alltrue([for p in aws_lambda_permission.this : p.principal == "events.amazonaws.com" && p.action == "lambda:InvokeFunction"])
    error_message = "Only EventBridge may invoke the functions through these permissions."
  }
}

run "retry_attempts_above_185_are_refused" {
  command = plan

  variables {
    maximum_retry_attempts = 186
  }

  expect_failures = [var.maximum_retry_attempts]
}
