output "data_source_arn" {
  description = "ARN of the Athena data source on the lake's workgroup."
  value       = aws_quicksight_data_source.this.arn
}

output "data_source" {
  description = "The data source as built: type and Athena workgroup."
  value = {
    type      = aws_quicksight_data_source.this.type
    workgroup = one(one(aws_quicksight_data_source.this.parameters).athena).work_group
  }
}

output "data_set_ids" {
  description = "Dataset id per processed table (<table>) and per question (question-<id>)."
  value       = { for k, d in aws_quicksight_data_set.this : k => d.data_set_id }
}

output "data_sets" {
  description = "Each dataset as built, by table or question-<id>: import mode, source (database.table, or the question's SQL) and input columns (name, QuickSight type)."
  value = {
    for k, d in aws_quicksight_data_set.this : k => {
      import_mode = d.import_mode
      table       = try("${one(one(d.physical_table_map).relational_table).schema}.${one(one(d.physical_table_map).relational_table).name}", null)
      sql         = try(one(one(d.physical_table_map).custom_sql).sql_query, null)
      columns = concat(
        [for c in try(one(one(d.physical_table_map).relational_table).input_columns, []) : { name = c.name, type = c.type }],
        [for c in try(one(one(d.physical_table_map).custom_sql).columns, []) : { name = c.name, type = c.type }],
      )
    }
  }
}

output "refresh_schedules" {
  description = "SPICE refresh per dataset (empty with DIRECT_QUERY): refresh type, interval, time of day and time zone."
  value = {
    for k, r in aws_quicksight_refresh_schedule.this : k => {
      refresh_type = one(r.schedule).refresh_type
      interval     = one(one(r.schedule).schedule_frequency).interval
      time         = one(one(r.schedule).schedule_frequency).time_of_the_day
      timezone     = one(one(r.schedule).schedule_frequency).timezone
    }
  }
}

output "dashboard_id" {
  description = "Id of the questions dashboard (null without questions): open https://<region>.quicksight.aws.amazon.com/sn/dashboards/<id>."
  value       = one(aws_quicksight_dashboard.this[*].dashboard_id)
}

output "dashboard_visuals" {
  description = "The dashboard's visuals by question id: kind (bar, line or table) and its fields (category then values, or the table's columns)."
  value = {
    for v in try(one(one(one(aws_quicksight_dashboard.this).definition).sheets).visuals, []) :
    coalesce(try(one(v.bar_chart_visual).visual_id, null), try(one(v.line_chart_visual).visual_id, null), try(one(v.table_visual).visual_id, null)) => length(v.table_visual) == 0 ? {
      kind = length(v.bar_chart_visual) > 0 ? "bar" : "line"
      fields = flatten([
        for w in concat(
          flatten([for c in v.bar_chart_visual : one(one(c.chart_configuration).field_wells).bar_chart_aggregated_field_wells]),
          flatten([for c in v.line_chart_visual : one(one(c.chart_configuration).field_wells).line_chart_aggregated_field_wells]),
          ) : [
          for f in concat(
            flatten([for c in w.category : concat(c.categorical_dimension_field, c.numerical_dimension_field, c.date_dimension_field)]),
            flatten([for m in w.values : m.numerical_measure_field]),
          ) : one(f.column).column_name
        ]
      ])
      } : {
      kind   = "table"
      fields = [for f in one(one(one(one(v.table_visual).chart_configuration).field_wells).table_unaggregated_field_wells).values : one(f.column).column_name]
    }
  }
}

output "dashboard_name" {
  description = "Name of the dashboard as QuickSight lists it (null without questions)."
  value       = one(aws_quicksight_dashboard.this[*].name)
}

output "permissions" {
  description = "Who may do what, by data-source:<id>, data-set:<id> and dashboard:<id>: a list of { principal, actions }."
  value = merge(
    { "data-source:${aws_quicksight_data_source.this.data_source_id}" = [for p in aws_quicksight_data_source.this.permission : { principal = p.principal, actions = sort(p.actions) }] },
    { for k, d in aws_quicksight_data_set.this : "data-set:${d.data_set_id}" => [for p in d.permissions : { principal = p.principal, actions = sort(p.actions) }] },
    { for d in aws_quicksight_dashboard.this : "dashboard:${d.dashboard_id}" => [for p in d.permissions : { principal = p.principal, actions = sort(p.actions) }] },
  )
}
