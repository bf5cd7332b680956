# Resource policies of the lake's key and buckets. They are built with jsonencode so that they need
# no data source (the offline plan and mocked tests stay free of AWS calls).

locals {
  # arn:<partition>:kms:<region>:<account>:key/<id>: the key's own ARN says where the lake lives,
  # so no STS call is needed to learn the account.
  key_arn_parts = split(":", aws_kms_key.this.arn)
  partition     = local.key_arn_parts[1]
  # An offline plan has no key ARN yet: it passes placeholders so that names and ARNs are known.
  region     = var.placeholder_region != null ? var.placeholder_region : local.key_arn_parts[3]
  account_id = var.placeholder_account_id != null ? var.placeholder_account_id : local.key_arn_parts[4]

  tls_only_statements = {
    for k, b in local.all_buckets : k => [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [b.arn, "${b.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  }

  # Every object written to a zone must end up under the lake key. A put that names no encryption gets the
  # bucket default (the lake key). A put that says aws:kms but names no key gets the AWS managed aws/s3 key,
  # not the default ("PutObject": x-amz-server-side-encryption-aws-kms-key-id), so it is refused, as is one
  # naming another key or another algorithm. Each Deny also requires its header to be present (Null =
  # false): a negated operator such as StringNotEquals is true when the key is absent ("IAM JSON policy
  # elements: Condition operators"), and UploadPart is authorized as s3:PutObject yet carries no encryption
  # headers (they belong to CreateMultipartUpload), so without it every multipart part would be refused.
  lake_key_only_statements = {
    for k, b in aws_s3_bucket.zone : k => [
      {
        Sid       = "DenyObjectsNotUnderSseKms"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "${b.arn}/*"
        Condition = {
          StringNotEquals = { "s3:x-amz-server-side-encryption" = "aws:kms" }
          Null            = { "s3:x-amz-server-side-encryption" = "false" }
        }
      },
      {
        Sid       = "DenyObjectsUnderAnotherKey"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "${b.arn}/*"
        Condition = {
          StringNotEquals = { "s3:x-amz-server-side-encryption-aws-kms-key-id" = aws_kms_key.this.arn }
          Null            = { "s3:x-amz-server-side-encryption-aws-kms-key-id" = "false" }
        }
      },
      {
        Sid       = "DenySseKmsWithoutTheLakeKey"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "${b.arn}/*"
        Condition = {
          StringEquals = { "s3:x-amz-server-side-encryption" = "aws:kms" }
          Null         = { "s3:x-amz-server-side-encryption-aws-kms-key-id" = "true" }
        }
      },
    ]
  }

  # With BucketOwnerEnforced ownership, S3 server access logs are delivered under this grant, not an ACL.
  log_delivery_statement = {
    Sid       = "AllowS3ServerAccessLogDelivery"
    Effect    = "Allow"
    Principal = { Service = "logging.s3.amazonaws.com" }
    Action    = "s3:PutObject"
    Resource  = "${aws_s3_bucket.access_logs.arn}/*"
    Condition = {
      StringEquals = { "aws:SourceAccount" = local.account_id }
      ArnLike      = { "aws:SourceArn" = [for b in aws_s3_bucket.zone : b.arn] }
    }
  }
}

# In a key policy "Resource": "*" means "this key". The account keeps control through IAM; AWS services
# that write encrypted data on the lake's behalf get only the calls they need, from this account only.
resource "aws_kms_key_policy" "this" {
  key_id = aws_kms_key.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersTheKeyThroughIam"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        # S3 event notifications land in the KMS-encrypted ingest queue; CloudWatch alarms publish to
        # the KMS-encrypted topic. Both services name the account they act for.
        Sid       = "AccountServicesWriteToEncryptedQueuesAndTopic"
        Effect    = "Allow"
        Principal = { Service = ["s3.amazonaws.com", "cloudwatch.amazonaws.com"] }
        Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource  = "*"
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
      },
      {
        Sid       = "CloudWatchLogsEncryptsTheLakeLogGroups"
        Effect    = "Allow"
        Principal = { Service = "logs.${local.region}.amazonaws.com" }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
        Condition = {
          ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*" }
        }
      },
    ]
  })
}
