locals {
  table = { for name in keys(var.datasets) : name => "\"${var.processed_database_name}\".\"${name}\"" }

  # Saved queries a reader of the lake starts from: how many rows each partition holds, and the newest rows.
  named_queries = merge(
    {
      for name, d in var.datasets : "${name}-rows-per-partition" => {
        dataset     = name
        description = "Rows of ${name} per partition, newest partition first."
        query = length(d.partition_columns) == 0 ? "SELECT count(*) AS row_count FROM ${local.table[name]}" : join("\n", [
          "SELECT ${join(", ", d.partition_columns)}, count(*) AS row_count",
          "FROM ${local.table[name]}",
          "GROUP BY ${join(", ", d.partition_columns)}",
          "ORDER BY ${join(", ", [for c in d.partition_columns : "${c} DESC"])}",
        ])
      }
    },
    {
      for name, d in var.datasets : "${name}-latest-rows" => {
        dataset     = name
        description = "The ${var.latest_rows_limit} newest rows of ${name} (by partition)."
        query = join("\n", compact([
          "SELECT *",
          "FROM ${local.table[name]}",
          length(d.partition_columns) == 0 ? "" : "ORDER BY ${join(", ", [for c in d.partition_columns : "${c} DESC"])}",
          "LIMIT ${var.latest_rows_limit}",
        ]))
      }
    },
  )
}

resource "aws_athena_workgroup" "this" {
  name          = "${var.name_prefix}-analytics"
  description   = "SQL over the ${var.name_prefix} processed zone; results encrypted in the athena-results bucket."
  state         = "ENABLED"
  force_destroy = var.force_destroy

  configuration {
    # Users cannot point results elsewhere or turn encryption off from their client.
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = var.bytes_scanned_cutoff_per_query

    engine_version {
      selected_engine_version = "Athena engine version 3"
    }

    result_configuration {
      output_location = "s3://${var.athena_results_bucket_name}/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = var.kms_key_arn
      }
    }
  }

  tags = var.tags
}

resource "aws_athena_named_query" "this" {
  for_each = local.named_queries

  name        = "${var.name_prefix}-${each.key}"
  description = each.value.description
  workgroup   = aws_athena_workgroup.this.id
  database    = var.processed_database_name
  query       = each.value.query
}
