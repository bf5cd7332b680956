variable "name_prefix" {
  type        = string
  description = "Prefix of every name, <project>-<env>: the data source is <name_prefix>-athena, datasets <name_prefix>-<table>."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "aws_account_id" {
  type        = string
  description = "AWS account of the QuickSight subscription (the lake's account): 12 digits."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be the 12 digits of an AWS account."
  }
}

variable "athena_workgroup_name" {
  type        = string
  description = "Athena workgroup every QuickSight query runs in: the lake's, whose enforced settings encrypt results and cap bytes scanned."
}

variable "processed_database_name" {
  type        = string
  description = "Glue database of the processed tables."
}

variable "tables" {
  type        = map(list(object({ name = string, type = string })))
  description = "Processed tables by name with their columns as Athena sees them (contract columns, then partition keys), in the contracts' types: string, int, bigint, double, decimal(p,s), boolean, date, timestamp. One dataset each."

  validation {
    condition     = length(var.tables) > 0
    error_message = "tables must name at least one processed table."
  }

  validation {
    condition = alltrue(flatten([
      for table, columns in var.tables : [
        for c in columns : can(regex("^(string|int|bigint|double|boolean|date|timestamp|decimal\\([0-9]+,[0-9]+\\))$", c.type))
      ]
    ]))
    error_message = "Every column type must be a contract type: string, int, bigint, double, decimal(p,s), boolean, date or timestamp (datasets/contract.schema.json)."
  }
}

variable "questions" {
  type = map(object({
    title   = string
    sql     = string
    columns = list(object({ name = string, type = string }))
    chart   = optional(object({ type = optional(string, "bar"), category = string, values = list(string) }))
  }))
  description = "The dashboard's questions by id: SQL over the processed tables by their plain names (as `lake query` takes it), its result columns in QuickSight types (STRING, INTEGER, DECIMAL, DATETIME, BOOLEAN), and a bar or line chart of the values (number columns) by category; a question without a chart is shown as a table. No questions, no dashboard. The environments fill it from `lake dashboards export`."
  default     = {}

  validation {
    condition     = alltrue([for id, q in var.questions : can(regex("^[A-Za-z0-9_-]{1,64}$", id))])
    error_message = "Question ids must be 1 to 64 letters, digits, hyphens or underscores (they become dataset ids)."
  }

  validation {
    condition     = alltrue([for id, q in var.questions : length(q.columns) > 0])
    error_message = "Questions without result columns: ${join(", ", [for id, q in var.questions : id if length(q.columns) == 0])}. QuickSight needs each column's name and type: run `lake dashboards export`, which writes them."
  }

  validation {
    condition = alltrue(flatten([
      for id, q in var.questions : [for c in q.columns : contains(["STRING", "INTEGER", "DECIMAL", "DATETIME", "BOOLEAN"], c.type)]
    ]))
    error_message = "Question column types must be QuickSight's: STRING, INTEGER, DECIMAL, DATETIME or BOOLEAN."
  }

  # A column the SQL never names is a typo or a stale declaration: QuickSight would fail the dataset on apply.
  validation {
    condition = alltrue(flatten([
      for id, q in var.questions : [for c in q.columns : can(regex("(?i)\\b${c.name}\\b", q.sql))]
    ]))
    error_message = "Result columns their question's SQL never names: ${join(", ", flatten([for id, q in var.questions : [for c in q.columns : "${id}.${c.name}" if !can(regex("(?i)\\b${c.name}\\b", q.sql))]]))}. Compare the declared columns with the query file."
  }

  validation {
    condition     = alltrue([for id, q in var.questions : q.chart == null || contains(["bar", "line"], try(q.chart.type, ""))])
    error_message = "A question's chart type must be bar or line (no chart: a table). Charts of other types: ${join(", ", [for id, q in var.questions : "${id} (${q.chart.type})" if q.chart != null && !contains(["bar", "line"], try(q.chart.type, ""))])}."
  }

  validation {
    condition = alltrue([
      for id, q in var.questions : q.chart == null || (
        contains([for c in q.columns : c.name], try(q.chart.category, "")) &&
        length(try(q.chart.values, [])) > 0 &&
        length(setsubtract(try(q.chart.values, []), [for c in q.columns : c.name if contains(["INTEGER", "DECIMAL"], c.type)])) == 0
      )
    ])
    error_message = "A question's chart must name one of its columns as category and one or more of its INTEGER or DECIMAL columns as values."
  }
}

variable "dashboard_title" {
  type        = string
  description = "Name of the dashboard as QuickSight lists it, after name_prefix (the dashboard file's title)."
  default     = "questions"
}

variable "principal_arn" {
  type        = string
  description = "QuickSight user or group that may read the data source, the datasets (and build analyses on them) and view the dashboard: arn:<partition>:quicksight:<identity region>:<account>:user|group/<namespace>/<name>."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:quicksight:[a-z0-9-]+:[0-9]{12}:(user|group)/[^/]+/.+$", var.principal_arn))
    error_message = "principal_arn must be a QuickSight user or group ARN, such as arn:aws:quicksight:ap-south-1:111122223333:group/default/lake-readers."
  }
}

variable "import_mode" {
  type        = string
  description = "DIRECT_QUERY: every dashboard view queries Athena (always current, billed per query); SPICE: QuickSight copies each dataset once a day (fast, uses SPICE capacity, up to a day old)."
  default     = "DIRECT_QUERY"

  validation {
    condition     = contains(["DIRECT_QUERY", "SPICE"], var.import_mode)
    error_message = "import_mode must be DIRECT_QUERY or SPICE."
  }
}

variable "spice_refresh_time" {
  type        = string
  description = "With SPICE: time of the daily full refresh of every dataset, HH:MM in UTC."
  default     = "02:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.spice_refresh_time))
    error_message = "spice_refresh_time must be HH:MM (00:00 to 23:59, UTC)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource that takes them."
  default     = {}
}
