"""Smoke test of the ETL job's Spark steps, run in AWS's Glue 5.0 image by CI (see README.md here).

The unit tests prove the job's order and error handling without Spark; this proves the parts only
Spark can: raw columns as text with their source file, the plan's Spark SQL (try_cast,
try_to_timestamp), one-pass counts, partitioned Parquet, quarantine JSON lines, the empty-input run,
and a DynamicFrame built from the typed rows. Everything is local files under a temporary folder;
no AWS account or network is used. Exits non-zero on the first failed check.
"""

import json
import os
import shutil
import sys
import tempfile

GLUE_SCRIPTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The typing fixtures the C# golden tests use: contract, raw rows, expectations, approved Spark SQL.
GOLDEN_CASES = os.path.join(os.path.dirname(GLUE_SCRIPTS), "tests", "fixtures", "typing")
sys.path.insert(0, GLUE_SCRIPTS)

import etl_job  # noqa: E402  (needs the path above)
from lake_glue.args import parse_job_args  # noqa: E402
from lake_glue.paths import split_s3_uri  # noqa: E402
from lake_glue.runner import run_job  # noqa: E402

RAW_CSV = """VendorID,tpep_pickup_datetime,fare_amount
1,2019-01-01 00:46:40,7.00
2,2019-02-15 10:00:00,12.50
x,2019-02-01 08:00:00,3.10
1,not a time,4.00
2,2019-02-03 09:30:00,99999999999.99
"""
# Rows 3-5 are bad: vendor 'x', an unparseable time, a fare too large for decimal(10,2).
EXPECTED = (5, 2, 3)

# The shape SparkSqlTypingPlanRenderer renders (normalise, try-parse, reasons), cut to three columns.
PLAN_SQL = """
WITH __normalized AS (
  SELECT *,
    NULLIF(TRIM(CAST(`VendorID` AS STRING)), '') AS `__v_vendor_id`,
    NULLIF(TRIM(CAST(`tpep_pickup_datetime` AS STRING)), '') AS `__v_pickup_at`,
    NULLIF(TRIM(CAST(`fare_amount` AS STRING)), '') AS `__v_fare_amount`
  FROM raw_rows
),
__typed AS (
  SELECT *,
    try_cast(`__v_vendor_id` AS INT) AS `__t_vendor_id`,
    CAST(COALESCE(try_to_timestamp(`__v_pickup_at`, 'yyyy-MM-dd HH:mm:ss')) AS TIMESTAMP) AS `__t_pickup_at`,
    try_cast(`__v_fare_amount` AS DECIMAL(10,2)) AS `__t_fare_amount`
  FROM __normalized
)
SELECT
  `__t_vendor_id` AS `vendor_id`,
  `__t_pickup_at` AS `pickup_at`,
  `__t_fare_amount` AS `fare_amount`,
  year(`__t_pickup_at`) AS `pickup_year`,
  month(`__t_pickup_at`) AS `pickup_month`,
  NULLIF(concat_ws('; ',
    CASE WHEN `__v_vendor_id` IS NOT NULL AND `__t_vendor_id` IS NULL
         THEN 'vendor_id: ' || left(`__v_vendor_id`, 80) || ' is not a valid int' END,
    CASE WHEN `__v_pickup_at` IS NULL THEN 'pickup_at: required value is missing'
         WHEN `__t_pickup_at` IS NULL THEN 'pickup_at: ' || left(`__v_pickup_at`, 80) || ' is not a timestamp' END,
    CASE WHEN `__v_fare_amount` IS NOT NULL AND `__t_fare_amount` IS NULL
         THEN 'fare_amount: ' || left(`__v_fare_amount`, 80) || ' is not a decimal(10,2)' END
  ), '') AS `_quarantine_reason`
  {pass_through}
FROM __typed
"""


def plan_text(pass_through):
    extra = "".join(f", `{c}`" for c in pass_through)
    return json.dumps({
        "dataset": "tripdata", "engine": "spark", "plan_version": 1, "source_view": "raw_rows",
        "source_columns": ["VendorID", "tpep_pickup_datetime", "fare_amount"],
        "sql": PLAN_SQL.replace("{pass_through}", extra), "reason_column": "_quarantine_reason",
        "partition_keys": ["pickup_year", "pickup_month"], "schema_version": 2, "pass_through": pass_through,
        "columns": [{"name": "vendor_id", "type": "int"}, {"name": "pickup_at", "type": "timestamp"},
                    {"name": "fare_amount", "type": "decimal(10,2)"}],
    })


