locals {
  # Contract (Hive) types as QuickSight input column types ("InputColumn", QuickSight API reference): QuickSight
  # has one integer and one decimal type; a double is a DECIMAL of subtype FLOAT.
  quicksight_types = {
    string    = "STRING"
    int       = "INTEGER"
    bigint    = "INTEGER"
    double    = "DECIMAL"
    boolean   = "BOOLEAN"
    date      = "DATETIME"
    timestamp = "DATETIME"
  }

  table_columns = {
    for table, columns in var.tables : table => [
      for c in columns : { name = c.name, type = startswith(c.type, "decimal(") ? "DECIMAL" : local.quicksight_types[c.type] }
    ]
  }

  # QuickSight's custom SQL has no default database, so the plain table names of a question (FROM tripdata, as
  # `lake query` and Athena with --database take them) are qualified with the processed database. Comment lines
  # go: QuickSight wraps the SQL in a query of its own.
  table_pattern = join("|", sort(keys(var.tables)))
  question_sql = {
    for id, q in var.questions : id => replace(
      trimspace(join("\n", [for line in split("\n", q.sql) : line if !startswith(trimspace(line), "--")])),
      "/(?i)\\b(FROM|JOIN)(\\s+)(${local.table_pattern})\\b/", "$1$2\"${var.processed_database_name}\".\"$3\"",
    )
  }

  # Read-only rights ("Permissions", QuickSight API reference; UpdateDashboardPermissions' read-only sample): the
  # principal can use the data source and datasets, build analyses on them and view the dashboard, but Terraform
  # alone changes or deletes them.
  data_source_actions = ["quicksight:DescribeDataSource", "quicksight:DescribeDataSourcePermissions", "quicksight:PassDataSource"]
  data_set_actions    = ["quicksight:DescribeDataSet", "quicksight:DescribeDataSetPermissions", "quicksight:PassDataSet", "quicksight:DescribeIngestion", "quicksight:ListIngestions"]
  dashboard_actions   = ["quicksight:DescribeDashboard", "quicksight:ListDashboardVersions", "quicksight:QueryDashboard"]

  data_sets = merge(
    { for table, columns in local.table_columns : table => { name = "${var.name_prefix} ${table}", columns = columns, sql = null } },
    { for id, q in var.questions : "question-${id}" => { name = "${var.name_prefix} ${q.title}", columns = q.columns, sql = local.question_sql[id] } },
  )
}

# QuickSight queries Athena as its service role in this workgroup: results land in the lake's results bucket under
# the lake key. Provider 5.x has no per-source role, so the account's QuickSight service role needs Athena, the two
# buckets and the key (README: the manual steps).
resource "aws_quicksight_data_source" "this" {
  aws_account_id = var.aws_account_id
  data_source_id = "${var.name_prefix}-athena"
  name           = "${var.name_prefix} lake (Athena)"
  type           = "ATHENA"

  parameters {
    athena {
      work_group = var.athena_workgroup_name
    }
  }

  permission {
    principal = var.principal_arn
    actions   = local.data_source_actions
  }

  tags = var.tags
}

resource "aws_quicksight_data_set" "this" {
  for_each = local.data_sets

  aws_account_id = var.aws_account_id
  data_set_id    = "${var.name_prefix}-${each.key}"
  name           = each.value.name
  import_mode    = var.import_mode

  physical_table_map {
    physical_table_map_id = replace(each.key, "-", "_")

    dynamic "relational_table" {
      for_each = each.value.sql == null ? [each.key] : []
      content {
        data_source_arn = aws_quicksight_data_source.this.arn
        catalog         = "AwsDataCatalog"
        schema          = var.processed_database_name
        name            = relational_table.value

        dynamic "input_columns" {
          for_each = each.value.columns
          content {
            name = input_columns.value.name
            type = input_columns.value.type
          }
        }
      }
    }

    dynamic "custom_sql" {
      for_each = each.value.sql == null ? [] : [each.value.sql]
      content {
        data_source_arn = aws_quicksight_data_source.this.arn
        name            = each.key
        sql_query       = custom_sql.value

        dynamic "columns" {
          for_each = each.value.columns
          content {
            name = columns.value.name
            type = columns.value.type
          }
        }
      }
    }
  }

  permissions {
    principal = var.principal_arn
    actions   = local.data_set_actions
  }

  tags = var.tags
}

# A SPICE copy that is never refreshed shows the day it was made: each dataset is copied again daily.
resource "aws_quicksight_refresh_schedule" "this" {
  for_each = var.import_mode == "SPICE" ? local.data_sets : {}

  aws_account_id = var.aws_account_id
  data_set_id    = aws_quicksight_data_set.this[each.key].data_set_id
  schedule_id    = "${var.name_prefix}-${each.key}-daily"

  schedule {
    refresh_type = "FULL_REFRESH"

    schedule_frequency {
      interval        = "DAILY"
      time_of_the_day = var.spice_refresh_time
      timezone        = "UTC"
    }
  }
}
