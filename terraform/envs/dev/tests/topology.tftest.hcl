# How the dev lake is wired: raw bucket → queue → glue-trigger → crawlers → EventBridge → etl-trigger →
# jobs → EventBridge → ops-notifier → topic, and Kinesis → Firehose → raw bucket. Runs on a mocked AWS.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "datasets_come_from_the_contracts" {
  # Bucket names carry the account and region, read from the key ARN that only the mocked apply knows.
  command = apply

  assert {
    condition     = toset(output.datasets) == toset(["tripdata", "rides"])
    error_message = "The environment must read datasets/tripdata.json and datasets/rides.json (and no schema file) as its datasets."
  }

  assert {
    condition     = output.raw_bucket_name == "socar-lake-dev-raw-111122223333-ap-south-1" && output.artifacts_bucket_name == "socar-lake-dev-artifacts-111122223333-ap-south-1"
    error_message = "The build reads raw_bucket_name and artifacts_bucket_name; they must be <project>-<env>-<zone>."
  }
}

run "raw_bucket_feeds_the_ingest_queue_that_drives_glue_trigger" {
  command = apply

  assert {
    condition     = module.ingestion.notification.bucket == output.raw_bucket_name
    error_message = "The S3 notification must be on the raw bucket."
  }

  assert {
    condition     = module.ingestion.notification.queue_arn == module.ingestion.ingest_queue_arn
    error_message = "The raw bucket must notify the ingest queue."
  }

  assert {
    condition     = module.ingestion.notification.events == toset(["s3:ObjectCreated:*"])
    error_message = "Every s3:ObjectCreated:* event of the raw bucket must be queued."
  }

  assert {
    condition     = module.ingestion.event_source_mapping.event_source_arn == module.ingestion.ingest_queue_arn
    error_message = "The event source mapping must read the ingest queue."
  }

  assert {
    condition     = module.ingestion.event_source_mapping.function_name == module.glue_trigger.function_arn
    error_message = "The ingest queue must invoke glue-trigger."
  }

  assert {
    condition     = module.ingestion.event_source_mapping.function_response_types == toset(["ReportBatchItemFailures"])
    error_message = "glue-trigger reports failed records: the mapping needs ReportBatchItemFailures."
  }

  assert {
    condition     = module.ingestion.visibility_timeout_seconds >= 6 * 30
    error_message = "The ingest queue's visibility timeout must be at least 6x glue-trigger's timeout (30 s)."
  }

  assert {
    condition = module.glue_trigger.environment_variables == tomap({
      LAKE_CRAWLER_PREFIX             = "socar-lake-dev-"
      LAKE_DEAD_LETTER_QUEUE_URL      = module.ingestion.dead_letter_queue_url
      LAKE_STATE_TABLE                = "socar-lake-dev-orchestration"
      LAKE_MIN_CRAWL_INTERVAL_SECONDS = "0"
    })
    error_message = "glue-trigger needs LAKE_CRAWLER_PREFIX = <name_prefix>-, LAKE_DEAD_LETTER_QUEUE_URL = the ingest dead-letter queue and LAKE_STATE_TABLE = the orchestration state table."
  }

  assert {
    condition     = module.ingestion.dead_letter_queue_url == "https://sqs.ap-south-1.amazonaws.com/111122223333/socar-lake-dev-ingest-dlq"
    error_message = "LAKE_DEAD_LETTER_QUEUE_URL must be the ingest dead-letter queue's URL."
  }
}

run "every_contract_has_its_crawler" {
  command = apply

  assert {
    condition     = toset(keys(module.catalog.crawlers)) == toset(output.datasets)
    error_message = "Every dataset contract needs exactly one crawler."
  }

  assert {
    condition = alltrue([
      for name in ["tripdata", "rides"] :
      module.catalog.crawlers[name].name == "socar-lake-dev-${name}" &&
      module.catalog.crawlers[name].s3_target_path == "s3://socar-lake-dev-raw-111122223333-ap-south-1/${name}/" &&
      module.catalog.crawlers[name].database_name == "socar_lake_dev_raw"
    ])
    error_message = "Crawler socar-lake-dev-<dataset> must crawl s3://socar-lake-dev-raw-111122223333-ap-south-1/<dataset>/ into socar_lake_dev_raw."
  }
}