def check(condition, message):
    if not condition:
        raise AssertionError("smoke test failed: " + message)


class LocalSparkIO:
    """The job's JobIO with s3://bucket/key mapped to <root>/bucket/key and a CSV folder as raw table."""

    def __init__(self, spark, root, plan, raw=None):
        self.spark, self.root, self.plan, self.raw = spark, root, plan, raw
        self.summaries, self.commits = {}, 0

    def local(self, uri):
        bucket, key = split_s3_uri(uri)
        return os.path.join(self.root, bucket, key)

    def read_plan(self, uri):
        return self.plan

    def read_raw(self, plan):
        if self.raw is not None:
            return self.raw
        df = self.spark.read.option("header", "true").csv(os.path.join(self.root, "raw"))
        return etl_job.raw_text_frame(df, plan)

    def is_empty(self, raw):
        return etl_job.is_empty_frame(raw)

    def run_sql(self, raw, plan):
        return etl_job.apply_plan(self.spark, raw, plan)

    def output_columns(self, typed):
        return typed.columns

    def count(self, typed, plan):
        return etl_job.count_rows(typed, plan)

    def write_good(self, typed, plan, columns):
        target = os.path.join(self.root, "processed")
        etl_job.good_rows(typed, plan, columns).write.mode("append").partitionBy(*plan.partition_keys).parquet(target)
        return sorted(os.path.relpath(os.path.join(d, f), target)
                      for d, _, files in os.walk(target) for f in files if f.endswith(".parquet"))

    def write_bad(self, typed, plan, columns, run_prefix):
        etl_job.write_json_lines(etl_job.bad_rows(typed, plan, columns), self.local(run_prefix))
        return [run_prefix]

    def put_summary(self, uri, body):
        self.summaries[uri] = json.loads(body)

    def commit(self):
        self.commits += 1


def job_args(run_id):
    return parse_job_args({
        "JOB_NAME": "smoke", "dataset": "tripdata", "plan_uri": "s3://artifacts/plans/tripdata.spark.json",
        "raw_database": "raw", "raw_table": "tripdata", "processed_database": "processed",
        "processed_table": "tripdata", "processed_path": "s3://processed/tripdata/",
        "quarantine_path": "s3://quarantine/tripdata/", "run_summary_path": "s3://processed/_runs/tripdata/",
        "JOB_RUN_ID": run_id,
    })


def bad_records(spark, io, run_id):
    folder = io.local(f"s3://quarantine/tripdata/run={run_id}/")
    return [json.loads(row.value) for row in spark.read.text(folder).collect()]


def smoke_typed_run(spark, root):
    io = LocalSparkIO(spark, root, plan_text(["_raw_object", "_raw_values"]))
    summary = run_job(job_args("smoke_1"), io)
    check((summary["rows_in"], summary["rows_out"], summary["rows_quarantined"]) == EXPECTED, f"counts {summary}")
    check(len(summary["raw_objects"]) == 1 and summary["raw_objects"][0].endswith(".csv"), "raw object listed")
    check(summary["schema_version"] == 2 and summary["state"] == "SUCCEEDED" and io.commits == 1, "summary/commit")
    check(io.summaries["s3://processed/_runs/tripdata/smoke_1.json"] == summary, "summary written by run id")

    good = spark.read.parquet(os.path.join(root, "processed"))
    dtypes = dict(good.dtypes)
    check(good.count() == 2, "two good rows in Parquet")
    check(dtypes["vendor_id"] == "int" and dtypes["fare_amount"] == "decimal(10,2)"
          and dtypes["pickup_at"] == "timestamp", f"typed columns {dtypes}")
    check(not any(c.startswith("_") for c in good.columns), f"no job columns in Parquet: {good.columns}")
    check(sorted(r["pickup_month"] for r in good.collect()) == [1, 2], "partitioned by month")
    check(os.path.isdir(os.path.join(root, "processed", "pickup_year=2019", "pickup_month=2")), "partition folders")

    bad = bad_records(spark, io, "smoke_1")
    check(len(bad) == 3, f"three quarantine records, got {bad}")
    check(all(r["reason"] and r["raw_object"] and "VendorID" in r["values"] for r in bad), f"records {bad}")
    check({r["values"]["VendorID"] for r in bad} == {"x", "1", "2"}, "raw text kept")
    check(any("fare_amount: 99999999999.99" in r["reason"] for r in bad), "overflow reason")
    return good


