# QuickSight is an option for accounts that have it: off, the lake has none of it; on, a dataset per contract with
# the processed table's columns, the default dashboard file (dashboards/demo.json, through `lake dashboards export`)
# as a dashboard, and read rights for the given principal. Runs on a mocked AWS.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "quicksight_is_off_by_default" {
  command = plan

  assert {
    condition     = length(module.quicksight) == 0 && output.quicksight == null
    error_message = "Without quicksight.enabled the lake must create no QuickSight resource (most accounts have no subscription)."
  }
}

run "enabled_without_a_principal_is_refused" {
  command = plan

  variables {
    quicksight = { enabled = true }
  }

  expect_failures = [var.quicksight]
}

run "one_dataset_per_contract_with_the_processed_tables_columns" {
  command = plan

  variables {
    quicksight = { enabled = true, principal_arn = "arn:aws:quicksight:ap-south-1:111122223333:group/default/lake-readers" }
    contracts  = [for f in fileset("../../../datasets", "*.json") : jsondecode(file("../../../datasets/${f}")) if f != "contract.schema.json"]
  }

  assert {
    condition     = toset([for k, d in module.quicksight[0].data_sets : k if d.sql == null]) == toset([for c in var.contracts : c.name])
    error_message = "Every contract in datasets/ needs one QuickSight dataset, and nothing else may read a table."
  }

  assert {
    condition = alltrue([
      for c in var.contracts : module.quicksight[0].data_sets[c.name].table == "socar_lake_dev_processed.${c.name}" &&
      [for col in module.quicksight[0].data_sets[c.name].columns : col.name] == concat([for col in c.columns : col.name], [for p in try(c.partitioning, []) : p.name])
    ])
    error_message = "Each dataset must read socar_lake_dev_processed.<dataset> with the contract's columns in order, then its partition columns."
  }

  assert {
    condition = module.quicksight[0].data_sets["rides"].columns == [
      { name = "vehicle_number", type = "STRING" }, { name = "returned_at", type = "DATETIME" }, { name = "kms_driven", type = "DECIMAL" },
      { name = "rating", type = "STRING" }, { name = "customer", type = "STRING" }, { name = "vehicle_type", type = "STRING" },
      { name = "returned_date", type = "STRING" },
    ]
    error_message = "rides must be typed as Athena reads it: timestamps DATETIME, the double DECIMAL, the day partition STRING."
  }

  assert {
    condition = { for col in module.quicksight[0].data_sets["tripdata"].columns : col.name => col.type if contains(["vendor_id", "pickup_at", "trip_distance_miles", "store_and_forward", "fare_amount", "pickup_year", "pickup_month"], col.name) } == {
      vendor_id   = "INTEGER", pickup_at = "DATETIME", trip_distance_miles = "DECIMAL", store_and_forward = "BOOLEAN", fare_amount = "DECIMAL",
      pickup_year = "INTEGER", pickup_month = "INTEGER",
    }
    error_message = "tripdata's int, timestamp, double, boolean and decimal(10,2) columns and its year/month partitions must have QuickSight's types."
  }

  assert {
    condition     = alltrue([for d in values(module.quicksight[0].data_sets) : d.import_mode == "DIRECT_QUERY"])
    error_message = "Datasets must query Athena directly unless quicksight.import_mode says SPICE."
  }

  assert {
    condition     = module.quicksight[0].data_source == { type = "ATHENA", workgroup = "socar-lake-dev-analytics" }
    error_message = "QuickSight must query through the lake's workgroup, whose enforced settings encrypt results and cap scans."
  }
}