run "every_contract_has_its_job" {
  command = apply

  assert {
    condition     = toset(keys(module.etl.jobs)) == toset(output.datasets)
    error_message = "Every dataset contract needs exactly one Glue job."
  }

  assert {
    condition = alltrue([
      for name in ["tripdata", "rides"] :
      module.etl.jobs[name].name == "socar-lake-dev-${name}" &&
      module.etl.jobs[name].script_location == "s3://socar-lake-dev-artifacts-111122223333-ap-south-1/glue/etl_job.py" &&
      module.etl.jobs[name].default_arguments["--dataset"] == name &&
      module.etl.jobs[name].default_arguments["--plan_uri"] == "s3://socar-lake-dev-artifacts-111122223333-ap-south-1/glue/plans/${name}.json" &&
      module.etl.jobs[name].default_arguments["--raw_path"] == "s3://socar-lake-dev-raw-111122223333-ap-south-1/${name}/" &&
      module.etl.jobs[name].default_arguments["--kms_key_arn"] == module.storage.kms_key_arn &&
      module.etl.jobs[name].default_arguments["--processed_database"] == "socar_lake_dev_processed" &&
      module.etl.jobs[name].default_arguments["--processed_table"] == name &&
      module.etl.jobs[name].default_arguments["--processed_path"] == "s3://socar-lake-dev-processed-111122223333-ap-south-1/${name}/" &&
      module.etl.jobs[name].default_arguments["--quarantine_path"] == "s3://socar-lake-dev-quarantine-111122223333-ap-south-1/${name}/" &&
      module.etl.jobs[name].default_arguments["--run_summary_path"] == "s3://socar-lake-dev-processed-111122223333-ap-south-1/_runs/${name}/" &&
      module.etl.jobs[name].default_arguments["--extra-py-files"] == "s3://socar-lake-dev-artifacts-111122223333-ap-south-1/glue/lake_glue.zip" &&
      module.etl.jobs[name].default_arguments["--job-bookmark-option"] == "job-bookmark-disable"
    ])
    error_message = "Job socar-lake-dev-<dataset> must run the uploaded script with its dataset's plan, raw path, processed table, zone paths and the lake key, without bookmarks."
  }

  assert {
    condition     = alltrue([for j in values(module.etl.jobs) : j.security_configuration == module.catalog.security_configuration_name])
    error_message = "Every job must use the lake's Glue security configuration."
  }
}

run "crawler_success_reaches_the_reconciler" {
  command = apply

  assert {
    condition = (
      jsondecode(module.orchestration.rules["crawler-finished"].event_pattern).source == ["aws.glue"] &&
      jsondecode(module.orchestration.rules["crawler-finished"].event_pattern)["detail-type"] == ["Glue Crawler State Change"] &&
      jsondecode(module.orchestration.rules["crawler-finished"].event_pattern).detail.state == ["Succeeded", "Failed"] &&
      jsondecode(module.orchestration.rules["crawler-finished"].event_pattern).detail.crawlerName == [{ prefix = "socar-lake-dev-" }]
    )
    error_message = "crawler-finished must match aws.glue crawler states Succeeded and Failed for crawlers prefixed socar-lake-dev-."
  }

  assert {
    condition = (
      module.orchestration.targets["crawler-finished-reconcile"].rule == module.orchestration.rule_names["crawler-finished"] &&
      module.orchestration.targets["crawler-finished-reconcile"].target_arn == module.orchestration.reconcile_queue_arn &&
      module.orchestration.reconcile_source.function_name == module.etl_trigger.function_arn
    )
    error_message = "crawler-finished must reach etl-trigger through the reconcile queue."
  }

  assert {
    condition = module.etl_trigger.environment_variables == tomap({
      LAKE_CRAWLER_PREFIX = "socar-lake-dev-"
      LAKE_JOB_PREFIX     = "socar-lake-dev-"
      LAKE_PLAN_URIS      = jsonencode({ rides = "s3://socar-lake-dev-artifacts-111122223333-ap-south-1/glue/plans/rides.json", tripdata = "s3://socar-lake-dev-artifacts-111122223333-ap-south-1/glue/plans/tripdata.json" })
      LAKE_STATE_TABLE    = "socar-lake-dev-orchestration"
      # Work starts at once, and runs wait for the crawl, unless orchestration_pacing says otherwise.
      LAKE_MIN_CRAWL_INTERVAL_SECONDS = "0"
      LAKE_MIN_JOB_INTERVAL_SECONDS   = "0"
      LAKE_JOB_WAITS_FOR_CRAWL        = "true"
    })
    error_message = "etl-trigger needs LAKE_CRAWLER_PREFIX, LAKE_JOB_PREFIX, LAKE_PLAN_URIS (dataset → plan URI as JSON), LAKE_STATE_TABLE and the pacing of orchestration_pacing (defaults 0, 0, true)."
  }
}

# "Configuring a queue to use with Lambda": a visibility timeout of at least six times the function's timeout,
# so a batch Lambda is still retrying is not handed out twice. Compared with the functions as configured.
run "queue_visibility_is_six_times_the_consumer_timeout" {
  command = apply

  assert {
    condition = (
      module.ingestion.visibility_timeout_seconds >= 6 * module.glue_trigger.timeout &&
      module.orchestration.reconcile_visibility_timeout_seconds >= 6 * module.etl_trigger.timeout
    )
    error_message = "The ingest queue's visibility must be at least 6 x glue-trigger's timeout, the reconcile queue's at least 6 x etl-trigger's."
  }
}

