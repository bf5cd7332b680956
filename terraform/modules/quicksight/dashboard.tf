# One sheet, one visual per question in id order, two to a row: a bar or line chart of the values by category where
# the question has a chart, else a table of its rows. The visuals read the questions' custom SQL datasets, so the
# dashboard shows what `lake query` prints for the same files.
locals {
  question_ids = sort(keys(var.questions))

  # A bar's category field must match its column's type: text is a categorical dimension, numbers a numerical one,
  # times a date one ("BarChartAggregatedFieldWells", QuickSight API reference).
  dimension_kinds = { STRING = "categorical", BOOLEAN = "categorical", INTEGER = "numerical", DECIMAL = "numerical", DATETIME = "date" }

  charts = {
    for id, q in var.questions : id => q.chart == null ? null : {
      type     = q.chart.type
      category = q.chart.category
      values   = q.chart.values
      kind     = local.dimension_kinds[one([for c in q.columns : c.type if c.name == q.chart.category])]
    }
  }

  grid_columns = 36
}

resource "aws_quicksight_dashboard" "this" {
  count = length(var.questions) > 0 ? 1 : 0

  aws_account_id      = var.aws_account_id
  dashboard_id        = "${var.name_prefix}-questions"
  name                = "${var.name_prefix} ${var.dashboard_title}"
  version_description = "The lake's questions: ${join(", ", [for id in local.question_ids : var.questions[id].title])}"

  definition {
    dynamic "data_set_identifiers_declarations" {
      for_each = local.question_ids
      content {
        identifier   = data_set_identifiers_declarations.value
        data_set_arn = aws_quicksight_data_set.this["question-${data_set_identifiers_declarations.value}"].arn
      }
    }

    sheets {
      sheet_id = "questions"
      name     = "Questions"

      dynamic "visuals" {
        for_each = local.question_ids
        content {
          dynamic "bar_chart_visual" {
            for_each = try(local.charts[visuals.value].type, null) == "bar" ? [visuals.value] : []
            content {
              visual_id = bar_chart_visual.value

              title {
                format_text {
                  plain_text = var.questions[bar_chart_visual.value].title
                }
              }

              chart_configuration {
                field_wells {
                  bar_chart_aggregated_field_wells {
                    category {
                      dynamic "categorical_dimension_field" {
                        for_each = local.charts[bar_chart_visual.value].kind == "categorical" ? [local.charts[bar_chart_visual.value].category] : []
                        content {
                          field_id = "${bar_chart_visual.value}.${categorical_dimension_field.value}"
                          column {
                            data_set_identifier = bar_chart_visual.value
                            column_name         = categorical_dimension_field.value
                          }
                        }
                      }

                      dynamic "numerical_dimension_field" {
                        for_each = local.charts[bar_chart_visual.value].kind == "numerical" ? [local.charts[bar_chart_visual.value].category] : []
                        content {
                          field_id = "${bar_chart_visual.value}.${numerical_dimension_field.value}"
                          column {
                            data_set_identifier = bar_chart_visual.value
                            column_name         = numerical_dimension_field.value
                          }
                        }
                      }

                      dynamic "date_dimension_field" {
                        for_each = local.charts[bar_chart_visual.value].kind == "date" ? [local.charts[bar_chart_visual.value].category] : []
                        content {
                          field_id = "${bar_chart_visual.value}.${date_dimension_field.value}"
                          column {
                            data_set_identifier = bar_chart_visual.value
                            column_name         = date_dimension_field.value
                          }
                        }
                      }
                    }

                    # One result row per category: the sum is the row's own value.
                    dynamic "values" {
                      for_each = local.charts[bar_chart_visual.value].values
                      content {
                        numerical_measure_field {
                          field_id = "${bar_chart_visual.value}.${values.value}"
                          column {
                            data_set_identifier = bar_chart_visual.value
                            column_name         = values.value
                          }
                          aggregation_function {
                            simple_numerical_aggregation = "SUM"
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }

          dynamic "line_chart_visual" {
            for_each = try(local.charts[visuals.value].type, null) == "line" ? [visuals.value] : []
            content {
              visual_id = line_chart_visual.value

              title {
                format_text {
                  plain_text = var.questions[line_chart_visual.value].title
                }
              }

              chart_configuration {
                field_wells {
                  line_chart_aggregated_field_wells {
                    category {
                      dynamic "categorical_dimension_field" {
                        for_each = local.charts[line_chart_visual.value].kind == "categorical" ? [local.charts[line_chart_visual.value].category] : []
                        content {
                          field_id = "${line_chart_visual.value}.${categorical_dimension_field.value}"
                          column {
                            data_set_identifier = line_chart_visual.value
                            column_name         = categorical_dimension_field.value
                          }
                        }
                      }

                      dynamic "numerical_dimension_field" {
                        for_each = local.charts[line_chart_visual.value].kind == "numerical" ? [local.charts[line_chart_visual.value].category] : []
                        content {
                          field_id = "${line_chart_visual.value}.${numerical_dimension_field.value}"
                          column {
                            data_set_identifier = line_chart_visual.value
                            column_name         = numerical_dimension_field.value
                          }
                        }
                      }

                      dynamic "date_dimension_field" {
                        for_each = local.charts[line_chart_visual.value].kind == "date" ? [local.charts[line_chart_visual.value].category] : []
                        content {
                          field_id = "${line_chart_visual.value}.${date_dimension_field.value}"
                          column {
                            data_set_identifier = line_chart_visual.value
                            column_name         = date_dimension_field.value
                          }
                        }
                      }
                    }

                    # One result row per point of the line: the sum is the row's own value.
                    dynamic "values" {
                      for_each = local.charts[line_chart_visual.value].values
                      content {
                        numerical_measure_field {
                          field_id = "${line_chart_visual.value}.${values.value}"
                          column {
                            data_set_identifier = line_chart_visual.value
                            column_name         = values.value
                          }
                          aggregation_function {
                            simple_numerical_aggregation = "SUM"
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }

          dynamic "table_visual" {
            for_each = local.charts[visuals.value] == null ? [visuals.value] : []
            content {
              visual_id = table_visual.value

              title {
                format_text {
                  plain_text = var.questions[table_visual.value].title
                }
              }

              chart_configuration {
                field_wells {
                  table_unaggregated_field_wells {
                    dynamic "values" {
                      for_each = var.questions[table_visual.value].columns
                      content {
                        field_id = "${table_visual.value}.${values.value.name}"
                        column {
                          data_set_identifier = table_visual.value
                          column_name         = values.value.name
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }

      layouts {
        configuration {
          grid_layout {
            dynamic "elements" {
              for_each = local.question_ids
              content {
                element_id   = elements.value
                element_type = "VISUAL"
                column_index = tostring((elements.key % 2) * local.grid_columns / 2)
                row_index    = tostring(floor(elements.key / 2) * 12)
                column_span  = local.grid_columns / 2
                row_span     = 12
              }
            }
          }
        }
      }
    }
  }

  permissions {
    principal = var.principal_arn
    actions   = local.dashboard_actions
  }

  tags = var.tags
}
