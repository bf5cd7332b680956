# Optional QuickSight over the lake (var.quicksight, off by default): the processed tables as datasets and the default
# dashboard file (dashboards/demo.json, the demo's questions) as a QuickSight dashboard.

locals {
  # `lake dashboards export` writes this from dashboards/*.json: Terraform's jsondecode takes no comments, and
  # QuickSight needs each result column's name and type, which the dashboard files do not state (the export asks
  # DuckDB). Its test in Lake.Local.Tests fails while the committed copy differs from what the files give.
  dashboards_export = jsondecode(file("${path.module}/../../env-common/dashboards.generated.json"))

  # One QuickSight dashboard, from the default file; the other files stay the console's.
  quicksight_dashboard = local.dashboards_export.dashboards["demo"]

  # Ids keep the file's order (visuals are laid out in id order). A query with parameters ($name) is left out:
  # provider 5.x has no dataset parameters on aws_quicksight_data_set, so its <<$name>> could not be declared.
  questions = {
    for i, q in local.quicksight_dashboard.queries : format("%02d-%s", i + 1, q.id) => {
      title   = q.title
      sql     = q.sql
      columns = q.columns
      chart   = q.chart.type == "table" ? null : { type = q.chart.type, category = q.chart.x, values = q.chart.y }
    } if length(q.parameters) == 0
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
  dashboard_title         = local.quicksight_dashboard.title
  principal_arn           = var.quicksight.principal_arn
  import_mode             = var.quicksight.import_mode
  spice_refresh_time      = var.quicksight.spice_refresh_time
  tags                    = local.tags
}