run "lost_events_are_covered_by_the_sweep" {
  command = apply

  assert {
    condition = (
      module.orchestration.targets["sweep-reconcile"].rule == module.orchestration.rule_names["sweep"] &&
      module.orchestration.targets["sweep-reconcile"].target_arn == module.orchestration.reconcile_queue_arn
    )
    error_message = "The sweep must reach the reconcile queue: it is what recovers work from a lost Glue event."
  }
}

run "finished_jobs_reach_the_reconciler_and_ops_notifier" {
  command = apply

  assert {
    condition = (
      jsondecode(module.orchestration.rules["job-finished"].event_pattern)["detail-type"] == ["Glue Job State Change"] &&
      jsondecode(module.orchestration.rules["job-finished"].event_pattern).detail.state == ["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"] &&
      jsondecode(module.orchestration.rules["job-finished"].event_pattern).detail.jobName == [{ prefix = "socar-lake-dev-" }]
    )
    error_message = "job-finished must match \"Glue Job State Change\" in SUCCEEDED, FAILED, TIMEOUT or STOPPED for jobs prefixed socar-lake-dev-."
  }

  assert {
    condition = (
      module.orchestration.targets["job-finished-notify"].target_arn == module.ops_notifier.function_arn &&
      module.orchestration.targets["job-finished-reconcile"].target_arn == module.orchestration.reconcile_queue_arn &&
      module.orchestration.targets["crawler-failed-notify"].target_arn == module.ops_notifier.function_arn
    )
    error_message = "Finished jobs must reach ops-notifier and the reconciler; failed crawls must reach ops-notifier."
  }

  assert {
    condition = alltrue([
      for t in values(module.orchestration.targets) :
      t.dead_letter_arn == module.orchestration.dead_letter_queue_arn && t.retry_policy.maximum_retry_attempts > 0 && t.retry_policy.maximum_event_age_in_seconds > 0
    ])
    error_message = "Every target needs a retry policy and the events dead-letter queue."
  }

  assert {
    condition = module.ops_notifier.environment_variables == tomap({
      LAKE_JOB_PREFIX         = "socar-lake-dev-"
      LAKE_CRAWLER_PREFIX     = "socar-lake-dev-"
      LAKE_TOPIC_ARN          = module.notifications.topic_arn
      LAKE_RUN_SUMMARY_BUCKET = "socar-lake-dev-processed-111122223333-ap-south-1"
    })
    error_message = "ops-notifier needs LAKE_JOB_PREFIX, LAKE_CRAWLER_PREFIX (failed crawls), LAKE_TOPIC_ARN and LAKE_RUN_SUMMARY_BUCKET (the processed bucket)."
  }
}

run "rides_stream_lands_in_the_raw_zone" {
  command = apply

  assert {
    condition     = keys(module.streaming.delivery_streams) == ["rides"]
    error_message = "By default only rides is streamed."
  }

  assert {
    condition = (
      module.streaming.delivery_streams["rides"].prefix == "rides/ingest_date=!{timestamp:yyyy-MM-dd}/" &&
      module.streaming.delivery_streams["rides"].bucket_arn == "arn:aws:s3:::socar-lake-dev-raw-111122223333-ap-south-1" &&
      module.streaming.delivery_streams["rides"].source_stream_arn == module.streaming.stream_arns["rides"]
    )
    error_message = "Firehose must read the rides stream and write s3://socar-lake-dev-raw-111122223333-ap-south-1/rides/ingest_date=YYYY-MM-DD/."
  }
}

