"""Shared test data and fakes for the Glue script tests (not a test module: discover skips it)."""

import json

from lake_glue.summary import RunCounts

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
        "raw_database": "socar_lake_dev_raw",
        "raw_table": "tripdata",
        "processed_database": "socar_lake_dev_processed",
        "processed_table": "tripdata",
        "processed_path": "s3://socar-lake-dev-processed/tripdata",
        "quarantine_path": "s3://socar-lake-dev-quarantine/tripdata",
        "run_summary_path": "s3://socar-lake-dev-processed/_runs/tripdata",
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


TYPED_COLUMNS = ["vendor_id", "pickup_at", "fare_amount", "pickup_year", "pickup_month", "_quarantine_reason"]


class FakeIO:
    """Records every call the runner makes; `fail` maps a method name to the exception it raises."""

    def __init__(self, plan=None, empty=False, columns=None, counts=None, fail=None, output_files=()):
        self.plan = plan if plan is not None else plan_text()
        self.empty = empty
        self.columns = list(columns if columns is not None else TYPED_COLUMNS)
        self.counts = counts if counts is not None else RunCounts(10, 7, 3, ("s3://raw/tripdata/a.csv",))
        self.fail = fail or {}
        self.output_files = list(output_files)
        self.calls = []
        self.summaries = []

    def _call(self, name, *args):
        self.calls.append((name,) + args)
        if name in self.fail:
            raise self.fail[name]

    def read_plan(self, uri):
        self._call("read_plan", uri)
        return self.plan

    def read_raw(self, plan):
        self._call("read_raw")
        return "raw-frame"

    def is_empty(self, raw):
        self._call("is_empty", raw)
        return self.empty

    def run_sql(self, raw, plan):
        self._call("run_sql", raw, plan.source_view)
        return "typed-frame"

    def output_columns(self, typed):
        self._call("output_columns", typed)
        return self.columns

    def count(self, typed, plan):
        self._call("count", typed)
        return self.counts

    def write_good(self, typed, plan, columns):
        self._call("write_good", typed, list(columns))
        return self.output_files

    def write_bad(self, typed, plan, columns, run_prefix):
        self._call("write_bad", typed, list(columns), run_prefix)
        return [run_prefix + "bad-rows-00000.jsonl"]

    def put_summary(self, uri, body):
        self.summaries.append((uri, json.loads(body)))
        self._call("put_summary", uri)

    def commit(self):
        self._call("commit")

    def names(self):
        return [c[0] for c in self.calls]


class FakeBody:
    def __init__(self, data):
        self.data = data

    def read(self):
        return self.data


class FakeS3:
    """The boto3 S3 client calls the job makes, over an in-memory bucket map."""

    def __init__(self, objects=None, page_size=1000):
        self.objects = dict(objects or {})  # (bucket, key) -> bytes
        self.page_size = page_size
        self.requests = []

    def get_object(self, Bucket, Key):
        self.requests.append(("get_object", {"Bucket": Bucket, "Key": Key}))
        if (Bucket, Key) not in self.objects:
            raise KeyError(f"NoSuchKey: {Key}")
        return {"Body": FakeBody(self.objects[(Bucket, Key)])}

    def put_object(self, **kwargs):
        self.requests.append(("put_object", kwargs))
        self.objects[(kwargs["Bucket"], kwargs["Key"])] = kwargs["Body"]

    def list_objects_v2(self, Bucket, Prefix, ContinuationToken=None):
        self.requests.append(("list_objects_v2", {"Prefix": Prefix, "ContinuationToken": ContinuationToken}))
        keys = sorted(k for (b, k) in self.objects if b == Bucket and k.startswith(Prefix))
        start = int(ContinuationToken or 0)
        page = keys[start:start + self.page_size]
        result = {"Contents": [{"Key": k} for k in page], "IsTruncated": start + self.page_size < len(keys)}
        if result["IsTruncated"]:
            result["NextContinuationToken"] = str(start + self.page_size)
        return result

    def copy_object(self, Bucket, Key, CopySource, **kwargs):
        self.requests.append(("copy_object", dict(Bucket=Bucket, Key=Key, CopySource=CopySource, **kwargs)))
        self.objects[(Bucket, Key)] = self.objects[(CopySource["Bucket"], CopySource["Key"])]

    def delete_objects(self, Bucket, Delete):
        self.requests.append(("delete_objects", Delete))
        for item in Delete["Objects"]:
            self.objects.pop((Bucket, item["Key"]), None)
