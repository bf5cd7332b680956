mock_provider "aws" {
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:ap-south-1:111122223333:key/99999999-8888-7777-6666-555555555555" }
  }
}

override_resource {
  target = aws_sqs_queue.dead_letter
  values = { arn = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-test-events-dlq", name = "socar-lake-test-events-dlq" }
}

override_resource {
  target = aws_sqs_queue.reconcile
  values = { arn = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-test-reconcile", name = "socar-lake-test-reconcile" }
}

override_resource {
  target = aws_sqs_queue.reconcile_dead_letter
  values = { arn = "arn:aws:sqs:ap-south-1:111122223333:socar-lake-test-reconcile-dlq", name = "socar-lake-test-reconcile-dlq" }
}

override_resource {
  target = aws_cloudwatch_event_rule.this["crawler-finished"]
  values = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-crawler-finished", name = "socar-lake-test-crawler-finished" }
}

override_resource {
  target = aws_cloudwatch_event_rule.this["job-finished"]
  values = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-job-finished", name = "socar-lake-test-job-finished" }
}

override_resource {
  target = aws_cloudwatch_event_rule.this["crawler-failed"]
  values = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-crawler-failed", name = "socar-lake-test-crawler-failed" }
}

override_resource {
  target = aws_cloudwatch_event_rule.sweep
  values = { arn = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-sweep", name = "socar-lake-test-sweep" }
}

variables {
  name_prefix                 = "socar-lake-test"
  account_id                  = "111122223333"
  crawler_name_prefix         = "socar-lake-test-"
  job_name_prefix             = "socar-lake-test-"
  etl_trigger_function_arn    = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-etl-trigger"
  etl_trigger_timeout_seconds = 30
  ops_notifier_function_arn   = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-ops-notifier"
  ops_notifier_function_name  = "socar-lake-test-ops-notifier"
  kms_key_arn                 = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
}

run "ended_crawls_of_the_lake_reach_the_reconcile_queue" {
  command = apply

  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.this["crawler-finished"].event_pattern) == {
      source        = ["aws.glue"]
      "detail-type" = ["Glue Crawler State Change"]
      detail        = { state = ["Succeeded", "Failed"], crawlerName = [{ prefix = "socar-lake-test-" }] }
    }
    error_message = "crawler-finished must match aws.glue \"Glue Crawler State Change\" Succeeded or Failed for the lake's crawlers."
  }

  assert {
    condition     = aws_cloudwatch_event_target.this["crawler-finished-reconcile"].arn == aws_sqs_queue.reconcile.arn
    error_message = "crawler-finished must target the reconcile queue."
  }
}

run "ended_job_runs_reach_the_reconciler_and_the_team" {
  command = apply

  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.this["job-finished"].event_pattern) == {
      source        = ["aws.glue"]
      "detail-type" = ["Glue Job State Change"]
      detail        = { state = ["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"], jobName = [{ prefix = "socar-lake-test-" }] }
    }
    error_message = "job-finished must match aws.glue \"Glue Job State Change\" in a final state for the lake's jobs."
  }

  assert {
    condition = (
      aws_cloudwatch_event_target.this["job-finished-reconcile"].arn == aws_sqs_queue.reconcile.arn &&
      aws_cloudwatch_event_target.this["job-finished-notify"].arn == "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-ops-notifier"
    )
    error_message = "job-finished must target both the reconcile queue and ops-notifier."
  }
}

run "failed_crawls_alert_the_team" {
  command = apply

  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.this["crawler-failed"].event_pattern).detail == {
      state = ["Failed"], crawlerName = [{ prefix = "socar-lake-test-" }]
    }
    error_message = "crawler-failed must match only Failed crawls of the lake."
  }

  assert {
    condition     = aws_cloudwatch_event_target.this["crawler-failed-notify"].arn == "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-ops-notifier"
    error_message = "crawler-failed must target ops-notifier."
  }
}

run "a_sweep_reconciles_every_few_minutes" {
  command = apply

  assert {
    condition     = aws_cloudwatch_event_rule.sweep.schedule_expression == "rate(5 minutes)" && aws_cloudwatch_event_target.this["sweep-reconcile"].arn == aws_sqs_queue.reconcile.arn
    error_message = "The sweep must run every 5 minutes by default and reach the reconcile queue."
  }
}

run "a_one_minute_sweep_uses_the_singular_unit" {
  command = plan

  variables {
    sweep_minutes = 1
  }

  assert {
    condition     = aws_cloudwatch_event_rule.sweep.schedule_expression == "rate(1 minute)"
    error_message = "EventBridge accepts rate(1 minute), not rate(1 minutes)."
  }
}

