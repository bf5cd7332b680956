# The trigger path after the ingest queue, on the default event bus (orchestration v2: the reconciler).
# Glue's state changes and a periodic sweep go to the reconcile queue, which etl-trigger consumes; Glue's
# events are best effort, so the sweep, not any single event, is what guarantees progress.

locals {
  rules = {
    crawler-finished = {
      description = "A lake crawl ended: the reconciler records it and starts the dataset's ETL job or a follow-up crawl."
      pattern = {
        source        = ["aws.glue"]
        "detail-type" = ["Glue Crawler State Change"]
        detail = {
          state       = ["Succeeded", "Failed"]
          crawlerName = [{ prefix = var.crawler_name_prefix }]
        }
      }
    }
    job-finished = {
      description = "A lake ETL run ended: the reconciler records it (and retries a failure); ops-notifier reports it."
      pattern = {
        source        = ["aws.glue"]
        "detail-type" = ["Glue Job State Change"]
        detail = {
          state   = ["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"]
          jobName = [{ prefix = var.job_name_prefix }]
        }
      }
    }
    crawler-failed = {
      description = "A lake crawl failed: ops-notifier tells the team."
      pattern = {
        source        = ["aws.glue"]
        "detail-type" = ["Glue Crawler State Change"]
        detail = {
          state       = ["Failed"]
          crawlerName = [{ prefix = var.crawler_name_prefix }]
        }
      }
    }
  }

  # Rule → target pairs. "queue" targets are the reconcile queue; "notify" targets invoke ops-notifier.
  targets = {
    crawler-finished-reconcile = { rule = "crawler-finished", kind = "queue" }
    job-finished-reconcile     = { rule = "job-finished", kind = "queue" }
    job-finished-notify        = { rule = "job-finished", kind = "notify" }
    crawler-failed-notify      = { rule = "crawler-failed", kind = "notify" }
    sweep-reconcile            = { rule = "sweep", kind = "queue" }
  }

  rule_arns = merge(
    { for k, r in aws_cloudwatch_event_rule.this : k => r.arn },
    { sweep = aws_cloudwatch_event_rule.sweep.arn },
  )
  rule_names = merge(
    { for k, r in aws_cloudwatch_event_rule.this : k => r.name },
    { sweep = aws_cloudwatch_event_rule.sweep.name },
  )
}

resource "aws_cloudwatch_event_rule" "this" {
  for_each = local.rules

  name          = "${var.name_prefix}-${each.key}"
  description   = each.value.description
  event_pattern = jsonencode(each.value.pattern)
  tags          = var.tags
}

# Lost or late Glue events cannot strand work: every sweep_minutes the reconciler looks at every dataset.
resource "aws_cloudwatch_event_rule" "sweep" {
  name                = "${var.name_prefix}-sweep"
  description         = "Every ${var.sweep_minutes} minutes: the reconciler checks every dataset for work a lost event left waiting."
  schedule_expression = var.sweep_minutes == 1 ? "rate(1 minute)" : "rate(${var.sweep_minutes} minutes)"
  tags                = var.tags
}

resource "aws_cloudwatch_event_target" "this" {
  for_each = local.targets

  rule      = local.rule_names[each.value.rule]
  target_id = each.key
  arn       = each.value.kind == "queue" ? aws_sqs_queue.reconcile.arn : var.ops_notifier_function_arn

  retry_policy {
    maximum_retry_attempts       = var.maximum_retry_attempts
    maximum_event_age_in_seconds = var.maximum_event_age_in_seconds
  }

  # An event EventBridge could not deliver within the retry policy is kept, not lost.
  dead_letter_config {
    arn = aws_sqs_queue.dead_letter.arn
  }

  # EventBridge may need the events key as soon as the target exists.
  depends_on = [aws_sqs_queue_policy.dead_letter, aws_sqs_queue_policy.reconcile, aws_kms_key_policy.events]
}

resource "aws_lambda_permission" "notify" {
  for_each = { for k, t in local.targets : k => t if t.kind == "notify" }

  statement_id  = "AllowEventBridge-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = var.ops_notifier_function_name
  principal     = "events.amazonaws.com"
  source_arn    = local.rule_arns[each.value.rule]
}

# etl-trigger reads the reconcile queue: SQS keeps an event through any number of function errors and
# throttles, where an asynchronous invoke would be discarded after two retries.
resource "aws_lambda_event_source_mapping" "reconcile" {
  event_source_arn        = aws_sqs_queue.reconcile.arn
  function_name           = var.etl_trigger_function_arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    # The reconciler's decisions are per dataset and guarded by conditional writes; two at once is enough.
    maximum_concurrency = 2
  }
}
