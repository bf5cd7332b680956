resource "aws_sns_topic" "this" {
  name              = "${var.name_prefix}-ops"
  display_name      = var.display_name
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.email_addresses)

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = each.value
}

locals {
  publisher_statements = concat(
    length(var.publisher_role_arns) == 0 ? [] : [{
      Sid       = "LakeRolesPublish"
      Effect    = "Allow"
      Principal = { AWS = var.publisher_role_arns }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.this.arn
    }],
    length(var.publisher_services) == 0 ? [] : [{
      Sid       = "AccountServicesPublish"
      Effect    = "Allow"
      Principal = { Service = var.publisher_services }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.this.arn
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }],
  )

  # Publishing is for the lake's roles and the account's own services only, even for other IAM users
  # of the account who hold sns:Publish.
  restriction_statements = concat(
    [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.this.arn
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }],
    length(var.publisher_role_arns) == 0 ? [] : [{
      Sid       = "DenyPublishFromOtherPrincipals"
      Effect    = "Deny"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.this.arn
      Condition = {
        Bool         = { "aws:PrincipalIsAWSService" = "false" }
        ArnNotEquals = { "aws:PrincipalArn" = var.publisher_role_arns }
      }
    }],
  )
}

resource "aws_sns_topic_policy" "this" {
  arn = aws_sns_topic.this.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.publisher_statements, local.restriction_statements)
  })
}
