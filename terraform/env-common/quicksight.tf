# Optional QuickSight over the lake (var.quicksight, off by default): the processed tables as datasets and the demo's
# questions as a dashboard.

locals {
  query_files = fileset("${path.module}/../../../queries", "*.sql")

  # QuickSight needs each question's result columns and types, which the SQL files do not state; a question with
  # one category and one measure gets a bar chart, the others a table. The quicksight module refuses a question
  # without columns, or a column its SQL never names.
  question_results = {
    "01-busiest-pickup-hours" = {
      columns = [
        { name = "pickup_hour", type = "INTEGER" }, { name = "trips", type = "INTEGER" }, { name = "avg_miles", type = "DECIMAL" },
        { name = "avg_fare", type = "DECIMAL" }, { name = "revenue", type = "DECIMAL" },
      ]
      chart = { category = "pickup_hour", value = "trips" }
    }
    "02-how-riders-pay" = {
      columns = [
        { name = "payment", type = "STRING" }, { name = "trips", type = "INTEGER" }, { name = "pct", type = "DECIMAL" },
        { name = "avg_tip", type = "DECIMAL" }, { name = "tip_pct_of_fare", type = "DECIMAL" },
      ]
      chart = { category = "payment", value = "trips" }
    }
    "03-trips-by-weekday" = {
      columns = [
        { name = "weekday", type = "INTEGER" }, { name = "trips", type = "INTEGER" }, { name = "avg_minutes", type = "DECIMAL" },
        { name = "avg_total", type = "DECIMAL" },
      ]
      chart = { category = "weekday", value = "trips" }
    }
    "04-partitions-written" = {
      columns = [{ name = "pickup_year", type = "INTEGER" }, { name = "pickup_month", type = "INTEGER" }, { name = "trips", type = "INTEGER" }]
    }
  }

  # Each file's first line is a comment with the question's title (queries/README.md).
  questions = {
    for f in local.query_files : trimsuffix(f, ".sql") => {
      title   = trimspace(trimprefix(split("\n", file("${path.module}/../../../queries/${f}"))[0], "--"))
      sql     = file("${path.module}/../../../queries/${f}")
      columns = try(local.question_results[trimsuffix(f, ".sql")].columns, [])
      chart   = try(local.question_results[trimsuffix(f, ".sql")].chart, null)
    }
  }
}

module "quicksight" {
  source = "../../modules/quicksight"
  count  = var.quicksight.enabled ? 1 : 0

  name_prefix             = local.name_prefix
  aws_account_id          = local.account_id
  athena_workgroup_name   = module.query.workgroup_name
  processed_database_name = module.catalog.processed_database_name
  tables                  = module.catalog.processed_table_columns
  questions               = local.questions
  principal_arn           = var.quicksight.principal_arn
  import_mode             = var.quicksight.import_mode
  spice_refresh_time      = var.quicksight.spice_refresh_time
  tags                    = local.tags
}
