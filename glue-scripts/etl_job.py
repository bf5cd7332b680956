"""Glue 5.0 ETL job: runs one dataset's typing plan over the raw rows that are new since the bookmark.

Raw catalog table -> every column as text -> the plan's Spark SQL -> good rows to partitioned Parquet
(processed zone, catalog partitions updated), bad rows with their reason to the quarantine zone ->
run summary -> bookmark commit. The order and the failure handling live in lake_glue.runner; this
file only adapts Glue, Spark and S3 to it. pyspark, awsglue and boto3 are imported inside functions so
the module imports (and is tested) where they are not installed.
"""

from __future__ import annotations

import sys
from typing import Any, Optional, Sequence

from lake_glue.args import JobArgs, job_arg_names, parse_job_args
from lake_glue.paths import kms_put_params, quarantine_renames, split_s3_uri
from lake_glue.plan import RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN, PlanError, TypingPlan, missing_source_columns
from lake_glue.runner import run_job
from lake_glue.summary import RunCounts, to_json

_COMPLEX_TYPES = ("struct", "array", "map")
_DELETE_BATCH = 1000  # S3 DeleteObjects limit


def raw_source_context(dataset: str) -> str:
    """The source's transformation_ctx: the bookmark's key, so it must never change between runs."""
    return f"raw_{dataset}"


def processed_sink_context(dataset: str) -> str:
    return f"processed_{dataset}"


# ---- Spark: pure DataFrame steps, shared with the smoke test in the Glue image -----------------------

def _col(name: str) -> Any:
    """A column by its exact name; quoted so a name with a dot is not read as a nested field."""
    from pyspark.sql import functions as F

    return F.col("`" + name.replace("`", "``") + "`")


def raw_text_frame(df: Any, plan: TypingPlan) -> Any:
    """Every raw column as text under its original name (the plan parses text; the crawler's inferred
    types are discarded), the plan's source columns these files lack as NULL text, and the job
    columns: the source file and the raw values (as read, without the added columns) as one struct."""
    from pyspark.sql import functions as F

    texts = []
    for f in df.schema.fields:
        column = _col(f.name)
        # Nested JSON values keep their JSON text rather than Spark's struct rendering.
        text = F.to_json(column) if f.dataType.typeName() in _COMPLEX_TYPES else column.cast("string")
        texts.append(text.alias(f.name))
    absent = [F.lit(None).cast("string").alias(name) for name in missing_source_columns(plan, df.columns)]
    return df.select(
        *texts,
        *absent,
        F.input_file_name().alias(RAW_OBJECT_COLUMN),
        F.struct(*texts).alias(RAW_VALUES_COLUMN),
    )


def is_empty_frame(raw: Any) -> bool:
    """No new raw objects: Glue's frame then has no columns at all, which no SQL can resolve."""
    return not raw.columns or raw.isEmpty()


def apply_plan(spark: Any, raw: Any, plan: TypingPlan) -> Any:
    """The plan's SELECT over the raw rows, cached: it is counted, then written twice (good and bad)."""
    raw.createOrReplaceTempView(plan.source_view)
    return spark.sql(plan.sql).cache()


def count_rows(typed: Any, plan: TypingPlan) -> RunCounts:
    """All three counts in one pass over the cached frame; raw objects when the plan passes them."""
    from pyspark.sql import functions as F

    reason = _col(plan.reason_column)
    row = typed.agg(
        F.count(F.lit(1)).alias("rows_in"),
        F.count(F.when(reason.isNull(), F.lit(1))).alias("rows_out"),
        F.count(reason).alias("rows_quarantined"),
    ).first()
    objects: tuple = ()
    if plan.has_raw_object:
        objects = tuple(r[0] for r in typed.select(_col(RAW_OBJECT_COLUMN)).distinct().collect() if r[0])
    return RunCounts(int(row["rows_in"]), int(row["rows_out"]), int(row["rows_quarantined"]), objects)


def good_rows(typed: Any, plan: TypingPlan, columns: Sequence[str]) -> Any:
    return typed.where(_col(plan.reason_column).isNull()).select(*[_col(c) for c in columns])


def bad_rows(typed: Any, plan: TypingPlan, columns: Sequence[str]) -> Any:
    """One quarantine record per bad row: {raw_object, reason, values}, the local lake's shape. values
    holds the raw text when the plan passes it through, else the plan's own columns as text."""
    from pyspark.sql import functions as F

    raw_object = _col(RAW_OBJECT_COLUMN) if plan.has_raw_object else F.lit(None).cast("string")
    values = (_col(RAW_VALUES_COLUMN) if plan.has_raw_values
              else F.struct(*[_col(c).cast("string").alias(c) for c in columns]))
    reason = _col(plan.reason_column)
    return typed.where(reason.isNotNull()).select(
        raw_object.alias("raw_object"), reason.alias("reason"), values.alias("values"))


def write_json_lines(frame: Any, uri: str) -> None:
    # Keep null raw values as nulls: a reader should see every column of the row, empty or not.
    frame.write.mode("overwrite").option("ignoreNullFields", "false").json(uri)


