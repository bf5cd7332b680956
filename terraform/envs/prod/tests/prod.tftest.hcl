# prod composes the same modules as dev (whose suites test the wiring and security in depth); this
# suite checks what must differ: names and how long the lake remembers. Runs on a mocked AWS.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  notification_emails = ["data-ops@example.com"]
}

run "alarms_without_recipients_are_refused" {
  command = plan

  variables {
    notification_emails = []
  }

  expect_failures = [var.notification_emails]
}

run "an_explicit_opt_out_allows_no_recipients" {
  command = plan

  variables {
    notification_emails        = []
    no_notification_recipients = true
  }

  assert {
    condition     = length(module.notifications.email_subscription_arns) == 0
    error_message = "With no_notification_recipients the plan must go ahead without email subscriptions."
  }
}

run "names_are_prod_names" {
  # Bucket names carry the account and region, read from the key ARN that only the mocked apply knows.
  command = apply

  assert {
    condition     = output.raw_bucket_name == "socar-lake-prod-raw-111122223333-ap-south-1" && output.artifacts_bucket_name == "socar-lake-prod-artifacts-111122223333-ap-south-1"
    error_message = "prod buckets must be socar-lake-prod-<zone>."
  }

  assert {
    condition     = toset(output.datasets) == toset(["tripdata", "rides"])
    error_message = "prod must read the same dataset contracts as dev."
  }

  assert {
    condition     = output.crawler_names == { rides = "socar-lake-prod-rides", tripdata = "socar-lake-prod-tripdata" }
    error_message = "prod crawlers must be socar-lake-prod-<dataset>."
  }
}

# A `terraform destroy` of prod must not take the data with it.
run "prod_data_survives_a_destroy" {
  command = apply

  assert {
    condition     = length(module.storage.force_destroy) == 6 && alltrue([for name, force in module.storage.force_destroy : !force])
    error_message = "No prod bucket may be force-destroyed with its objects (force_destroy = false on all six)."
  }

  assert {
    condition     = module.orchestration.state_table_deletion_protection
    error_message = "The prod orchestration state table must have deletion protection."
  }
}

run "logs_are_kept_a_year" {
  command = apply

  assert {
    condition = alltrue([
      for name, days in merge(
        module.glue_trigger.log_group_retention_days, module.etl_trigger.log_group_retention_days,
        module.ops_notifier.log_group_retention_days, module.etl.log_group_retention_days, module.streaming.log_group_retention_days,
        module.catalog.log_group_retention_days,
      ) : days == 365
    ])
    error_message = "prod log groups must keep a year of events."
  }
}

run "lambda_environment_points_at_prod" {
  command = apply

  assert {
    condition = (
      module.glue_trigger.environment_variables["LAKE_CRAWLER_PREFIX"] == "socar-lake-prod-" &&
      module.ops_notifier.environment_variables["LAKE_RUN_SUMMARY_BUCKET"] == "socar-lake-prod-processed-111122223333-ap-south-1"
    )
    error_message = "prod functions must address prod crawlers and buckets."
  }
}
