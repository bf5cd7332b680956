"""Smoke test of the ETL job in AWS's Glue 5.0 image, run by CI (see README.md here).

It runs etl_job.main() itself with the argv Glue passes: the real getResolvedOptions, GlueContext, Job
and Spark 3.5 session settings, the real reader options, typing SQL, partitioned Parquet and JSON lines
writes, and the ledger's commit and publication. What it cannot reach in the image it names and
replaces: S3 (boto3's client is a folder per bucket, smoke/local_aws.py; s3:// paths Spark would read
through EMRFS are mapped to file:// paths) and the Glue Data Catalog (in memory). Then every golden
typing case runs on Spark. No AWS account or network is used. Exits non-zero on the first failed check.
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
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import etl_job  # noqa: E402  (needs the path above)
from lake_glue.paths import split_s3_uri  # noqa: E402
from lake_glue.runner import RawGroup  # noqa: E402
from local_aws import FolderS3, MemoryCatalog  # noqa: E402

HEADER = "VendorID,tpep_pickup_datetime,fare_amount\n"
RAW_CSV = HEADER + """1,2019-01-01 00:46:40,7.00
007,2019-02-15 10:00:00, 12.50
x,2019-02-01 08:00:00,3.10
1,not a time,4.00
2,2019-02-03 09:30:00,99999999999.99
2,2019-1-5 8:05:09,1.10
"""
# The same columns in another order and a field too many on one line: read by its own header.
OTHER_LAYOUT = """fare_amount,VendorID,tpep_pickup_datetime
5.50,2,2019-01-20 10:00:00
6.00,1,2019-01-21 11:00:00,surplus
"""
# Good: rows 1, 2 ('007' -> 7, ' 12.50' trimmed) and the first of OTHER_LAYOUT. Bad: vendor 'x', an
# unparseable time, a fare too large for decimal(10,2), a datetime only Spark's legacy parser read
# (with the EXCEPTION policy this row failed the whole run), and the malformed line.
EXPECTED = (8, 3, 5)

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
  CAST(year(`__t_pickup_at`) AS INT) AS `pickup_year`,
  CAST(month(`__t_pickup_at`) AS INT) AS `pickup_month`,
  NULLIF(concat_ws('; ',
    CASE WHEN `__v_vendor_id` IS NOT NULL AND `__t_vendor_id` IS NULL
         THEN 'vendor_id: ' || left(`__v_vendor_id`, 80) || ' is not a valid int' END,
    CASE WHEN `__v_pickup_at` IS NULL THEN 'pickup_at: required value is missing'
         WHEN `__t_pickup_at` IS NULL THEN 'pickup_at: ' || left(`__v_pickup_at`, 80) || ' is not a timestamp' END,
    CASE WHEN `__v_fare_amount` IS NOT NULL AND `__t_fare_amount` IS NULL
         THEN 'fare_amount: ' || left(`__v_fare_amount`, 80) || ' is not a decimal(10,2)' END
  ), '') AS `_quarantine_reason`,
  `_raw_object`, `_raw_values`
FROM __typed
"""
PLAN = json.dumps({
    "dataset": "tripdata", "engine": "spark", "plan_version": 1, "source_view": "raw_rows",
    "source_columns": ["VendorID", "tpep_pickup_datetime", "fare_amount"],
    "sql": PLAN_SQL, "reason_column": "_quarantine_reason",
    "partition_keys": ["pickup_year", "pickup_month"], "schema_version": 2,
    "pass_through": ["_raw_object", "_raw_values"],
    "columns": [{"name": "vendor_id", "type": "int"}, {"name": "pickup_at", "type": "timestamp"},
                {"name": "fare_amount", "type": "decimal(10,2)"}],
    "source_format": {"type": "csv", "delimiter": ",", "header": True},
})
KMS_ARN = "arn:aws:kms:ap-south-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"


def check(condition, message):
    if not condition:
        raise AssertionError("smoke test failed: " + message)


def glue_argv(run_id):
    """What Glue passes: its own options first, then the job's default and run arguments."""
    return ["etl_job.py", "--JOB_ID", "j_smoke", "--JOB_RUN_ID", run_id, "--JOB_NAME", "lake-smoke-tripdata",
            "--job-bookmark-option", "job-bookmark-disable", "--TempDir", "s3://assets/temporary/",
            "--dataset", "tripdata", "--plan_uri", "s3://artifacts/plans/tripdata.spark.json",
            "--raw_path", "s3://raw-zone/tripdata/", "--processed_database", "processed",
            "--processed_table", "tripdata", "--processed_path", "s3://processed-zone/tripdata/",
            "--quarantine_path", "s3://quarantine-zone/tripdata/",
            "--run_summary_path", "s3://processed-zone/_runs/tripdata/", "--kms_key_arn", KMS_ARN]