def smoke_plan_without_pass_through(spark, root):
    io = LocalSparkIO(spark, root, plan_text([]))
    summary = run_job(job_args("smoke_2"), io)
    check((summary["rows_in"], summary["rows_out"], summary["rows_quarantined"]) == EXPECTED, "counts")
    check(summary["raw_objects"] == [], "no raw objects without _raw_object")
    bad = bad_records(spark, io, "smoke_2")
    check(all(r["raw_object"] is None and "vendor_id" in r["values"] for r in bad), f"typed values {bad}")


def smoke_empty_input(spark, root):
    from pyspark.sql.types import StructType

    io = LocalSparkIO(spark, root, plan_text([]), raw=spark.createDataFrame([], StructType([])))
    summary = run_job(job_args("smoke_3"), io)
    check(summary["state"] == "SUCCEEDED" and summary["rows_in"] == 0 and io.commits == 1, f"empty run {summary}")


def smoke_dynamic_frame(spark, good):
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame

    frame = DynamicFrame.fromDF(good, GlueContext(spark.sparkContext), "smoke_processed")
    check(frame.count() == 2, "DynamicFrame from the typed rows")


def smoke_golden_cases(spark):
    """Runs each fixture's approved Spark SQL on real Spark and compares with the expectations DuckDB
    meets in GoldenTypingTests: typed values as text, and the quarantined row numbers with reasons."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    if not os.path.isdir(GOLDEN_CASES):
        print(f"glue smoke test: no typing fixtures at {GOLDEN_CASES}; golden cases skipped")
        return
    failures = []
    names = sorted(n for n in os.listdir(GOLDEN_CASES) if os.path.isfile(os.path.join(GOLDEN_CASES, n, "spark.approved.sql")))
    for name in names:
        folder = os.path.join(GOLDEN_CASES, name)
        with open(os.path.join(folder, "case.json"), encoding="utf-8") as f:
            case = json.load(f)
        with open(os.path.join(folder, name + ".json"), encoding="utf-8") as f:
            contract = json.load(f)
        with open(os.path.join(folder, "spark.approved.sql"), encoding="utf-8") as f:
            sql = f.read()
        sources = sorted({key for row in case["rows"] for key in row})
        schema = StructType([StructField(s, StringType()) for s in sources])
        # One partition keeps the rows in input order, so output position is the row number.
        raw = spark.createDataFrame([tuple(row.get(s) for s in sources) for row in case["rows"]], schema).coalesce(1)
        raw.createOrReplaceTempView("raw_rows")
        columns = [c["name"] for c in contract["columns"]] + [p["name"] for p in contract.get("partitioning", [])]
        out = spark.sql(sql).select(*[F.col(c).cast("string").alias(c) for c in columns], "_quarantine_reason").collect()
        typed = [{c: r[c] for c in columns} for r in out if r["_quarantine_reason"] is None]
        quarantined = [{"row": i, "reason": r["_quarantine_reason"]} for i, r in enumerate(out) if r["_quarantine_reason"]]
        expected_rows = [{c: e.get(c) for c in columns} for e in case["expected_rows"]]
        if typed != expected_rows or quarantined != case["expected_quarantine"] or len(out) != len(case["rows"]):
            failures.append(f"{name}:\n  typed       {typed}\n  expected    {expected_rows}\n"
                            f"  quarantined {quarantined}\n  expected    {case['expected_quarantine']}")
    check(not failures, "Spark typing differs from the golden cases:\n" + "\n".join(failures))
    print(f"glue smoke test: {len(names)} golden typing cases match on Spark")


def main():
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("lake-glue-smoke")
             .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    root = tempfile.mkdtemp(prefix="lake-glue-smoke-")
    try:
        os.makedirs(os.path.join(root, "raw"))
        with open(os.path.join(root, "raw", "yellow_tripdata_sample.csv"), "w", encoding="utf-8") as f:
            f.write(RAW_CSV)
        smoke_dynamic_frame(spark, smoke_typed_run(spark, root))
        shutil.rmtree(os.path.join(root, "processed"))
        smoke_plan_without_pass_through(spark, root)
        smoke_empty_input(spark, root)
        smoke_golden_cases(spark)
        print("glue smoke test: all checks passed")
    finally:
        spark.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
