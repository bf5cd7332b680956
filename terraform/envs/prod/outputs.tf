output "artifacts_bucket_name" {
  description = "Bucket the build uploads Lambda zips, Glue scripts and typing plans to."
  value       = module.storage.artifacts_bucket_name
}

output "raw_bucket_name" {
  description = "Raw zone bucket: `lake ingest --aws` and Firehose write here."
  value       = module.storage.raw_bucket_name
}

output "datasets" {
  description = "Datasets read from datasets/*.json."
  value       = keys(local.datasets)
}
