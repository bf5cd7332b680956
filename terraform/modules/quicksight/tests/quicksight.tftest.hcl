# The QuickSight module on a mocked AWS: a dataset per processed table with its columns in QuickSight's types,
# the questions' datasets and dashboard (bar, line and table visuals), and read-only rights for one principal.

mock_provider "aws" {
  mock_resource "aws_quicksight_data_source" {
    defaults = { arn = "arn:aws:quicksight:ap-south-1:111122223333:datasource/socar-lake-test-athena" }
  }
  mock_resource "aws_quicksight_data_set" {
    defaults = { arn = "arn:aws:quicksight:ap-south-1:111122223333:dataset/socar-lake-test-mock" }
  }
}

variables {
  name_prefix             = "socar-lake-test"
  aws_account_id          = "111122223333"
  athena_workgroup_name   = "socar-lake-test-analytics"
  processed_database_name = "socar_lake_test_processed"
  principal_arn           = "arn:aws:quicksight:us-east-1:111122223333:group/default/lake-readers"
  tables = {
    every_type = [
      { name = "s", type = "string" }, { name = "i", type = "int" }, { name = "b", type = "bigint" },
      { name = "d", type = "double" }, { name = "m", type = "decimal(10,2)" }, { name = "f", type = "boolean" },
      { name = "day", type = "date" }, { name = "at", type = "timestamp" },
    ]
    rides = [{ name = "vehicle_number", type = "string" }, { name = "returned_date", type = "string" }]
  }
  questions = {
    "01-how-riders-pay" = {
      title   = "How riders pay"
      sql     = "-- How riders pay\nSELECT payment, count(*) AS trips\nFROM every_type JOIN rides ON true\nGROUP BY 1"
      columns = [{ name = "payment", type = "STRING" }, { name = "trips", type = "INTEGER" }]
      chart   = { category = "payment", values = ["trips"] }
    }
    "02-busiest-hours" = {
      title   = "Busiest hours"
      sql     = "SELECT hour(at) AS pickup_hour, count(*) AS trips FROM every_type GROUP BY 1"
      columns = [{ name = "pickup_hour", type = "INTEGER" }, { name = "trips", type = "INTEGER" }]
      chart   = { category = "pickup_hour", values = ["trips"] }
    }
    "03-partitions" = {
      title   = "Partitions written"
      sql     = "SELECT returned_date, count(*) AS rides FROM rides GROUP BY 1"
      columns = [{ name = "returned_date", type = "STRING" }, { name = "rides", type = "INTEGER" }]
    }
    "04-trips-by-day" = {
      title   = "Trips by day"
      sql     = "SELECT CAST(at AS DATE) AS day, count(*) AS trips, sum(m) AS fares FROM every_type GROUP BY 1"
      columns = [{ name = "day", type = "DATETIME" }, { name = "trips", type = "INTEGER" }, { name = "fares", type = "DECIMAL" }]
      chart   = { type = "line", category = "day", values = ["trips", "fares"] }
    }
  }
}

run "one_dataset_per_table_with_its_columns_in_quicksight_types" {
  command = plan

  assert {
    condition     = output.data_sets["every_type"].table == "socar_lake_test_processed.every_type" && output.data_sets["rides"].table == "socar_lake_test_processed.rides"
    error_message = "Each processed table needs a dataset reading <processed database>.<table>."
  }

  assert {
    condition = output.data_sets["every_type"].columns == [
      { name = "s", type = "STRING" }, { name = "i", type = "INTEGER" }, { name = "b", type = "INTEGER" },
      { name = "d", type = "DECIMAL" }, { name = "m", type = "DECIMAL" }, { name = "f", type = "BOOLEAN" },
      { name = "day", type = "DATETIME" }, { name = "at", type = "DATETIME" },
    ]
    error_message = "Contract types must map to QuickSight's: string STRING, int/bigint INTEGER, double/decimal DECIMAL, boolean BOOLEAN, date/timestamp DATETIME, in the table's column order."
  }

  assert {
    condition     = one(one(aws_quicksight_data_set.this["rides"].physical_table_map).relational_table).catalog == "AwsDataCatalog"
    error_message = "The datasets must read the account's Glue Data Catalog (AwsDataCatalog)."
  }

  assert {
    condition     = output.data_source == { type = "ATHENA", workgroup = "socar-lake-test-analytics" }
    error_message = "The data source must be Athena in the lake's workgroup (its enforced settings encrypt results and cap scans)."
  }
}

