mock_provider "aws" {}

override_resource {
  target = aws_sns_topic.this
  values = { arn = "arn:aws:sns:ap-south-1:111122223333:socar-lake-test-ops" }
}

variables {
  name_prefix         = "socar-lake-test"
  account_id          = "111122223333"
  kms_key_arn         = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
  email_addresses     = ["data-ops@example.com", "oncall@example.org"]
  publisher_role_arns = ["arn:aws:iam::111122223333:role/socar-lake-test-ops-notifier"]
}

run "topic_is_encrypted_and_mails_every_address" {
  command = apply

  assert {
    condition     = aws_sns_topic.this.name == "socar-lake-test-ops" && aws_sns_topic.this.kms_master_key_id == var.kms_key_arn
    error_message = "The topic must be <name_prefix>-ops, encrypted with the lake's KMS key."
  }

  assert {
    condition     = toset(keys(aws_sns_topic_subscription.email)) == toset(["data-ops@example.com", "oncall@example.org"])
    error_message = "Every address in email_addresses must be subscribed."
  }

  assert {
    condition     = alltrue([for s in aws_sns_topic_subscription.email : s.protocol == "email" && s.topic_arn == aws_sns_topic.this.arn])
    error_message = "Subscriptions must be email subscriptions to the topic."
  }
}

run "only_the_given_roles_and_account_services_publish" {
  command = apply

  assert {
    condition = anytrue([
      for s in jsondecode(aws_sns_topic_policy.this.policy).Statement :
      s.Effect == "Allow" && s.Principal == { AWS = ["arn:aws:iam::111122223333:role/socar-lake-test-ops-notifier"] } && s.Action == "sns:Publish"
    ])
    error_message = "The given roles must be allowed to publish."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_sns_topic_policy.this.policy).Statement :
      s.Effect == "Deny" || can(s.Principal.AWS) || try(s.Condition.StringEquals["aws:SourceAccount"], "") == "111122223333"
    ])
    error_message = "Every Allow must name the roles, or require aws:SourceAccount = the lake's account for services."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_sns_topic_policy.this.policy).Statement :
      s.Effect == "Deny" && try(s.Condition.ArnNotEquals["aws:PrincipalArn"], []) == ["arn:aws:iam::111122223333:role/socar-lake-test-ops-notifier"] &&
      try(s.Condition.Bool["aws:PrincipalIsAWSService"], "") == "false"
    ])
    error_message = "Publishing by any other principal than the given roles must be denied, and only to principals that are not AWS services: CloudWatch alarms carry no aws:PrincipalArn, and ArnNotEquals is true for an absent key, so without aws:PrincipalIsAWSService = false the Deny would block every alarm."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_sns_topic_policy.this.policy).Statement :
      s.Effect == "Deny" && try(s.Condition.Bool["aws:SecureTransport"], "") == "false"
    ])
    error_message = "The topic policy must deny publishing without TLS."
  }
}

run "no_subscribers_by_default" {
  command = plan

  variables {
    email_addresses = []
  }

  assert {
    condition     = length(aws_sns_topic_subscription.email) == 0
    error_message = "An empty email list must create no subscription."
  }
}

run "malformed_email_addresses_are_refused" {
  command = plan

  variables {
    email_addresses = ["not-an-address"]
  }

  expect_failures = [var.email_addresses]
}
