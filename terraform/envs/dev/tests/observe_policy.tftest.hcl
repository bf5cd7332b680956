# Who runs `lake status|runs|quarantine --aws` can read what the lake did and change nothing: Glue job runs and the
# processed catalog, the run summaries and committed quarantine records, queue depths, the lake key through S3.
# Runs on a mocked AWS.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  processed  = "arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1"
  quarantine = "arn:aws:s3:::socar-lake-dev-quarantine-111122223333-ap-south-1"
  # Statement by statement: the actions, the resources and the condition, all of this lake's.
  expected = {
    ReadRunsOfTheLakeJobs = {
      actions   = ["glue:GetJobRuns"]
      resources = ["arn:aws:glue:ap-south-1:111122223333:job/socar-lake-dev-rides", "arn:aws:glue:ap-south-1:111122223333:job/socar-lake-dev-tripdata"]
    }
    ReadTheProcessedCatalog = {
      actions = ["glue:GetPartitions", "glue:GetTables"]
      resources = [
        "arn:aws:glue:ap-south-1:111122223333:catalog",
        "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_dev_processed",
        "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_dev_processed/rides",
        "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_dev_processed/tripdata",
      ]
    }
    ListRunSummaries = {
      actions   = ["s3:ListBucket"]
      resources = ["arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1"]
    }
    ReadRunSummaries = {
      actions = ["s3:GetObject"]
      resources = [
        "arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1/_runs/rides/*",
        "arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1/_runs/tripdata/*",
      ]
    }
    ListQuarantinedRuns = {
      actions   = ["s3:ListBucket"]
      resources = ["arn:aws:s3:::socar-lake-dev-quarantine-111122223333-ap-south-1"]
    }
    ReadQuarantinedRows = {
      actions = ["s3:GetObject"]
      resources = [
        "arn:aws:s3:::socar-lake-dev-quarantine-111122223333-ap-south-1/rides/run=*",
        "arn:aws:s3:::socar-lake-dev-quarantine-111122223333-ap-south-1/tripdata/run=*",
      ]
    }
    ReadQueueDepths = {
      actions = ["sqs:GetQueueAttributes"]
      resources = [
        "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-ingest",
        "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-ingest-dlq",
        "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-events-dlq",
      ]
    }
    DecryptThroughS3 = {
      actions   = ["kms:Decrypt"]
      resources = ["arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"]
    }
  }
}

run "the_observe_policy_grants_exactly_what_the_views_read" {
  command = apply

  assert {
    condition     = toset([for s in jsondecode(output.observe_policy).Statement : s.Sid]) == toset(keys(var.expected))
    error_message = "The observe policy must have exactly the statements listed in this test, no more."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(output.observe_policy).Statement :
      s.Effect == "Allow" && toset(flatten([s.Action])) == toset(var.expected[s.Sid].actions) && toset(flatten([s.Resource])) == toset(var.expected[s.Sid].resources)
    ])
    error_message = "Each statement of the observe policy must allow exactly its listed actions on exactly its listed resources."
  }

  assert {
    condition     = output.observe_policy_arn != null && jsondecode(output.observe_policy).Statement == jsondecode(aws_iam_policy.observe[0].policy).Statement
    error_message = "The managed policy <prefix>-observe must exist by default and hold the output observe_policy."
  }
}

# The actions are the ones the views' code calls (tools/Lake.Cli/AwsViews/iam-actions.json, derived by a .NET test):
# a new call without its permission fails here, and no write or message read is ever granted.
run "the_observe_policy_grants_exactly_the_calls_the_views_make" {
  command = apply

  variables {
    view_actions = jsondecode(file("../../../tools/Lake.Cli/AwsViews/iam-actions.json"))
  }

  assert {
    condition     = toset(flatten([for s in jsondecode(output.observe_policy).Statement : s.Action])) == toset(concat(var.view_actions.calls, keys(var.view_actions.platform)))
    error_message = "The observe policy must grant exactly what tools/Lake.Cli/AwsViews/iam-actions.json lists (calls + platform)."
  }
}

# Listing is limited to the folders the views list, and the key to S3.
run "listing_and_the_key_are_scoped" {
  command = apply

  assert {
    condition = {
      for s in jsondecode(output.observe_policy).Statement : s.Sid => s.Condition if try(s.Condition, null) != null
      } == {
      ListRunSummaries    = { StringEquals = { "s3:prefix" = ["_runs/rides/", "_runs/tripdata/"] } }
      ListQuarantinedRuns = { StringEquals = { "s3:prefix" = ["rides/run=", "tripdata/run="] } }
      DecryptThroughS3    = { StringEquals = { "kms:ViaService" = "s3.ap-south-1.amazonaws.com" } }
    }
    error_message = "s3:ListBucket must carry s3:prefix = the views' folders (processed _runs/<dataset>/, quarantine <dataset>/run=), and kms:Decrypt kms:ViaService = s3.<region>.amazonaws.com; no other statement carries a condition."
  }
}

run "the_policy_can_be_left_to_whoever_manages_iam" {
  command = plan

  variables {
    create_observe_policy = false
  }

  assert {
    condition     = length(aws_iam_policy.observe) == 0 && output.observe_policy_arn == null && length(jsondecode(output.observe_policy).Statement) == 8
    error_message = "create_observe_policy = false must create no policy and still output its document."
  }
}