run "direct_query_by_default_with_no_refresh" {
  command = plan

  assert {
    condition     = alltrue([for d in values(output.data_sets) : d.import_mode == "DIRECT_QUERY"]) && length(output.refresh_schedules) == 0
    error_message = "Datasets must query Athena directly by default, with no SPICE refresh schedule."
  }
}

run "spice_copies_are_refreshed_daily" {
  command = plan

  variables {
    import_mode = "SPICE"
  }

  assert {
    condition     = alltrue([for d in values(output.data_sets) : d.import_mode == "SPICE"])
    error_message = "import_mode = SPICE must import every dataset into SPICE."
  }

  assert {
    condition = keys(output.refresh_schedules) == keys(output.data_sets) && alltrue([
      for r in values(output.refresh_schedules) : r == { refresh_type = "FULL_REFRESH", interval = "DAILY", time = "02:00", timezone = "UTC" }
    ])
    error_message = "Every SPICE dataset must be fully refreshed daily at spice_refresh_time (UTC), or it shows the day it was imported."
  }
}

run "questions_read_the_processed_tables_by_their_full_names" {
  command = plan

  assert {
    condition     = output.data_sets["question-01-how-riders-pay"].sql == "SELECT payment, count(*) AS trips\nFROM \"socar_lake_test_processed\".\"every_type\" JOIN \"socar_lake_test_processed\".\"rides\" ON true\nGROUP BY 1"
    error_message = "A question's SQL must name its tables with the processed database (QuickSight's custom SQL has no default database) and lose its comment lines."
  }

  assert {
    condition     = output.data_sets["question-03-partitions"].columns == [{ name = "returned_date", type = "STRING" }, { name = "rides", type = "INTEGER" }]
    error_message = "A question's dataset must declare its result columns as given."
  }
}

run "the_dashboard_charts_each_question" {
  # The dashboard's definition names the datasets' ARNs, which only the (mocked) apply knows.
  command = apply

  assert {
    # Compared as JSON: the output's field lists are lists or tuples by how many fields the visuals have.
    condition = jsonencode(output.dashboard_visuals) == jsonencode({
      "01-how-riders-pay" = { kind = "bar", fields = ["payment", "trips"] }
      "02-busiest-hours"  = { kind = "bar", fields = ["pickup_hour", "trips"] }
      "03-partitions"     = { kind = "table", fields = ["returned_date", "rides"] }
      "04-trips-by-day"   = { kind = "line", fields = ["day", "trips", "fares"] }
    })
    error_message = "Each question needs one visual of its chart's type: a bar or a line of the values by category, else (no chart) a table of its columns."
  }

  # The category's field kind must match its column's type, or QuickSight rejects the visual.
  assert {
    condition = (
      length(one(one(one(one(one(aws_quicksight_dashboard.this[0].definition).sheets).visuals[0].bar_chart_visual).chart_configuration).field_wells).bar_chart_aggregated_field_wells[0].category[0].categorical_dimension_field) == 1 &&
      length(one(one(one(one(one(aws_quicksight_dashboard.this[0].definition).sheets).visuals[1].bar_chart_visual).chart_configuration).field_wells).bar_chart_aggregated_field_wells[0].category[0].numerical_dimension_field) == 1
    )
    error_message = "A text category must be a categorical dimension and a number a numerical one."
  }

  assert {
    condition     = [for d in one(aws_quicksight_dashboard.this[0].definition).data_set_identifiers_declarations : d.identifier] == ["01-how-riders-pay", "02-busiest-hours", "03-partitions", "04-trips-by-day"]
    error_message = "The dashboard must declare one dataset per question, named by the question id its visuals use."
  }
}

