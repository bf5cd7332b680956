# Mocked ARNs are random strings; Lambda validates the role ARN, so give the mocks real-looking ones.
mock_provider "aws" {
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111122223333:role/socar-lake-test-glue-trigger" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws/lambda/socar-lake-test-glue-trigger" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-glue-trigger" }
  }
}

variables {
  function_name = "socar-lake-test-glue-trigger"
  s3_bucket     = "socar-lake-test-artifacts"
  s3_key        = "lambdas/glue-trigger-abc123.zip"
  timeout       = 30
  memory_size   = 256
  environment_variables = {
    LAKE_CRAWLER_PREFIX = "socar-lake-test-"
  }
  policy_statements = [
    {
      sid       = "StartLakeCrawlers"
      actions   = ["glue:StartCrawler", "glue:GetCrawler"]
      resources = ["arn:aws:glue:ap-south-1:111122223333:crawler/socar-lake-test-tripdata"]
    },
    {
      actions   = ["kms:Decrypt"]
      resources = ["arn:aws:kms:ap-south-1:111122223333:key/1111"]
      conditions = [
        { test = "StringEquals", variable = "kms:ViaService", values = ["sqs.ap-south-1.amazonaws.com"] },
      ]
    },
  ]
}

run "function_runs_the_native_aot_zip_from_the_artifacts_bucket" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023" && aws_lambda_function.this.handler == "bootstrap"
    error_message = "The function must run on provided.al2023 with handler bootstrap (Native AOT executable)."
  }

  assert {
    condition     = aws_lambda_function.this.architectures == tolist(["x86_64"])
    error_message = "The function must run on x86_64, the architecture the build compiles for."
  }

  assert {
    condition     = aws_lambda_function.this.s3_bucket == "socar-lake-test-artifacts" && aws_lambda_function.this.s3_key == "lambdas/glue-trigger-abc123.zip"
    error_message = "The zip must come from s3_bucket/s3_key."
  }

  assert {
    condition     = aws_lambda_function.this.timeout == 30 && aws_lambda_function.this.memory_size == 256
    error_message = "timeout and memory_size must come from the inputs."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["LAKE_CRAWLER_PREFIX"] == "socar-lake-test-"
    error_message = "The environment variables must be passed to the function unchanged."
  }
}

run "source_code_hash_redeploys_when_given" {
  command = plan

  variables {
    source_code_hash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
  }

  assert {
    condition     = aws_lambda_function.this.source_code_hash == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    error_message = "A given source_code_hash must reach the function so a new zip redeploys it."
  }
}

run "logs_go_to_its_own_log_group_with_retention" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/aws/lambda/socar-lake-test-glue-trigger"
    error_message = "The log group must be /aws/lambda/<function_name>."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "The log group must have a retention (default 30 days)."
  }

  assert {
    condition     = aws_lambda_function.this.logging_config[0].log_group == "/aws/lambda/socar-lake-test-glue-trigger"
    error_message = "The function must log to its own log group."
  }
}

run "role_has_exactly_the_given_statements_plus_its_logs" {
  command = apply

  assert {
    condition     = length(jsondecode(aws_iam_role_policy.this.policy).Statement) == 3
    error_message = "The role policy must hold the given statements and one statement for the function's logs, nothing else."
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.this.policy).Statement[1] == {
      Sid      = "StartLakeCrawlers"
      Effect   = "Allow"
      Action   = ["glue:StartCrawler", "glue:GetCrawler"]
      Resource = ["arn:aws:glue:ap-south-1:111122223333:crawler/socar-lake-test-tripdata"]
    }
    error_message = "A given statement must appear in the policy exactly as given."
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.this.policy).Statement[2].Condition == { StringEquals = { "kms:ViaService" = ["sqs.ap-south-1.amazonaws.com"] } }
    error_message = "A statement's conditions must become its IAM Condition block, grouped by test."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role_policy.this.policy).Statement[0].Action == ["logs:CreateLogStream", "logs:PutLogEvents"] &&
      jsondecode(aws_iam_role_policy.this.policy).Statement[0].Resource == ["${aws_cloudwatch_log_group.this.arn}:*"]
    )
    error_message = "The only statement the module adds must be writing to the function's own log group."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Principal.Service == "lambda.amazonaws.com"
    error_message = "Only the Lambda service may assume the function's role."
  }
}

run "errors_raise_an_alarm" {
  command = plan

  variables {
    alarm_actions = ["arn:aws:sns:ap-south-1:111122223333:socar-lake-test-ops"]
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.errors.metric_name == "Errors" &&
      aws_cloudwatch_metric_alarm.errors.namespace == "AWS/Lambda" &&
      aws_cloudwatch_metric_alarm.errors.threshold == 0 &&
      aws_cloudwatch_metric_alarm.errors.comparison_operator == "GreaterThanThreshold"
    )
    error_message = "The error alarm must fire when AWS/Lambda Errors > 0."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.errors.alarm_actions == toset(["arn:aws:sns:ap-south-1:111122223333:socar-lake-test-ops"])
    error_message = "The error alarm must notify the given alarm actions."
  }
}

run "wildcard_actions_are_refused" {
  command = plan

  variables {
    policy_statements = [{ actions = ["*"], resources = ["arn:aws:s3:::socar-lake-test-raw/*"] }]
  }

  expect_failures = [var.policy_statements]
}

run "timeout_over_fifteen_minutes_is_refused" {
  command = plan

  variables {
    timeout = 901
  }

  expect_failures = [var.timeout]
}

run "reserved_environment_variable_names_are_refused" {
  command = plan

  variables {
    environment_variables = { AWS_REGION = "ap-south-1" }
  }

  expect_failures = [var.environment_variables]
}