run "the_default_dashboard_file_is_the_dashboard" {
  # The dashboard names the datasets' ARNs, which only the (mocked) apply knows.
  command = apply

  variables {
    quicksight = { enabled = true, principal_arn = "arn:aws:quicksight:ap-south-1:111122223333:group/default/lake-readers" }
    # What `lake dashboards export` wrote from dashboards/demo.json: the queries, their result columns and charts.
    demo = jsondecode(file("../../env-common/dashboards.generated.json")).dashboards.demo
  }

  assert {
    condition = toset(keys(module.quicksight[0].dashboard_visuals)) == toset([
      for i, q in var.demo.queries : format("%02d-%s", i + 1, q.id) if length(q.parameters) == 0
    ])
    error_message = "Every query of dashboards/demo.json without parameters must be one visual, in the file's order (01-<id>, 02-<id>, ...)."
  }

  assert {
    condition = alltrue([
      for i, q in var.demo.queries : jsonencode(module.quicksight[0].dashboard_visuals[format("%02d-%s", i + 1, q.id)]) == jsonencode({
        kind   = q.chart.type
        fields = q.chart.type == "table" ? [for c in q.columns : c.name] : concat([q.chart.x], q.chart.y)
      }) if length(q.parameters) == 0
    ])
    error_message = "Each visual must be the chart the file gives (bar, line or table) over its x and y columns, or a table of every result column."
  }

  assert {
    condition     = toset([for q in var.demo.queries : q.chart.type if length(q.parameters) == 0]) == toset(["bar", "line", "table"])
    error_message = "dashboards/demo.json should show QuickSight each kind of visual it draws (bar, line, table); if a chart was changed on purpose, update this run."
  }

  assert {
    condition     = module.quicksight[0].dashboard_visuals["02-how-riders-pay"] == { kind = "bar", fields = ["payment", "trips"] }
    error_message = "How riders pay must be a bar chart of trips by payment."
  }

  assert {
    condition = alltrue([
      for i, q in var.demo.queries : module.quicksight[0].data_sets["question-${format("%02d-%s", i + 1, q.id)}"].columns == q.columns if length(q.parameters) == 0
    ])
    error_message = "Each question's dataset must declare the result columns and types the export found."
  }

  # Provider 5.x has no dataset parameters: a query with $name would reach Athena as invalid SQL.
  assert {
    condition = length([
      for k, d in module.quicksight[0].data_sets : k if d.sql != null && can(regex("\\$[a-z_]", d.sql))
    ]) == 0 && !contains(keys(module.quicksight[0].dashboard_visuals), "06-trips-per-day")
    error_message = "A query with parameters ($name) must be left out of QuickSight: without dataset parameters its SQL cannot run there."
  }

  assert {
    condition     = strcontains(module.quicksight[0].data_sets["question-02-how-riders-pay"].sql, "FROM \"socar_lake_dev_processed\".\"tripdata\"")
    error_message = "A question's SQL must read the processed table by its full name: QuickSight's custom SQL has no default database."
  }

  assert {
    condition     = module.quicksight[0].dashboard_name == "socar-lake-dev ${var.demo.title}"
    error_message = "The dashboard must carry the dashboard file's title."
  }
}

run "the_given_principal_may_read_everything_and_nobody_else_gets_rights" {
  command = plan

  variables {
    quicksight = { enabled = true, principal_arn = "arn:aws:quicksight:ap-south-1:111122223333:user/default/data-ops" }
  }

  assert {
    condition = length(module.quicksight[0].permissions) == 1 + 2 + 5 + 1 && alltrue([
      for p in values(module.quicksight[0].permissions) : length(p) == 1 && p[0].principal == "arn:aws:quicksight:ap-south-1:111122223333:user/default/data-ops"
    ])
    error_message = "The data source, the 2 table datasets, the 5 question datasets (demo.json's queries without parameters) and the dashboard must each grant exactly quicksight.principal_arn."
  }

  assert {
    condition = alltrue(flatten([
      for p in values(module.quicksight[0].permissions) : [for a in p[0].actions : !can(regex("(Update|Delete|Create|Cancel)", a))]
    ]))
    error_message = "The principal reads; it may not update, delete or re-share what Terraform manages."
  }
}

run "spice_is_an_option" {
  command = plan

  variables {
    quicksight = { enabled = true, principal_arn = "arn:aws:quicksight:ap-south-1:111122223333:group/default/lake-readers", import_mode = "SPICE" }
  }

  assert {
    condition     = alltrue([for d in values(module.quicksight[0].data_sets) : d.import_mode == "SPICE"]) && length(module.quicksight[0].refresh_schedules) == 7
    error_message = "With import_mode SPICE every dataset (2 tables, 5 questions) must be imported and refreshed daily."
  }
}
