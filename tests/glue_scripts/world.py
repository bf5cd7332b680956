"""A small deployed lake for job tests: raw, processed, quarantine and artifacts buckets in FakeS3, the
processed database in FakeGlue, one CSV dataset `trips` with a typing function standing in for its
plan (not a test module: discover skips it)."""

import json
from datetime import datetime, timedelta, timezone

from aws_fakes import FakeGlue, FakeS3, Faults
from etl_job import GlueCatalog
from lake_glue.args import parse_job_args
from lake_glue.ledger import Ledger
from lake_glue.runner import run_job
from lake_glue.store import S3Store
from row_frames import RowFrames

KMS_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
RAW, PROCESSED, QUARANTINE, ARTIFACTS = "lake-raw", "lake-processed", "lake-quarantine", "lake-artifacts"
PLAN_KEY = "glue/plans/trips-0123456789ab.json"


def trips_options(**overrides):
    options = {
        "JOB_NAME": "lake-dev-trips",
        "dataset": "trips",
        "plan_uri": f"s3://{ARTIFACTS}/{PLAN_KEY}",
        "raw_path": f"s3://{RAW}/trips/",
        "processed_database": "lake_dev_processed",
        "processed_table": "trips",
        "processed_path": f"s3://{PROCESSED}/trips/",
        "quarantine_path": f"s3://{QUARANTINE}/trips/",
        "run_summary_path": f"s3://{PROCESSED}/_runs/trips/",
        "kms_key_arn": KMS_ARN,
    }
    options.update(overrides)
    return {k: v for k, v in options.items() if v is not None}


def trips_plan(**overrides):
    doc = {
        "dataset": "trips", "engine": "spark", "plan_version": 1, "source_view": "raw_rows",
        "sql": "SELECT ... FROM raw_rows", "reason_column": "_quarantine_reason", "partition_keys": ["day"],
        "columns": [{"name": "trip_id", "type": "int"}, {"name": "fare", "type": "double"}],
        "pass_through": ["_raw_object", "_raw_values"], "source_columns": ["trip_id", "fare", "day"],
        "source_format": {"type": "csv", "delimiter": ",", "header": True},
    }
    doc.update(overrides)
    return json.dumps(doc)


def type_trip(raw):
    """The trips plan in Python: trip_id a required int, fare a double, day the partition."""
    reasons = []
    trip_id, fare = raw.get("trip_id"), raw.get("fare")
    if trip_id is None:
        reasons.append("trip_id: required value is missing")
    elif not trip_id.strip().lstrip("-").isdigit():
        reasons.append(f"trip_id: '{trip_id}' is not a valid int")
    try:
        fare_value = float(fare) if fare is not None else None
    except ValueError:
        fare_value = None
        reasons.append(f"fare: '{fare}' is not a valid double")
    typed = {"trip_id": int(trip_id) if not reasons and trip_id else None, "fare": fare_value, "day": raw.get("day")}
    return typed, ("; ".join(reasons) or None)


class Clock:
    def __init__(self):
        self.now = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)

    def __call__(self):
        current = self.now
        self.now += timedelta(seconds=10)
        return current


class World:
    def __init__(self, faults=None, rows_per_part=2):
        self.faults = faults or Faults()
        self.s3 = FakeS3({(ARTIFACTS, PLAN_KEY): trips_plan()}, faults=self.faults)
        self.glue = FakeGlue(faults=self.faults)
        self.glue.create_table_as_terraform_does("lake_dev_processed", "trips", [("trip_id", "int"), ("fare", "double")],
                                                 [("day", "string")], f"s3://{PROCESSED}/trips/")
        self.frames = RowFrames(self.s3, type_trip, rows_per_part=rows_per_part)
        self.logs = []
        self.clock = Clock()

    def land(self, name, text, day="2024-05-01"):
        self.s3.objects[(RAW, f"trips/ingest_date={day}/{name}")] = text.encode("utf-8")
        return f"trips/ingest_date={day}/{name}"

    def run(self, run_id, **options):
        args = parse_job_args(trips_options(JOB_RUN_ID=run_id, **options))
        store = S3Store(self.s3, args.kms_key_arn)
        catalog = GlueCatalog(self.glue, args.processed_database, args.processed_table)
        return run_job(args, self.frames, store, lambda rid: Ledger(store, args, rid, catalog, self.logs.append),
                       clock=self.clock, log=self.logs.append)

    def record(self, run_id):
        body = self.s3.objects.get((PROCESSED, f"_runs/trips/{run_id}.json"))
        return json.loads(body) if body is not None else None

    # ---- what readers see ----------------------------------------------------------------------------
    def athena_trip_ids(self):
        """Rows Athena would return: every file of every registered partition's location (Athena skips
        names starting with '_' or '.', "Table location in Amazon S3")."""
        ids = []
        for (_db, _table, _values), location in self.glue.partitions.items():
            prefix = location[len(f"s3://{PROCESSED}/"):]
            for key in self.s3.keys(PROCESSED, prefix):
                name = key[len(prefix):]
                if "/" in name or name.startswith(("_", ".")):
                    continue
                ids += [json.loads(line)["trip_id"] for line in self.s3.objects[(PROCESSED, key)].decode().splitlines()]
        return sorted(ids)

    def _quarantine_records(self):
        """Quarantine records of published runs: run=<run>/bad-rows-*.jsonl (staging is never read)."""
        for key in self.s3.keys(QUARANTINE, "trips/run="):
            for line in self.s3.objects[(QUARANTINE, key)].decode().splitlines():
                yield json.loads(line)

    def quarantined_reasons(self):
        return sorted((doc["raw_object"].rsplit("/", 1)[-1], doc["reason"]) for doc in self._quarantine_records())

    def quarantined(self):
        return sorted((doc["raw_object"].rsplit("/", 1)[-1], doc["values"].get("trip_id", doc["values"].get("_line")))
                      for doc in self._quarantine_records())
