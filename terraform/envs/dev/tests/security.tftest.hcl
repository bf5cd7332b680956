# What the dev lake protects: encryption everywhere, no public or plain-HTTP access, IAM that names its
# actions and resources, and logs that expire. Runs on a mocked AWS.

mock_provider "aws" {
  source = "./tests/mocks"
}

# A comparison of two resources proves something only if their mock ARNs differ.
run "mock_arns_differ_per_resource" {
  command = apply

  assert {
    condition = length(distinct([
      module.glue_trigger.role_arn, module.etl_trigger.role_arn, module.ops_notifier.role_arn, module.etl.role_arn, module.catalog.crawler_role_arn,
      module.glue_trigger.function_arn, module.etl_trigger.function_arn, module.ops_notifier.function_arn,
      module.ingestion.ingest_queue_arn, module.ingestion.dead_letter_queue_arn, module.orchestration.dead_letter_queue_arn,
      module.orchestration.reconcile_queue_arn, module.orchestration.state_table_arn, module.orchestration.events_kms_key_arn, module.storage.kms_key_arn,
      module.catalog.raw_database_arn, module.catalog.processed_database_arn,
      module.storage.bucket_arns["raw"], module.storage.bucket_arns["processed"], module.storage.bucket_arns["quarantine"],
      module.storage.bucket_arns["artifacts"], module.storage.bucket_arns["athena-results"],
    ])) == 22
    error_message = "Mocked roles, functions, queues, databases and buckets must each have their own ARN (tests/mocks/aws.tfmock.hcl)."
  }
}

run "zone_buckets_are_kms_encrypted" {
  command = apply

  assert {
    condition     = length(module.storage.encryption) == 6
    error_message = "All six buckets (five zones and access logs) must have default encryption."
  }

  assert {
    condition = alltrue([
      for name, e in module.storage.encryption :
      e.type == "aws:kms" && e.kms_key == module.storage.kms_key_arn && e.bucket_key
      if name != "bucket:socar-lake-dev-access-logs-111122223333-ap-south-1"
    ])
    error_message = "Every zone bucket must default to SSE-KMS (aws:kms) with the lake's key and a bucket key."
  }

  # S3 server access logging cannot deliver into a bucket whose default encryption is SSE-KMS.
  assert {
    condition     = module.storage.encryption["bucket:socar-lake-dev-access-logs-111122223333-ap-south-1"].type == "AES256"
    error_message = "The access-log bucket must be encrypted with SSE-S3 (the only default encryption S3 log delivery supports)."
  }
}

run "no_bucket_is_public_or_reachable_without_tls" {
  command = apply

  assert {
    condition = length(module.storage.public_access_blocks) == 6 && alltrue([
      for b in values(module.storage.public_access_blocks) :
      b.block_public_acls && b.block_public_policy && b.ignore_public_acls && b.restrict_public_buckets
    ])
    error_message = "Every bucket needs a public access block with all four settings true."
  }

  assert {
    condition = alltrue([
      for name, policy in module.storage.resource_policies :
      anytrue([
        for s in jsondecode(policy).Statement :
        s.Effect == "Deny" && s.Principal == "*" && try(s.Condition.Bool["aws:SecureTransport"], "") == "false"
      ])
      if startswith(name, "bucket:")
    ])
    error_message = "Every bucket policy must deny requests without TLS (aws:SecureTransport = false)."
  }
}

