# The lake console on AWS is an option: off, the lake has none of it; on, a function behind the console's API and
# sign-in whose role reads the lake and queries it in the lake's workgroup, and nothing more. Runs on a mocked AWS.

mock_provider "aws" {
  source = "./tests/mocks"
}

override_resource {
  target = module.console[0].aws_cognito_user_pool.this
  values = { id = "ap-south-1_AbCdEf123", arn = "arn:aws:cognito-idp:ap-south-1:111122223333:userpool/ap-south-1_AbCdEf123" }
}

override_resource {
  target = module.console[0].aws_cognito_user_pool_client.browser
  values = { id = "4example0client0id0abcdef" }
}

override_resource {
  target = module.console[0].aws_apigatewayv2_api.this
  values = { id = "abc123", api_endpoint = "https://abc123.execute-api.ap-south-1.amazonaws.com", execution_arn = "arn:aws:execute-api:ap-south-1:111122223333:abc123" }
}

override_resource {
  target = module.console_function[0].aws_lambda_function.this
  values = {
    arn        = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-dev-console"
    invoke_arn = "arn:aws:apigateway:ap-south-1:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-dev-console/invocations"
  }
}

variables {
  processed  = "arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1"
  quarantine = "arn:aws:s3:::socar-lake-dev-quarantine-111122223333-ap-south-1"
  results    = "arn:aws:s3:::socar-lake-dev-athena-results-111122223333-ap-south-1"

  # Statement by statement: the actions and the resources, all of this lake's, read-only except the query results.
  expected = {
    RunQueriesInTheLakeWorkgroup = {
      actions   = ["athena:GetQueryExecution", "athena:GetQueryResults", "athena:StartQueryExecution", "athena:StopQueryExecution"]
      resources = ["arn:aws:athena:ap-south-1:111122223333:workgroup/socar-lake-dev-analytics"]
    }
    ReadTheProcessedCatalog = {
      actions = ["glue:GetDatabase", "glue:GetPartitions", "glue:GetTable", "glue:GetTables"]
      resources = [
        "arn:aws:glue:ap-south-1:111122223333:catalog",
        "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_dev_processed",
        "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_dev_processed/rides",
        "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_dev_processed/tripdata",
      ]
    }
    ReadRunsOfTheLakeJobs = {
      actions   = ["glue:GetJobRuns"]
      resources = ["arn:aws:glue:ap-south-1:111122223333:job/socar-lake-dev-rides", "arn:aws:glue:ap-south-1:111122223333:job/socar-lake-dev-tripdata"]
    }
    ListTheProcessedZone = {
      actions   = ["s3:GetBucketLocation", "s3:ListBucket"]
      resources = ["arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1"]
    }
    ReadTheProcessedTablesAndRunSummaries = {
      actions = ["s3:GetObject"]
      resources = [
        "arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1/rides/*",
        "arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1/tripdata/*",
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
    LocateTheQueryResults = {
      actions   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
      resources = ["arn:aws:s3:::socar-lake-dev-athena-results-111122223333-ap-south-1"]
    }
    WriteAndReadQueryResults = {
      actions   = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"]
      resources = ["arn:aws:s3:::socar-lake-dev-athena-results-111122223333-ap-south-1/*"]
    }
    UseTheLakeKeyThroughS3 = {
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = ["arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"]
    }
    WriteOwnLogGroup = {
      actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      resources = ["arn:aws:logs:ap-south-1:111122223333:log-group:socar-lake-dev-mock:*"]
    }
  }
}

run "the_console_is_off_by_default" {
  command = plan

  assert {
    condition     = length(module.console) == 0 && length(module.console_function) == 0
    error_message = "Without console.enabled the lake must create no console function, API or user pool."
  }

  assert {
    condition     = output.console_url == null && output.console_sign_in == null && output.function_names["console"] == null
    error_message = "Without console.enabled the console outputs must be null."
  }
}

run "a_memory_size_lambda_refuses_is_refused" {
  command = plan

  variables {
    console = { enabled = true, memory_size = 64 }
  }

  expect_failures = [var.console]
}

run "the_api_calls_the_console_function" {
  command = apply

  variables {
    console = { enabled = true }
  }

  assert {
    condition = module.console[0].invoked_function == {
      invoke_arn    = "arn:aws:apigateway:ap-south-1:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-dev-console/invocations"
      function_name = "socar-lake-dev-console"
    }
    error_message = "The console API must invoke, and permit, the console function socar-lake-dev-console."
  }

  assert {
    condition     = module.console_function[0].timeout == 29
    error_message = "The console function must stop within API Gateway's 30 s (29 s): a longer run is answered 504 while it still runs."
  }

  assert {
    condition     = module.console[0].routes["$default"].authorization_type == "JWT"
    error_message = "The console's API must reach the function through the JWT authorizer for everything but the pages."
  }

  assert {
    condition     = output.console_url == "https://abc123.execute-api.ap-south-1.amazonaws.com"
    error_message = "console_url must be the API's address."
  }

  assert {
    condition = output.console_sign_in == {
      hosted_page  = "https://socar-lake-dev-console.auth.ap-south-1.amazoncognito.com"
      client_id    = "4example0client0id0abcdef"
      user_pool_id = "ap-south-1_AbCdEf123"
      add_user     = "aws cognito-idp admin-create-user --region ap-south-1 --user-pool-id ap-south-1_AbCdEf123 --username <email>"
    }
    error_message = "console_sign_in must name Cognito's hosted page, the browser client and how to add a person to the pool."
  }
}

# What lambdas/console reads at start (ConsoleLambdaSettings): each name, each value, and nothing it does not read.
run "the_function_is_told_where_the_lake_and_its_sign_in_are" {
  command = apply

  variables {
    console = { enabled = true }
  }

  assert {
    condition = module.console_function[0].environment_variables == tomap({
      LAKE_WORKGROUP           = "socar-lake-dev-analytics"
      LAKE_DATABASE            = "socar_lake_dev_processed"
      LAKE_JOB_PREFIX          = "socar-lake-dev-"
      LAKE_PROCESSED_BUCKET    = "socar-lake-dev-processed-111122223333-ap-south-1"
      LAKE_QUARANTINE_BUCKET   = "socar-lake-dev-quarantine-111122223333-ap-south-1"
      LAKE_CONSOLE_AUTH_DOMAIN = "socar-lake-dev-console.auth.ap-south-1.amazoncognito.com"
      LAKE_CONSOLE_CLIENT_ID   = "4example0client0id0abcdef"
      LAKE_ATHENA_USD_PER_TB   = "5"
    })
    error_message = "The console function must be told the lake's workgroup, processed database, job prefix, processed and quarantine buckets, its user pool's sign-in domain and browser client, and Athena's price per TB scanned (5 USD by default)."
  }
}

# ScanCost on the SQL page: the price given reaches the function, and null leaves the cost unshown rather than guessed.
run "the_function_shows_query_cost_at_the_price_given_or_none" {
  command = apply

  variables {
    console                         = { enabled = true }
    console_athena_price_per_tb_usd = 6.25
  }

  assert {
    condition     = module.console_function[0].environment_variables["LAKE_ATHENA_USD_PER_TB"] == "6.25"
    error_message = "console_athena_price_per_tb_usd must reach the console function as LAKE_ATHENA_USD_PER_TB, or the SQL page shows no cost."
  }
}

run "a_null_price_hides_the_query_cost" {
  command = apply

  variables {
    console                         = { enabled = true }
    console_athena_price_per_tb_usd = null
  }

  assert {
    condition     = !contains(keys(module.console_function[0].environment_variables), "LAKE_ATHENA_USD_PER_TB")
    error_message = "With console_athena_price_per_tb_usd = null the console function must not be given LAKE_ATHENA_USD_PER_TB (no cost is shown)."
  }
}

run "a_negative_price_is_refused" {
  command = plan

  variables {
    console_athena_price_per_tb_usd = -1
  }

  expect_failures = [var.console_athena_price_per_tb_usd]
}

run "the_console_role_grants_exactly_what_the_pages_need" {
  command = apply

  variables {
    console = { enabled = true }
  }

  assert {
    condition     = toset([for s in jsondecode(module.console_function[0].iam_policies["socar-lake-dev-console-access"]).Statement : s.Sid]) == toset(keys(var.expected))
    error_message = "The console's role must have exactly the statements listed in this test, no more."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(module.console_function[0].iam_policies["socar-lake-dev-console-access"]).Statement :
      s.Effect == "Allow" && toset(flatten([s.Action])) == toset(var.expected[s.Sid].actions) && toset(flatten([s.Resource])) == toset(var.expected[s.Sid].resources)
    ])
    error_message = "Each statement of the console's role must allow exactly the actions on exactly the resources listed in this test: Athena in the lake's workgroup, catalog reads, job runs, processed data and run summaries, committed quarantine, the query results."
  }

  assert {
    condition = one([
      for s in jsondecode(module.console_function[0].iam_policies["socar-lake-dev-console-access"]).Statement : s.Condition if s.Sid == "ListQuarantinedRuns"
    ]) == { StringLike = { "s3:prefix" = ["rides/run=*", "tripdata/run=*"] } }
    error_message = "The console may list only committed quarantine runs, <dataset>/run=*: the staged rows stay out of sight."
  }
}