run "a_line_over_a_date_draws_the_date_as_a_date_dimension" {
  command = apply

  variables {
    dashboard_title = "NYC taxi"
  }

  # A date category must be a date dimension, or QuickSight rejects the line ("LineChartAggregatedFieldWells").
  assert {
    condition     = length(one(one(one(one(one(aws_quicksight_dashboard.this[0].definition).sheets).visuals[3].line_chart_visual).chart_configuration).field_wells).line_chart_aggregated_field_wells[0].category[0].date_dimension_field) == 1
    error_message = "A line over a DATETIME column must use a date dimension field."
  }

  assert {
    condition     = output.dashboard_name == "socar-lake-test NYC taxi"
    error_message = "The dashboard must be named <name_prefix> <dashboard_title>, the dashboard file's title."
  }
}

run "a_chart_type_quicksight_is_not_given_is_refused" {
  command = plan

  variables {
    questions = {
      q = { title = "Q", sql = "SELECT payment, count(*) AS trips FROM rides GROUP BY 1", columns = [{ name = "payment", type = "STRING" }, { name = "trips", type = "INTEGER" }], chart = { type = "pie", category = "payment", values = ["trips"] } }
    }
  }

  expect_failures = [var.questions]
}

run "a_chart_value_that_is_not_a_number_column_is_refused" {
  command = plan

  variables {
    questions = {
      q = { title = "Q", sql = "SELECT payment, count(*) AS trips FROM rides GROUP BY 1", columns = [{ name = "payment", type = "STRING" }, { name = "trips", type = "INTEGER" }], chart = { type = "line", category = "trips", values = ["payment"] } }
    }
  }

  expect_failures = [var.questions]
}

run "no_questions_no_dashboard" {
  command = plan

  variables {
    questions = {}
  }

  assert {
    condition     = output.dashboard_id == null && length(output.data_sets) == 2
    error_message = "Without questions there is no dashboard, and the tables' datasets remain."
  }
}

run "the_principal_may_read_and_nothing_more" {
  command = plan

  assert {
    condition     = length(output.permissions) == 8 && alltrue([for p in values(output.permissions) : length(p) == 1 && p[0].principal == var.principal_arn])
    error_message = "The data source, the two table datasets and the four question datasets and the dashboard must each grant exactly the given principal."
  }

  assert {
    condition = output.permissions["data-source:socar-lake-test-athena"][0].actions == sort(["quicksight:DescribeDataSource", "quicksight:DescribeDataSourcePermissions", "quicksight:PassDataSource"]) && alltrue([
      for k, p in output.permissions : p[0].actions == sort(["quicksight:DescribeDataSet", "quicksight:DescribeDataSetPermissions", "quicksight:PassDataSet", "quicksight:DescribeIngestion", "quicksight:ListIngestions"])
      if startswith(k, "data-set:")
    ])
    error_message = "The principal may use the data source and datasets (describe, pass to an analysis, see ingestions), never update or delete them."
  }

  assert {
    condition     = output.permissions["dashboard:socar-lake-test-questions"][0].actions == sort(["quicksight:DescribeDashboard", "quicksight:ListDashboardVersions", "quicksight:QueryDashboard"])
    error_message = "The principal may view the dashboard, never update, share or delete it."
  }
}

run "a_principal_that_is_not_a_quicksight_user_or_group_is_refused" {
  command = plan

  variables {
    principal_arn = "arn:aws:iam::111122223333:role/lake-readers"
  }

  expect_failures = [var.principal_arn]
}

run "a_column_the_sql_never_names_is_refused" {
  command = plan

  variables {
    questions = {
      q = { title = "Q", sql = "SELECT count(*) AS trips FROM rides", columns = [{ name = "rides", type = "INTEGER" }, { name = "tirps", type = "INTEGER" }] }
    }
  }

  expect_failures = [var.questions]
}