run "iam_policies_name_their_actions_and_resources" {
  command = apply

  # Actions without any resource type in IAM: "*" is the only resource they accept.
  variables {
    actions_without_resource_types = ["cloudwatch:PutMetricData"]
  }

  assert {
    condition = length(merge(
      module.glue_trigger.iam_policies, module.etl_trigger.iam_policies, module.ops_notifier.iam_policies,
      module.catalog.iam_policies, module.etl.iam_policies, module.streaming.iam_policies,
    )) == 6
    error_message = "The suite must see the policies of the three functions, the crawlers, the jobs and Firehose."
  }

  assert {
    condition = alltrue(flatten([
      for name, policy in merge(
        module.glue_trigger.iam_policies, module.etl_trigger.iam_policies, module.ops_notifier.iam_policies,
        module.catalog.iam_policies, module.etl.iam_policies, module.streaming.iam_policies,
        ) : [
        for s in jsondecode(policy).Statement : [
          for a in flatten([s.Action]) : a != "*" && !endswith(a, ":*")
        ]
      ]
    ]))
    error_message = "No IAM policy statement may allow Action \"*\" or a whole service (\"<service>:*\")."
  }

  assert {
    condition = alltrue(flatten([
      for name, policy in merge(
        module.glue_trigger.iam_policies, module.etl_trigger.iam_policies, module.ops_notifier.iam_policies,
        module.catalog.iam_policies, module.etl.iam_policies, module.streaming.iam_policies,
        ) : [
        for s in jsondecode(policy).Statement :
        !contains(flatten([s.Resource]), "*") || alltrue([for a in flatten([s.Action]) : contains(var.actions_without_resource_types, a)])
      ]
    ]))
    error_message = "Resource \"*\" is allowed only for actions that have no resource ARN (cloudwatch:PutMetricData); name the ARNs."
  }

  assert {
    condition = alltrue(flatten([
      for name, policy in merge(
        module.storage.resource_policies, module.ingestion.resource_policies, module.orchestration.resource_policies,
        module.notifications.resource_policies,
        ) : [
        for s in jsondecode(policy).Statement :
        s.Effect == "Deny" || (s.Principal != "*" && try(s.Principal.AWS, "") != "*" && !contains(flatten([s.Action]), "*"))
      ]
    ]))
    error_message = "No resource policy may allow everyone (Principal \"*\") or every action."
  }
}

# The lake's roles use the key only through the services that encrypt for them (kms:ViaService), so a
# role's credentials alone cannot decrypt lake data outside S3, SQS, SNS, Kinesis or DynamoDB.
run "kms_grants_are_scoped_to_the_services_that_use_them" {
  command = apply

  assert {
    condition = alltrue(flatten([
      for name, policy in merge(
        module.glue_trigger.iam_policies, module.etl_trigger.iam_policies, module.ops_notifier.iam_policies,
        module.catalog.iam_policies, module.etl.iam_policies, module.streaming.iam_policies,
        ) : [
        for s in jsondecode(policy).Statement :
        length(try(s.Condition.StringEquals["kms:ViaService"], [])) > 0 && alltrue([
          for v in flatten([s.Condition.StringEquals["kms:ViaService"]]) : contains(["s3.ap-south-1.amazonaws.com", "sqs.ap-south-1.amazonaws.com", "sns.ap-south-1.amazonaws.com", "kinesis.ap-south-1.amazonaws.com", "dynamodb.ap-south-1.amazonaws.com"], v)
        ])
        if anytrue([for a in flatten([s.Action]) : contains(["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"], a)])
      ]
    ]))
    error_message = "Every IAM grant of kms:Decrypt, kms:Encrypt or kms:GenerateDataKey on the lake key must carry a kms:ViaService condition naming S3, SQS, SNS, Kinesis or DynamoDB of the lake's region."
  }
}

# Presence and absence: each function's role grants exactly the calls its code makes and the requests AWS
# makes with its role (lambdas/iam-actions.json, whose calls a .NET test derives from the handlers' code).
run "each_function_role_grants_exactly_the_calls_its_code_makes" {
  command = apply

  variables {
    iam_actions = jsondecode(file("../../../lambdas/iam-actions.json"))
  }

  assert {
    condition = alltrue([
      for fn, policy in {
        glue-trigger = module.glue_trigger.iam_policies["socar-lake-dev-glue-trigger-access"]
        etl-trigger  = module.etl_trigger.iam_policies["socar-lake-dev-etl-trigger-access"]
        ops-notifier = module.ops_notifier.iam_policies["socar-lake-dev-ops-notifier-access"]
      } :
      toset(flatten([for s in jsondecode(policy).Statement : s.Action])) == toset(concat(var.iam_actions[fn].calls, keys(var.iam_actions[fn].platform)))
    ])
    error_message = "Each function's role must grant exactly the actions lambdas/iam-actions.json lists for it (calls + platform): a missing one fails at run time, an extra one is more than the code needs."
  }
}