# ---- Glue and S3 -------------------------------------------------------------------------------------

class GlueJobIO:
    """lake_glue.runner.JobIO over a GlueContext, its job (bookmarks) and a boto3 S3 client."""

    def __init__(self, glue_context: Any, spark: Any, job: Any, args: JobArgs, s3: Any):
        self.glue, self.spark, self.job, self.args, self.s3 = glue_context, spark, job, args, s3

    def read_plan(self, uri: str) -> str:
        bucket, key = split_s3_uri(uri)
        try:
            return self.s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8")
        except Exception as e:  # add what was being read; botocore's message lacks the URI
            raise PlanError(f"{uri}: cannot read the typing plan: {e}") from e

    def read_raw(self, plan: TypingPlan) -> Any:
        frame = self.glue.create_dynamic_frame.from_catalog(
            database=self.args.raw_database,
            table_name=self.args.raw_table,
            transformation_ctx=raw_source_context(self.args.dataset),
        )
        # A column whose type differs between files arrives as a choice; text settles it.
        df = frame.resolveChoice(choice="cast:string").toDF()
        return raw_text_frame(df, plan) if df.columns else df

    def is_empty(self, raw: Any) -> bool:
        return is_empty_frame(raw)

    def run_sql(self, raw: Any, plan: TypingPlan) -> Any:
        return apply_plan(self.spark, raw, plan)

    def output_columns(self, typed: Any) -> Sequence[str]:
        return typed.columns

    def count(self, typed: Any, plan: TypingPlan) -> RunCounts:
        return count_rows(typed, plan)

    def write_good(self, typed: Any, plan: TypingPlan, columns: Sequence[str]) -> Sequence[str]:
        from awsglue.dynamicframe import DynamicFrame

        context = processed_sink_context(self.args.dataset)
        frame = DynamicFrame.fromDF(good_rows(typed, plan, columns), self.glue, context)
        sink = self.glue.getSink(
            connection_type="s3",
            path=self.args.processed_path,
            enableUpdateCatalog=True,
            updateBehavior="UPDATE_IN_DATABASE",
            partitionKeys=list(plan.partition_keys),
            transformation_ctx=context,
        )
        sink.setFormat("glueparquet")
        sink.setCatalogInfo(catalogDatabase=self.args.processed_database, catalogTableName=self.args.processed_table)
        sink.writeFrame(frame)
        return []  # the sink does not report the files it wrote

    def write_bad(self, typed: Any, plan: TypingPlan, columns: Sequence[str], run_prefix: str) -> Sequence[str]:
        staging = run_prefix + "_staging/"
        write_json_lines(bad_rows(typed, plan, columns), staging)
        return self.publish_quarantine(staging, run_prefix)

    def publish_quarantine(self, staging_uri: str, run_prefix_uri: str) -> list[str]:
        """Moves Spark's part files to run=<run>/bad-rows-<n>.jsonl and removes the staging folder."""
        bucket, staging_key = split_s3_uri(staging_uri)
        _, run_key = split_s3_uri(run_prefix_uri)
        staged = self._list_keys(bucket, staging_key)
        published = []
        for source, target in quarantine_renames(staged, run_key):
            self.s3.copy_object(Bucket=bucket, Key=target, CopySource={"Bucket": bucket, "Key": source},
                                **kms_put_params(self.args.kms_key_arn))
            published.append(f"s3://{bucket}/{target}")
        for i in range(0, len(staged), _DELETE_BATCH):
            batch = [{"Key": k} for k in staged[i:i + _DELETE_BATCH]]
            self.s3.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
        return published

    def _list_keys(self, bucket: str, prefix: str) -> list[str]:
        keys: list[str] = []
        request = {"Bucket": bucket, "Prefix": prefix}
        while True:
            page = self.s3.list_objects_v2(**request)
            keys.extend(item["Key"] for item in page.get("Contents", []))
            if not page.get("IsTruncated"):
                return keys
            request["ContinuationToken"] = page["NextContinuationToken"]

    def put_summary(self, uri: str, body: str) -> None:
        bucket, key = split_s3_uri(uri)
        self.s3.put_object(Bucket=bucket, Key=key, Body=body.encode("utf-8"), ContentType="application/json",
                           **kms_put_params(self.args.kms_key_arn))

    def commit(self) -> None:
        self.job.commit()


def main(argv: Optional[Sequence[str]] = None) -> dict:
    import boto3
    from awsglue.context import GlueContext
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext

    argv = list(sys.argv if argv is None else argv)
    options = getResolvedOptions(argv, job_arg_names(argv))
    args = parse_job_args(options)
    glue_context = GlueContext(SparkContext.getOrCreate())
    job = Job(glue_context)
    job.init(args.job_name, options)
    io = GlueJobIO(glue_context, glue_context.spark_session, job, args, boto3.client("s3"))
    summary = run_job(args, io)
    print(to_json(summary))
    return summary


if __name__ == "__main__":
    main()
