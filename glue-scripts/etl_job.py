"""Glue 5.0 ETL job: runs one dataset's typing plan over the raw objects no committed run has processed.

Raw objects (listed by the ledger) -> every value as the text in the file -> the plan's Spark SQL ->
good rows staged as partitioned Parquet, bad rows staged as JSON lines with their reason -> run record
(the commit point) -> published: copied to the processed and quarantine zones, partitions registered,
raw objects marked done. The order and the failure handling live in lake_glue.runner and
lake_glue.ledger; this file only adapts Spark, S3 and the Glue catalog to them. pyspark, awsglue and
boto3 are imported inside functions so the module imports (and is tested) where they are not installed.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from lake_glue.args import job_arg_names, parse_job_args
from lake_glue.catalog import check_table, processed_table, register_partitions
from lake_glue.ledger import Ledger
from lake_glue.plan import MALFORMED_COLUMN, RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN, TypingPlan, missing_source_columns
from lake_glue.raw_objects import RawGroup
from lake_glue.runner import run_job
from lake_glue.store import S3Store
from lake_glue.summary import RunCounts, to_json

_COMPLEX_TYPES = ("struct", "array", "map")
# Spark 3.5 session settings the plan's SQL and the writes rely on. EXCEPTION (the default parser policy)
# turns a value the new datetime parser rejects but the legacy one reads into SparkUpgradeException,
# failing the whole run instead of quarantining a row (Spark SQL migration guide, 3.0); the zone pins what
# a timestamp without an offset means. The Parquet rebase modes default to EXCEPTION in Spark 3.x too:
# writing a date before 1582-10-15 or a timestamp before 1900 (the typing accepts years 0001-9999) would
# fail the run; CORRECTED writes the proleptic Gregorian values Athena reads.
SPARK_SETTINGS = {
    "spark.sql.legacy.timeParserPolicy": "CORRECTED",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.parquet.datetimeRebaseModeInWrite": "CORRECTED",
    "spark.sql.parquet.int96RebaseModeInWrite": "CORRECTED",
}


def configure_spark(spark: Any) -> None:
    for key, value in SPARK_SETTINGS.items():
        spark.conf.set(key, value)


# ---- Spark: DataFrame steps, shared with the smoke test in the Glue image ---------------------------

def _col(name: str) -> Any:
    """A column by its exact name; quoted so a name with a dot is not read as a nested field."""
    from pyspark.sql import functions as F

    return F.col("`" + name.replace("`", "``") + "`")


# Spark's DataFrameReader expands a path with any of these as a Hadoop glob pattern: a raw key such as
# a[1].csv would read a1.csv instead. A backslash makes each one literal (Hadoop GlobPattern).
_GLOB_CHARACTERS = re.compile(r"([\\\[\]{}*?])")


def literal_path(uri: str) -> str:
    return _GLOB_CHARACTERS.sub(r"\\\1", uri)


def read_group(spark: Any, group: RawGroup) -> Any:
    """One group of raw objects with every value as text. CSV: the group's header as an all-string
    schema (no inference: '007' stays '007'), RFC 4180 quoting ("" inside quotes), read line by line
    (multiLine off: a stray quote spoils its own line, never the rest of the file; a quoted line break
    makes two malformed lines); JSON lines: primitive values as strings. Lines the reader cannot split
    into the header's fields land in MALFORMED_COLUMN."""
    from pyspark.sql.types import StringType, StructField, StructType

    uris = [literal_path(u) for u in group.uris]
    if group.source_format.type == "csv":
        schema = StructType([StructField(c, StringType(), True) for c in group.columns]
                            + [StructField(MALFORMED_COLUMN, StringType(), True)])
        return (spark.read.schema(schema)
                .option("header", "true").option("enforceSchema", "true")
                .option("sep", group.source_format.delimiter).option("quote", '"').option("escape", '"')
                .option("multiLine", "false").option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", MALFORMED_COLUMN)
                .csv(uris))
    # jsonl
    return (spark.read.option("primitivesAsString", "true").option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", MALFORMED_COLUMN).json(uris))


def raw_text_frame(df: Any, plan: TypingPlan) -> Any:
    """Every raw column as text under its original name, the plan's source columns these files lack
    as NULL text, and the job columns: the source object (Spark's file metadata column, which names
    the file of every row however the files were split or combined), the raw values as a map, and the
    malformed line when the reader could not parse one."""
    from pyspark.sql import functions as F

    fields = [f for f in df.schema.fields if f.name != MALFORMED_COLUMN]
    texts = []
    for f in fields:
        column = _col(f.name)
        # Nested JSON values keep their JSON text rather than Spark's struct rendering.
        text = F.to_json(column) if f.dataType.typeName() in _COMPLEX_TYPES else column.cast("string")
        texts.append((f.name, text))
    absent = [F.lit(None).cast("string").alias(name)
              for name in missing_source_columns(plan, [f.name for f in fields])]
    malformed = _col(MALFORMED_COLUMN) if MALFORMED_COLUMN in df.columns else F.lit(None).cast("string")
    values = F.create_map(*[part for name, text in texts for part in (F.lit(name), text)])
    return df.select(
        *[text.alias(name) for name, text in texts],
        *absent,
        F.col("_metadata.file_path").alias(RAW_OBJECT_COLUMN),
        values.alias(RAW_VALUES_COLUMN),
        malformed.alias(MALFORMED_COLUMN),
    )


@dataclass(frozen=True)
class Typed:
    """The plan's result over the well-formed rows, and the malformed rows (quarantined as they are)."""

    rows: Any
    malformed: Any


def apply_plan(spark: Any, raw: Any, plan: TypingPlan) -> Typed:
    """The plan's SELECT over the well-formed raw rows, cached: it is counted, then written twice."""
    malformed = _col(MALFORMED_COLUMN)
    raw.where(malformed.isNull()).createOrReplaceTempView(plan.source_view)
    return Typed(spark.sql(plan.sql).cache(), raw.where(malformed.isNotNull()))


def count_rows(typed: Typed, plan: TypingPlan) -> RunCounts:
    """Good and bad rows of the plan's result in one pass, plus the malformed rows."""
    from pyspark.sql import functions as F

    reason = _col(plan.reason_column)
    row = typed.rows.agg(
        F.count(F.when(reason.isNull(), F.lit(1))).alias("rows_out"),
        F.count(reason).alias("rows_quarantined"),
    ).first()
    malformed = typed.malformed.count()
    out, bad = int(row["rows_out"]), int(row["rows_quarantined"]) + malformed
    return RunCounts(out + bad, out, bad)


def good_rows(typed: Typed, plan: TypingPlan, columns: Sequence[str]) -> Any:
    return typed.rows.where(_col(plan.reason_column).isNull()).select(*[_col(c) for c in columns])


def bad_rows(typed: Typed, plan: TypingPlan, columns: Sequence[str]) -> Any:
    """One quarantine record per bad row: {raw_object, reason, values}, the local lake's shape. values
    holds the raw text when the plan passes it through, else the plan's own columns as text."""
    from pyspark.sql import functions as F

    raw_object = _col(RAW_OBJECT_COLUMN) if plan.has_raw_object else F.lit(None).cast("string")
    values = (_col(RAW_VALUES_COLUMN) if plan.has_raw_values
              else F.create_map(*[p for c in columns for p in (F.lit(c), _col(c).cast("string"))]))
    reason = _col(plan.reason_column)
    typed_bad = typed.rows.where(reason.isNotNull()).select(
        raw_object.alias("raw_object"), reason.alias("reason"), values.alias("values"))
    malformed = typed.malformed.select(
        _col(RAW_OBJECT_COLUMN).alias("raw_object"),
        F.concat(F.lit("malformed record (fields do not match the header, or broken quoting/JSON): '"),
                 F.substring(_col(MALFORMED_COLUMN), 1, 80), F.lit("'")).alias("reason"),
        F.create_map(F.lit("_line"), _col(MALFORMED_COLUMN)).alias("values"))
    return typed_bad.unionByName(malformed)


def write_json_lines(frame: Any, uri: str) -> None:
    # Keep null raw values as nulls: a reader should see every column of the row, empty or not.
    frame.write.mode("overwrite").option("ignoreNullFields", "false").json(uri)


def write_parquet(frame: Any, partition_keys: Sequence[str], uri: str) -> None:
    frame.write.mode("overwrite").option("compression", "snappy").partitionBy(*partition_keys).parquet(uri)


class SparkFrames:
    """lake_glue.runner.Frames over a SparkSession."""

    def __init__(self, spark: Any):
        self.spark = spark

    def read_raw(self, groups: Sequence[RawGroup], plan: TypingPlan) -> Any:
        frames = [raw_text_frame(read_group(self.spark, g), plan) for g in groups]
        raw = frames[0]
        for frame in frames[1:]:
            raw = raw.unionByName(frame, allowMissingColumns=True)
        return raw.cache()

    def count_rows(self, raw: Any) -> int:
        return raw.count()

    def run_sql(self, raw: Any, plan: TypingPlan) -> Typed:
        return apply_plan(self.spark, raw, plan)

    def output_columns(self, typed: Typed) -> Sequence[str]:
        return typed.rows.columns

    def count(self, typed: Typed, plan: TypingPlan) -> RunCounts:
        return count_rows(typed, plan)

    def stage_good(self, typed: Typed, plan: TypingPlan, columns: Sequence[str], staging_uri: str) -> None:
        write_parquet(good_rows(typed, plan, columns), plan.partition_keys, staging_uri)

    def stage_bad(self, typed: Typed, plan: TypingPlan, columns: Sequence[str], staging_uri: str) -> None:
        write_json_lines(bad_rows(typed, plan, columns), staging_uri)


class GlueCatalog:
    """lake_glue.ledger.CatalogPort over a boto3 Glue client: the processed table and its partitions."""

    def __init__(self, glue: Any, database: str, table: str):
        self.glue, self.database, self.table = glue, database, table

    def check(self, columns, partition_keys) -> None:
        check_table(processed_table(self.glue, self.database, self.table), self.database, columns, partition_keys)

    def publish(self, partitions) -> None:
        register_partitions(self.glue, self.database, processed_table(self.glue, self.database, self.table), partitions)


def main(argv: Optional[Sequence[str]] = None) -> dict:
    import boto3
    from awsglue.context import GlueContext
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext

    argv = list(sys.argv if argv is None else argv)
    options = getResolvedOptions(argv, job_arg_names())
    args = parse_job_args(options)
    glue_context = GlueContext(SparkContext.getOrCreate())
    spark = glue_context.spark_session
    configure_spark(spark)
    job = Job(glue_context)
    job.init(args.job_name, options)
    store = S3Store(boto3.client("s3"), args.kms_key_arn)
    catalog = GlueCatalog(boto3.client("glue"), args.processed_database, args.processed_table)
    summary = run_job(args, SparkFrames(spark), store, lambda run_id: Ledger(store, args, run_id, catalog))
    # The ledger, not Glue's bookmark, decides what the next run reads; commit keeps Glue's own run
    # state consistent (a no-op with --job-bookmark-option job-bookmark-disable).
    job.commit()
    print(to_json(summary))
    return summary


if __name__ == "__main__":
    main()
