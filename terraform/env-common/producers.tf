# What a producer may do: `lake ingest --aws` uploads into the raw zone and `lake stream --aws` puts records on
# the lake's streams. A managed policy for the people and pipelines that produce data to attach; it grants
# exactly tools/Lake.Producers/iam-actions.json (the security suite compares them) and only under the
# datasets the contracts define.
resource "aws_iam_policy" "producer" {
  name        = "${local.name_prefix}-producer"
  description = "Upload raw objects of the lake's datasets (lake ingest --aws) and put records on its streams (lake stream --aws)."
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "UploadRawObjectsOfKnownDatasets"
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
          Resource = [for d in sort(keys(local.datasets)) : "${module.storage.bucket_arns["raw"]}/${d}/*"]
        },
        {
          # HEAD of a key that does not exist answers 404 only to a caller that may list the bucket. No s3:prefix
          # condition: a HEAD carries no prefix for one to match. It reveals raw key names, never content.
          Sid      = "TellNewRawKeysApart"
          Effect   = "Allow"
          Action   = "s3:ListBucket"
          Resource = module.storage.bucket_arns["raw"]
        },
        {
          Sid       = "UseTheLakeKeyThroughS3AndKinesis"
          Effect    = "Allow"
          Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
          Resource  = module.storage.kms_key_arn
          Condition = { StringEquals = { "kms:ViaService" = ["s3.${var.region}.amazonaws.com", "kinesis.${var.region}.amazonaws.com"] } }
        },
      ],
      length(var.streamed_datasets) == 0 ? [] : [{
        Sid      = "PutRecordsOnLakeStreams"
        Effect   = "Allow"
        Action   = "kinesis:PutRecords"
        Resource = values(module.streaming.stream_arns)
      }],
    )
  })
  tags = local.tags
}
