# Who runs `lake query --aws` gets exactly what a query needs: Athena in the lake's workgroup, Glue reads of the
# processed tables, their data, the results bucket and the lake key through S3. Runs on a mocked AWS.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  # Statement by statement: the actions and the resources, all of this lake's.
  expected = {
    RunQueriesInTheLakeWorkgroup = {
      actions   = ["athena:GetQueryExecution", "athena:GetQueryResults", "athena:StartQueryExecution", "athena:StopQueryExecution"]
      resources = ["arn:aws:athena:ap-south-1:111122223333:workgroup/socar-lake-dev-analytics"]
    }
    ReadTheProcessedTables = {
      actions = ["glue:GetDatabase", "glue:GetPartitions", "glue:GetTable"]
      resources = [
        "arn:aws:glue:ap-south-1:111122223333:catalog",
        "arn:aws:glue:ap-south-1:111122223333:database/socar_lake_dev_processed",
        "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_dev_processed/rides",
        "arn:aws:glue:ap-south-1:111122223333:table/socar_lake_dev_processed/tripdata",
      ]
    }
    ListTheProcessedZone = {
      actions   = ["s3:GetBucketLocation", "s3:ListBucket"]
      resources = ["arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1"]
    }
    ReadTheProcessedTablesData = {
      actions = ["s3:GetObject"]
      resources = [
        "arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1/rides/*",
        "arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1/tripdata/*",
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
  }
}

run "the_query_policy_grants_exactly_what_a_query_needs" {
  command = apply

  assert {
    condition     = toset([for s in jsondecode(output.query_policy).Statement : s.Sid]) == toset(keys(var.expected))
    error_message = "The query policy must have exactly the statements listed in this test, no more."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(output.query_policy).Statement :
      s.Effect == "Allow" && toset(flatten([s.Action])) == toset(var.expected[s.Sid].actions) && toset(flatten([s.Resource])) == toset(var.expected[s.Sid].resources)
    ])
    error_message = "Each statement of the query policy must allow exactly its listed actions on exactly its listed resources."
  }

  assert {
    condition     = output.query_policy_arn != null && jsondecode(output.query_policy).Statement == jsondecode(aws_iam_policy.query[0].policy).Statement
    error_message = "The managed policy <prefix>-query must exist by default and hold the output query_policy."
  }
}

# The lake key only through S3: credentials with this policy cannot decrypt anything outside S3.
run "the_lake_key_only_through_s3" {
  command = apply

  assert {
    condition = one([for s in jsondecode(output.query_policy).Statement : s.Condition if s.Sid == "UseTheLakeKeyThroughS3"]) == {
      StringEquals = { "kms:ViaService" = "s3.ap-south-1.amazonaws.com" }
    }
    error_message = "kms:Decrypt and kms:GenerateDataKey on the lake key must carry kms:ViaService = s3.<region>.amazonaws.com."
  }

  assert {
    condition     = alltrue([for s in jsondecode(output.query_policy).Statement : s.Sid == "UseTheLakeKeyThroughS3" || try(s.Condition, null) == null])
    error_message = "Only the key statement carries a condition: the others name their resources."
  }
}

run "the_policy_can_be_left_to_whoever_manages_iam" {
  command = plan

  variables {
    create_query_policy = false
  }

  assert {
    condition     = length(aws_iam_policy.query) == 0 && output.query_policy_arn == null && length(jsondecode(output.query_policy).Statement) == 7
    error_message = "create_query_policy = false must create no policy and still output its document."
  }
}
