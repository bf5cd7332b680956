# Who runs `lake redrive --aws` can drain the lake's three dead-letter queues back into the two queues that process
# their messages, with the queues' keys only through SQS, and nothing else. Runs on a mocked AWS.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  expected = {
    DrainTheDeadLetterQueues = {
      actions = ["sqs:CancelMessageMoveTask", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListDeadLetterSourceQueues", "sqs:ListMessageMoveTasks", "sqs:ReceiveMessage", "sqs:StartMessageMoveTask"]
      resources = [
        "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-ingest-dlq",
        "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-reconcile-dlq",
        "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-events-dlq",
      ]
    }
    SendBackForProcessing = {
      actions   = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"]
      resources = ["arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-ingest", "arn:aws:sqs:ap-south-1:111122223333:socar-lake-dev-reconcile"]
    }
    UseTheQueueKeysThroughSqs = {
      actions = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [
        "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555",
        "arn:aws:kms:ap-south-1:111122223333:key/eeeeeeee-0000-0000-0000-000000000000",
      ]
    }
  }
}

run "the_redrive_policy_grants_exactly_what_a_redrive_needs" {
  command = apply

  assert {
    condition     = toset([for s in jsondecode(output.redrive_policy).Statement : s.Sid]) == toset(keys(var.expected))
    error_message = "The redrive policy must have exactly the statements listed in this test, no more."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(output.redrive_policy).Statement :
      s.Effect == "Allow" && toset(flatten([s.Action])) == toset(var.expected[s.Sid].actions) && toset(flatten([s.Resource])) == toset(var.expected[s.Sid].resources)
    ])
    error_message = "Each statement of the redrive policy must allow exactly its listed actions on exactly its listed resources: messages are taken only from the dead-letter queues and sent only to the processing queues."
  }

  assert {
    condition     = output.redrive_policy_arn != null && jsondecode(output.redrive_policy).Statement == jsondecode(aws_iam_policy.redrive[0].policy).Statement
    error_message = "The managed policy <prefix>-redrive must exist by default and hold the output redrive_policy."
  }
}

# The actions are the ones the verb's code calls (tools/Lake.Cli/Redrive/iam-actions.json, derived by a .NET test).
run "the_redrive_policy_grants_exactly_the_calls_the_verb_makes" {
  command = apply

  variables {
    redrive_actions = jsondecode(file("../../../tools/Lake.Cli/Redrive/iam-actions.json"))
  }

  assert {
    condition     = toset(flatten([for s in jsondecode(output.redrive_policy).Statement : s.Action])) == toset(concat(var.redrive_actions.calls, keys(var.redrive_actions.platform)))
    error_message = "The redrive policy must grant exactly what tools/Lake.Cli/Redrive/iam-actions.json lists (calls + platform)."
  }
}

run "the_queue_keys_only_through_sqs" {
  command = apply

  assert {
    condition = {
      for s in jsondecode(output.redrive_policy).Statement : s.Sid => s.Condition if try(s.Condition, null) != null
      } == {
      UseTheQueueKeysThroughSqs = { StringEquals = { "kms:ViaService" = "sqs.ap-south-1.amazonaws.com" } }
    }
    error_message = "kms:Decrypt and kms:GenerateDataKey on the queues' keys must carry kms:ViaService = sqs.<region>.amazonaws.com; no other statement carries a condition."
  }
}

run "the_policy_can_be_left_to_whoever_manages_iam" {
  command = plan

  variables {
    create_redrive_policy = false
  }

  assert {
    condition     = length(aws_iam_policy.redrive) == 0 && output.redrive_policy_arn == null && length(jsondecode(output.redrive_policy).Statement) == 3
    error_message = "create_redrive_policy = false must create no policy and still output its document."
  }
}