# Presence and absence: the role grants exactly what lambdas/iam-actions.json lists for "console" (calls, which a
# .NET test derives from the adapters' code, and what AWS does as the role).
run "the_console_role_grants_exactly_the_calls_its_code_makes" {
  command = apply

  variables {
    console     = { enabled = true }
    iam_actions = jsondecode(file("../../../lambdas/iam-actions.json"))
  }

  assert {
    condition     = toset(flatten([for s in jsondecode(module.console_function[0].iam_policies["socar-lake-dev-console-access"]).Statement : s.Action])) == toset(concat(var.iam_actions["console"].calls, keys(var.iam_actions["console"].platform)))
    error_message = "The console's role must grant exactly the actions lambdas/iam-actions.json lists for console (calls + platform)."
  }

  assert {
    condition = !anytrue(flatten([
      for s in jsondecode(module.console_function[0].iam_policies["socar-lake-dev-console-access"]).Statement : [
        for a in flatten([s.Action]) : can(regex("^(glue:(Start|Create|Update|Delete|Put|BatchDelete|BatchCreate)|athena:(Create|Update|Delete)|s3:(Delete|PutBucket))", a))
      ]
    ]))
    error_message = "The console must not change the lake: no Glue start/create/update/delete, no Athena workgroup changes, no S3 deletes."
  }
}

run "the_console_uses_the_lake_key_only_through_s3" {
  command = apply

  variables {
    console = { enabled = true }
  }

  assert {
    condition = alltrue([
      for s in jsondecode(module.console_function[0].iam_policies["socar-lake-dev-console-access"]).Statement :
      try(s.Condition.StringEquals["kms:ViaService"], null) == ["s3.ap-south-1.amazonaws.com"]
      if anytrue([for a in flatten([s.Action]) : startswith(a, "kms:")])
    ])
    error_message = "The console's role may use the lake key only through S3 (kms:ViaService = s3.ap-south-1.amazonaws.com): data, summaries, quarantine and query results."
  }

  assert {
    condition     = module.console_function[0].log_group_kms_keys == { "/aws/lambda/socar-lake-dev-console" = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555" } && module.console_function[0].log_group_retention_days == { "/aws/lambda/socar-lake-dev-console" = 14 }
    error_message = "The console function's logs must be encrypted with the lake key and expire with dev's retention (14 days)."
  }
}
