"""Shared test data for the Glue script tests (not a test module: discover skips it)."""

import json

KMS_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

TRIPDATA_COLUMNS = [
    {"name": "vendor_id", "type": "int"},
    {"name": "pickup_at", "type": "timestamp"},
    {"name": "fare_amount", "type": "decimal(10,2)"},
]


def job_options(**overrides):
    """Resolved job options as getResolvedOptions returns them, valid unless overridden."""
    options = {
        "JOB_NAME": "socar-lake-dev-tripdata",
        "dataset": "tripdata",
        "plan_uri": "s3://socar-lake-dev-artifacts/glue/plans/tripdata.spark.json",
        "raw_path": "s3://socar-lake-dev-raw/tripdata",
        "processed_database": "socar_lake_dev_processed",
        "processed_table": "tripdata",
        "processed_path": "s3://socar-lake-dev-processed/tripdata",
        "quarantine_path": "s3://socar-lake-dev-quarantine/tripdata",
        "run_summary_path": "s3://socar-lake-dev-processed/_runs/tripdata",
        "kms_key_arn": KMS_ARN,
    }
    options.update(overrides)
    return {k: v for k, v in options.items() if v is not None}


def plan_doc(**overrides):
    """A valid Spark typing plan document for tripdata; a value of None removes the key."""
    doc = {
        "dataset": "tripdata",
        "engine": "spark",
        "plan_version": 1,
        "source_view": "raw_rows",
        "sql": "SELECT try_cast(`VendorID` AS INT) AS `vendor_id` FROM raw_rows",
        "reason_column": "_quarantine_reason",
        "partition_keys": ["pickup_year", "pickup_month"],
        "columns": [dict(c) for c in TRIPDATA_COLUMNS],
    }
    doc.update(overrides)
    return {k: v for k, v in doc.items() if v is not None}


def plan_text(**overrides):
    return json.dumps(plan_doc(**overrides))
