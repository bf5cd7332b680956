# QuickSight is an option for accounts that have it: off, the lake has none of it; on, a dataset per contract with
# the processed table's columns, the demo's questions as a dashboard, and read rights for the given principal.
# Runs on a mocked AWS.

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

run "the_demo_questions_are_the_dashboard" {
  # The dashboard names the datasets' ARNs, which only the (mocked) apply knows.
  command = apply

  variables {
    quicksight = { enabled = true, principal_arn = "arn:aws:quicksight:ap-south-1:111122223333:group/default/lake-readers" }
  }

  assert {
    condition     = toset(keys(module.quicksight[0].dashboard_visuals)) == toset([for f in fileset("../../../queries", "*.sql") : trimsuffix(f, ".sql")])
    error_message = "Every file in queries/ must be a visual of the dashboard."
  }

  assert {
    condition     = module.quicksight[0].dashboard_visuals["02-how-riders-pay"] == { kind = "bar", fields = ["payment", "trips"] }
    error_message = "How riders pay must be a bar chart of trips by payment."
  }

  assert {
    condition     = strcontains(module.quicksight[0].data_sets["question-02-how-riders-pay"].sql, "FROM \"socar_lake_dev_processed\".\"tripdata\"")
    error_message = "A question's SQL must read the processed table by its full name: QuickSight's custom SQL has no default database."
  }
}

run "the_given_principal_may_read_everything_and_nobody_else_gets_rights" {
  command = plan

  variables {
    quicksight = { enabled = true, principal_arn = "arn:aws:quicksight:ap-south-1:111122223333:user/default/data-ops" }
  }

  assert {
    condition = length(module.quicksight[0].permissions) == 1 + 2 + 4 + 1 && alltrue([
      for p in values(module.quicksight[0].permissions) : length(p) == 1 && p[0].principal == "arn:aws:quicksight:ap-south-1:111122223333:user/default/data-ops"
    ])
    error_message = "The data source, the 2 table datasets, the 4 question datasets and the dashboard must each grant exactly quicksight.principal_arn."
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
    condition     = alltrue([for d in values(module.quicksight[0].data_sets) : d.import_mode == "SPICE"]) && length(module.quicksight[0].refresh_schedules) == 6
    error_message = "With import_mode SPICE every dataset (2 tables, 4 questions) must be imported and refreshed daily."
  }
}