# The same for the producers (`lake ingest --aws`, `lake stream --aws`): tools/Lake.Producers/iam-actions.json,
# whose calls tests/Lake.Producers.Tests/ProducerIamActionsTests.cs derives from their code.
run "the_producer_policy_grants_exactly_the_calls_the_producers_make" {
  command = apply

  variables {
    producer_actions = jsondecode(file("../../../tools/Lake.Producers/iam-actions.json"))
  }

  assert {
    condition     = toset(flatten([for s in jsondecode(output.producer_policy).Statement : s.Action])) == toset(concat(var.producer_actions.calls, keys(var.producer_actions.platform)))
    error_message = "The producer policy must grant exactly what tools/Lake.Producers/iam-actions.json lists (calls + platform)."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(output.producer_policy).Statement : alltrue([
        for r in flatten([s.Resource]) : r != "*" && (startswith(r, "arn:aws:s3:::socar-lake-dev-raw-") || startswith(r, "arn:aws:kinesis:") || r == module.storage.kms_key_arn)
      ])
    ])
    error_message = "Producers may touch only the raw bucket, the lake's streams and the lake key."
  }

  assert {
    condition = one([for s in jsondecode(output.producer_policy).Statement : s.Resource if s.Sid == "UploadRawObjectsOfKnownDatasets"]) == [
      "${module.storage.bucket_arns["raw"]}/rides/*", "${module.storage.bucket_arns["raw"]}/tripdata/*",
    ]
    error_message = "Producers may write only under the datasets the contracts define."
  }
}

run "lambda_permissions_follow_the_brief" {
  command = apply

  assert {
    condition = toset(flatten([
      for s in jsondecode(module.glue_trigger.iam_policies["socar-lake-dev-glue-trigger-access"]).Statement : s.Resource if contains(flatten([s.Action]), "glue:StartCrawler")
    ])) == toset(["arn:aws:glue:ap-south-1:111122223333:crawler/socar-lake-dev-tripdata", "arn:aws:glue:ap-south-1:111122223333:crawler/socar-lake-dev-rides"])
    error_message = "glue-trigger may start exactly the lake's crawlers."
  }

  assert {
    condition = toset(flatten([
      for s in jsondecode(module.etl_trigger.iam_policies["socar-lake-dev-etl-trigger-access"]).Statement : s.Resource if contains(flatten([s.Action]), "glue:StartJobRun")
    ])) == toset(["arn:aws:glue:ap-south-1:111122223333:job/socar-lake-dev-tripdata", "arn:aws:glue:ap-south-1:111122223333:job/socar-lake-dev-rides"])
    error_message = "etl-trigger may start exactly the lake's jobs."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(module.ops_notifier.iam_policies["socar-lake-dev-ops-notifier-access"]).Statement :
      s.Action == ["s3:GetObject"] && s.Resource == ["arn:aws:s3:::socar-lake-dev-processed-111122223333-ap-south-1/_runs/*"]
    ])
    error_message = "ops-notifier may read only run summaries, s3://<processed>/_runs/*."
  }
}

run "queues_topic_table_streams_firehose_and_query_results_are_encrypted" {
  command = apply

  assert {
    condition = length(merge(
      module.ingestion.encryption, module.orchestration.encryption, module.notifications.encryption,
      module.streaming.encryption, module.query.encryption,
    )) == 10
    error_message = "The suite must see 5 queues, the state table, the topic, the rides stream, its Firehose and the Athena workgroup."
  }

  # EventBridge writes only to the queues under the events key; everything else is under the lake key.
  assert {
    condition = alltrue([
      for name, e in merge(
        module.ingestion.encryption, module.orchestration.encryption, module.notifications.encryption,
        module.streaming.encryption, module.query.encryption,
        ) : contains(["KMS", "SSE_KMS"], e.type) && e.kms_key == (contains([
          "queue:socar-lake-dev-events-dlq", "queue:socar-lake-dev-reconcile", "queue:socar-lake-dev-reconcile-dlq",
      ], name) ? module.orchestration.events_kms_key_arn : module.storage.kms_key_arn)
    ])
    error_message = "Queues, the state table, the topic, Kinesis streams, Firehose output and Athena results must be encrypted with the lake's key; the three EventBridge-fed queues with the events key."
  }
}

run "every_log_group_has_a_retention" {
  command = apply

  assert {
    condition = length(merge(
      module.glue_trigger.log_group_retention_days, module.etl_trigger.log_group_retention_days,
      module.ops_notifier.log_group_retention_days, module.etl.log_group_retention_days, module.streaming.log_group_retention_days,
      module.catalog.log_group_retention_days,
    )) == 7
    error_message = "The suite must see the log groups of the three functions, the jobs (error, output), the crawlers and the rides Firehose."
  }

  assert {
    condition = alltrue([
      for name, days in merge(
        module.glue_trigger.log_group_retention_days, module.etl_trigger.log_group_retention_days,
        module.ops_notifier.log_group_retention_days, module.etl.log_group_retention_days, module.streaming.log_group_retention_days,
        module.catalog.log_group_retention_days,
      ) : days != null && days > 0
    ])
    error_message = "Every log group must have a retention (retention_in_days > 0): logs must not be kept forever."
  }
}