def local_frames(root):
    """SparkFrames with s3://bucket/key read and written as file://<root>/bucket/key."""

    def local(uri):
        bucket, key = split_s3_uri(uri)
        return "file://" + os.path.join(root, bucket, key)

    class LocalSparkFrames(etl_job.SparkFrames):
        def read_raw(self, groups, plan):
            return super().read_raw([RawGroup(g.source_format, g.columns, tuple(local(u) for u in g.uris))
                                     for g in groups], plan)

        def stage_good(self, typed, plan, columns, staging_uri):
            super().stage_good(typed, plan, columns, local(staging_uri))

        def stage_bad(self, typed, plan, columns, staging_uri):
            super().stage_bad(typed, plan, columns, local(staging_uri))

    return LocalSparkFrames


def smoke_main(spark, root):
    import boto3

    s3, catalog = FolderS3(root), MemoryCatalog()
    boto3.client = lambda service, *args, **kwargs: {"s3": s3, "glue": catalog}[service]
    etl_job.SparkFrames = local_frames(root)
    # The processed table as Terraform creates it from the contract.
    catalog.tables[("processed", "tripdata")] = {
        "Name": "tripdata", "PartitionKeys": [{"Name": "pickup_year", "Type": "int"}, {"Name": "pickup_month", "Type": "int"}],
        "StorageDescriptor": {"Location": "s3://processed-zone/tripdata/", "Columns": [
            {"Name": "vendor_id", "Type": "int"}, {"Name": "pickup_at", "Type": "timestamp"},
            {"Name": "fare_amount", "Type": "decimal(10,2)"}]}}
    s3.put_object(Bucket="artifacts", Key="plans/tripdata.spark.json", Body=PLAN.encode())
    s3.put_object(Bucket="raw-zone", Key="tripdata/ingest_date=2019-03-01/yellow.csv", Body=RAW_CSV.encode())
    s3.put_object(Bucket="raw-zone", Key="tripdata/ingest_date=2019-03-01/other.csv", Body=OTHER_LAYOUT.encode())

    summary = etl_job.main(glue_argv("jr_smoke_1"))
    counts = (summary["rows_in"], summary["rows_out"], summary["rows_quarantined"])
    check(counts == EXPECTED, f"counts {counts}, expected {EXPECTED}: {summary}")
    check(summary["run_id"] == "jr_smoke_1", "Glue's run id names the run")
    check(len(summary["raw_objects"]) == 2, f"both raw objects listed: {summary['raw_objects']}")
    record = json.loads(s3.get_object(Bucket="processed-zone", Key="_runs/tripdata/jr_smoke_1.json")["Body"].read())
    check(record["state"] == "SUCCEEDED" and record["commit"]["processed"], "committed run record")

    good = spark.read.parquet(os.path.join(root, "processed-zone", "tripdata"))
    dtypes = dict(good.dtypes)
    check(good.count() == 3, f"three good rows in Parquet, got {good.count()}")
    check(dtypes["vendor_id"] == "int" and dtypes["fare_amount"] == "decimal(10,2)"
          and dtypes["pickup_at"] == "timestamp", f"typed columns {dtypes}")
    check(sorted(r["vendor_id"] for r in good.collect()) == [1, 2, 7], "'007' typed as 7 (raw text, not inferred)")
    check(not any(c.startswith("_") for c in good.columns), f"no job columns in Parquet: {good.columns}")
    names = [f for _, _, files in os.walk(os.path.join(root, "processed-zone", "tripdata")) for f in files
             if f.endswith(".parquet")]
    check(names and all(n.startswith("part-jr_smoke_1-") for n in names), f"processed file names {names}")
    check(len(catalog.partitions) == 2, f"two partitions registered: {catalog.partitions}")
    check(not os.path.exists(os.path.join(root, "processed-zone", "_staging", "tripdata", "run=jr_smoke_1")),
          "staging removed")

    bad = [json.loads(line) for line in spark.read.text(
        os.path.join(root, "quarantine-zone", "tripdata", "run=jr_smoke_1")).rdd.map(lambda r: r.value).collect()]
    check(len(bad) == 5, f"five quarantine records, got {bad}")
    check(all(r["reason"] and r["raw_object"] for r in bad), f"every bad row names its raw object: {bad}")
    check(any(r["values"].get("_line", "").endswith("surplus") for r in bad), "the malformed line is kept")
    check(any("2019-1-5 8:05:09" in r["reason"] for r in bad), "the legacy-only datetime is quarantined")

    again = etl_job.main(glue_argv("jr_smoke_2"))
    check(again["rows_in"] == 0 and again["raw_objects"] == [], f"the next run reads nothing: {again}")


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

    spark = SparkSession.builder.master("local[2]").appName("lake-glue-smoke").getOrCreate()
    etl_job.configure_spark(spark)
    root = tempfile.mkdtemp(prefix="lake-glue-smoke-")
    try:
        smoke_main(spark, root)
        smoke_golden_cases(spark)
        print("glue smoke test: all checks passed")
    finally:
        spark.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