run "the_reconciler_reads_the_queue_with_batch_item_failures" {
  command = apply

  assert {
    condition = (
      aws_lambda_event_source_mapping.reconcile.event_source_arn == aws_sqs_queue.reconcile.arn &&
      aws_lambda_event_source_mapping.reconcile.function_name == "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-etl-trigger" &&
      aws_lambda_event_source_mapping.reconcile.function_response_types == toset(["ReportBatchItemFailures"])
    )
    error_message = "etl-trigger must consume the reconcile queue and report batch item failures."
  }

  assert {
    condition     = aws_sqs_queue.reconcile.visibility_timeout_seconds >= 6 * 30
    error_message = "The reconcile queue's visibility timeout must be at least six times etl-trigger's timeout."
  }

  assert {
    condition = jsondecode(aws_sqs_queue.reconcile.redrive_policy) == {
      deadLetterTargetArn = aws_sqs_queue.reconcile_dead_letter.arn
      maxReceiveCount     = 5
    }
    error_message = "A reconcile event that fails 5 times must move to the reconcile DLQ."
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
    error_message = "Every target must have a retry policy and the encrypted events DLQ."
  }

  assert {
    condition = [
      for s in jsondecode(aws_sqs_queue_policy.dead_letter.policy).Statement : [s.Principal, s.Action, s.Condition.ArnEquals["aws:SourceArn"]] if s.Effect == "Allow"
      ] == [[{ Service = "events.amazonaws.com" }, "sqs:SendMessage", [
        "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-crawler-failed",
        "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-crawler-finished",
        "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-job-finished",
        "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-sweep",
    ]]]
    error_message = "Only the lake's four rules may send to the events DLQ."
  }

  assert {
    condition = [
      for s in jsondecode(aws_sqs_queue_policy.reconcile.policy).Statement : [s.Principal, s.Action, s.Condition.ArnEquals["aws:SourceArn"]] if s.Effect == "Allow"
      ] == [[{ Service = "events.amazonaws.com" }, "sqs:SendMessage", [
        "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-crawler-finished",
        "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-job-finished",
        "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-sweep",
    ]]]
    error_message = "Only the three rules that target it may send to the reconcile queue."
  }
}

run "eventbridge_may_use_only_the_events_key" {
  command = apply

  assert {
    condition = alltrue([
      for q in [aws_sqs_queue.dead_letter, aws_sqs_queue.reconcile, aws_sqs_queue.reconcile_dead_letter] :
      q.kms_master_key_id == aws_kms_key.events.arn
    ])
    error_message = "The three EventBridge-fed queues must be under the events key."
  }

  assert {
    condition     = aws_kms_key.events.arn != var.kms_key_arn && aws_kms_key.events.enable_key_rotation
    error_message = "The events key must be its own rotated key, not the lake key."
  }

  assert {
    condition = [
      for s in jsondecode(aws_kms_key_policy.events.policy).Statement : s.Principal if s.Effect == "Allow"
      ] == [
      { AWS = "arn:aws:iam::111122223333:root" },
      { Service = "events.amazonaws.com" },
    ]
    error_message = "The events key policy must allow only the account (through IAM) and EventBridge."
  }

  assert {
    condition = one([
      for s in jsondecode(aws_kms_key_policy.events.policy).Statement : s.Action if try(s.Principal.Service, "") == "events.amazonaws.com"
    ]) == ["kms:GenerateDataKey", "kms:Decrypt"]
    error_message = "EventBridge may only generate data keys and decrypt with the events key."
  }
}

run "the_state_table_is_under_the_lake_key_and_recoverable" {
  command = apply

  assert {
    condition = (
      aws_dynamodb_table.state.name == "socar-lake-test-orchestration" &&
      aws_dynamodb_table.state.hash_key == "dataset" &&
      aws_dynamodb_table.state.billing_mode == "PAY_PER_REQUEST" &&
      one(aws_dynamodb_table.state.server_side_encryption).enabled &&
      one(aws_dynamodb_table.state.server_side_encryption).kms_key_arn == var.kms_key_arn &&
      one(aws_dynamodb_table.state.point_in_time_recovery).enabled
    )
    error_message = "The state table must be keyed by dataset, on demand, under the lake key, with point-in-time recovery."
  }
}

run "every_queue_alarm_reaches_the_topic" {
  command = apply

  variables {
    alarm_actions = ["arn:aws:sns:ap-south-1:111122223333:socar-lake-test-ops"]
  }

  assert {
    condition = toset(keys(aws_cloudwatch_metric_alarm.queue)) == toset(["events-dlq-not-empty", "reconcile-dlq-not-empty", "reconcile-stalled"]) && alltrue([
      for a in aws_cloudwatch_metric_alarm.queue :
      a.alarm_actions == toset(["arn:aws:sns:ap-south-1:111122223333:socar-lake-test-ops"]) && a.ok_actions == a.alarm_actions
    ])
    error_message = "Each queue alarm (both DLQs, the stalled reconcile queue) must notify the topic."
  }
}

run "ops_notifier_may_be_invoked_only_by_its_rules" {
  command = apply

  assert {
    condition = (
      aws_lambda_permission.notify["job-finished-notify"].source_arn == "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-job-finished" &&
      aws_lambda_permission.notify["crawler-failed-notify"].source_arn == "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-test-crawler-failed" &&
      alltrue([for p in aws_lambda_permission.notify : p.function_name == "socar-lake-test-ops-notifier" && p.principal == "events.amazonaws.com"])
    )
    error_message = "Each ops-notifier permission must be scoped to its own rule's ARN."
  }
}

run "retry_attempts_above_185_are_refused" {
  command = plan

  variables {
    maximum_retry_attempts = 186
  }

  expect_failures = [var.maximum_retry_attempts]
}

run "a_sweep_slower_than_an_hour_is_refused" {
  command = plan

  variables {
    sweep_minutes = 61
  }

  expect_failures = [var.sweep_minutes]
}