run "artifact_keys_from_the_build_reach_functions_and_jobs" {
  command = apply

  variables {
    lambda_packages = {
      glue-trigger = { s3_key = "lambdas/glue-trigger-0a1b2c.zip", source_code_hash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" }
    }
    glue_script_key  = "glue/etl_job-3d4e5f.py"
    typing_plan_keys = { tripdata = "glue/plans/tripdata-6a7b8c.json" }
  }

  assert {
    condition     = module.etl.jobs["tripdata"].script_location == "s3://socar-lake-dev-artifacts-111122223333-ap-south-1/glue/etl_job-3d4e5f.py"
    error_message = "glue_script_key must become every job's script location."
  }

  assert {
    condition = jsondecode(module.etl_trigger.environment_variables.LAKE_PLAN_URIS) == {
      tripdata = "s3://socar-lake-dev-artifacts-111122223333-ap-south-1/glue/plans/tripdata-6a7b8c.json"
      rides    = "s3://socar-lake-dev-artifacts-111122223333-ap-south-1/glue/plans/rides.json"
    }
    error_message = "typing_plan_keys must reach LAKE_PLAN_URIS; datasets without one default to glue/plans/<dataset>.json."
  }

  assert {
    condition     = module.etl.jobs["tripdata"].default_arguments["--plan_uri"] == "s3://socar-lake-dev-artifacts-111122223333-ap-south-1/glue/plans/tripdata-6a7b8c.json"
    error_message = "The job's --plan_uri must be the uploaded plan."
  }
}

run "notification_emails_are_subscribed" {
  command = plan

  variables {
    notification_emails = ["data-ops@example.com"]
  }

  assert {
    condition     = keys(module.notifications.email_subscription_arns) == ["data-ops@example.com"]
    error_message = "Every notification_emails address must be subscribed to the ops topic."
  }
}

# dev alarms publish to the ops topic too; without notification_emails nobody is mailed, and that is allowed.
run "dev_needs_no_notification_recipients" {
  command = plan

  assert {
    condition     = length(module.notifications.email_subscription_arns) == 0
    error_message = "dev must plan without notification_emails (no subscribers), unlike prod."
  }
}

# Every alarm the lake has, by name; a new alarm must be added here, and it must notify the ops topic
# when it fires and when it recovers.
run "every_alarm_notifies_the_ops_topic" {
  command = apply

  assert {
    condition = toset(keys(merge(
      module.ingestion.alarms, module.orchestration.alarms,
      module.glue_trigger.alarms, module.etl_trigger.alarms, module.ops_notifier.alarms,
      ))) == toset([
      "socar-lake-dev-ingest-dlq-not-empty", "socar-lake-dev-events-dlq-not-empty",
      "socar-lake-dev-reconcile-dlq-not-empty", "socar-lake-dev-reconcile-stalled",
      "socar-lake-dev-glue-trigger-errors", "socar-lake-dev-etl-trigger-errors", "socar-lake-dev-ops-notifier-errors",
    ])
    error_message = "The lake's alarms must be exactly the three dead-letter alarms, the stalled reconcile queue and the three function error alarms; add a new one to this list."
  }

  assert {
    condition = alltrue([
      for a in values(merge(
        module.ingestion.alarms, module.orchestration.alarms,
        module.glue_trigger.alarms, module.etl_trigger.alarms, module.ops_notifier.alarms,
      )) : a.alarm_actions == toset([module.notifications.topic_arn]) && a.ok_actions == toset([module.notifications.topic_arn])
    ])
    error_message = "Every alarm must notify the ops topic, and only it, on ALARM and on OK."
  }
}

# The lake's EventBridge rules, by name: each is tested above for its pattern and target.
run "every_rule_is_tested" {
  command = apply

  assert {
    condition     = toset(keys(module.orchestration.rule_names)) == toset(["crawler-finished", "job-finished", "crawler-failed", "sweep"]) && toset(keys(module.orchestration.targets)) == toset(["crawler-finished-reconcile", "job-finished-reconcile", "job-finished-notify", "crawler-failed-notify", "sweep-reconcile"])
    error_message = "The lake's rules must be exactly crawler-finished, job-finished, crawler-failed and sweep, with the five targets tested above; a new rule or target needs its test here."
  }
}

run "pacing_reaches_both_reconcilers_as_the_environment_their_csharp_reads" {
  command = plan

  variables {
    orchestration_pacing = { job_waits_for_crawl = false, min_crawl_interval_seconds = 21600, min_job_interval_seconds = 1200 }
  }

  assert {
    condition = (
      module.etl_trigger.environment_variables["LAKE_JOB_WAITS_FOR_CRAWL"] == "false" &&
      module.etl_trigger.environment_variables["LAKE_MIN_CRAWL_INTERVAL_SECONDS"] == "21600" &&
      module.etl_trigger.environment_variables["LAKE_MIN_JOB_INTERVAL_SECONDS"] == "1200" &&
      module.glue_trigger.environment_variables["LAKE_MIN_CRAWL_INTERVAL_SECONDS"] == "21600"
    )
    error_message = "orchestration_pacing must reach etl-trigger (all three) and glue-trigger (the crawl interval: it starts crawls on arrivals) as \"false\"/\"true\" and whole seconds, the text ReconcileSettings parses."
  }
}

run "pacing_beyond_a_day_is_refused" {
  command = plan

  variables {
    orchestration_pacing = { min_job_interval_seconds = 90000 }
  }

  expect_failures = [var.orchestration_pacing]
}

run "a_streamed_dataset_needs_a_contract" {
  command = plan

  variables {
    streamed_datasets = ["rides", "scooters"]
  }

  expect_failures = [var.streamed_datasets]
}
