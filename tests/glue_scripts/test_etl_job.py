"""The job script itself: it imports where pyspark is absent, its S3 adapter follows S3's API, and
main() runs with the argv Glue really passes (the deployed job's default arguments from the offline
plan, etl-trigger's run arguments, Glue's reserved ones) against fakes of awsglue, boto3 and Spark."""

import io
import json
import os
import subprocess
import sys
import types
import unittest
from contextlib import redirect_stdout
from unittest import mock

import etl_job
from aws_fakes import FakeGlue, FakeJob, FakeS3, fake_get_resolved_options
from fakes import KMS_ARN
from glue_argv import glue_argv, rendered_spark_plan
from lake_glue.args import JobArgumentError
from lake_glue.plan import PlanError, load_plan
from lake_glue.store import S3Store
from row_frames import RowFrames

GLUE_SCRIPTS = os.path.dirname(os.path.abspath(etl_job.__file__))


class ImportTests(unittest.TestCase):
    def test_script_and_package_import_without_spark_glue_or_boto3(self):
        code = ("import sys, etl_job, lake_glue.args, lake_glue.paths, lake_glue.plan, lake_glue.summary, "
                "lake_glue.runner, lake_glue.ledger, lake_glue.store, lake_glue.catalog; loaded = [m for m in "
                "('pyspark', 'awsglue', 'boto3', 'botocore') if m in sys.modules]; print(loaded); "
                "sys.exit(1 if loaded else 0)")
        env = dict(os.environ, PYTHONPATH=GLUE_SCRIPTS, PYTHONDONTWRITEBYTECODE="1")
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


class S3StoreTests(unittest.TestCase):
    def test_listing_follows_continuation_tokens_and_keeps_sizes(self):
        s3 = FakeS3({("lake-b", f"p/{i:04d}"): b"x" * i for i in range(2500)})
        found = S3Store(s3, KMS_ARN).list("s3://lake-b/p/")
        self.assertEqual(len(found), 2500)
        self.assertEqual((found[7].uri, found[7].size), ("s3://lake-b/p/0007", 7))
        self.assertEqual(sum(1 for name, _ in s3.requests if name == "list_objects_v2"), 3)

    def test_absent_keys_read_as_none_and_do_not_exist(self):
        store = S3Store(FakeS3(), KMS_ARN)
        self.assertIsNone(store.read_text_or_none("s3://lake-b/missing.json"))
        self.assertFalse(store.exists("s3://lake-b/missing.json"))

    def test_writes_and_copies_name_the_lake_key(self):
        s3 = FakeS3({("lake-b", "staged"): b"data"})
        store = S3Store(s3, KMS_ARN)
        store.put("s3://lake-b/record.json", b"{}")
        store.copy("s3://lake-b/staged", "s3://lake-c/final")
        self.assertEqual(s3.objects[("lake-c", "final")], b"data")
        for write in s3.writes():
            self.assertEqual((write["ServerSideEncryption"], write["SSEKMSKeyId"]), ("aws:kms", KMS_ARN))

    def test_deletes_go_in_batches_of_at_most_a_thousand(self):
        s3 = FakeS3({("lake-b", f"s/{i}"): b"" for i in range(2001)})
        S3Store(s3, KMS_ARN).delete_prefix("s3://lake-b/s/")
        self.assertEqual(s3.keys("lake-b"), [])
        self.assertEqual([len(r["Keys"]) for name, r in s3.requests if name == "delete_objects"], [1000, 1000, 1])

    def test_a_range_read_returns_only_the_head(self):
        s3 = FakeS3({("lake-b", "big.csv"): b"a,b\n" + b"1,2\n" * 1000})
        self.assertEqual(S3Store(s3, KMS_ARN).read_bytes("s3://lake-b/big.csv", 8), b"a,b\n1,2\n")


class FakeConf:
    def __init__(self):
        self.values = {}

    def set(self, key, value):
        self.values[key] = value


class FakeGlueContext:
    instances = []

    def __init__(self, spark_context):
        self.spark_session = types.SimpleNamespace(conf=FakeConf())
        FakeGlueContext.instances.append(self)


TRIP_HEADER = ("VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,"
               "store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,"
               "tolls_amount,improvement_surcharge,total_amount,congestion_surcharge\n")
TRIP_ROW = "1,2019-01-01 00:46:40,2019-01-01 00:53:20,1,1.50,1,N,151,239,1,7,0.5,0.5,1.65,0,0.3,9.95,\n"


def split(uri):
    bucket, _, key = uri[len("s3://"):].partition("/")
    return bucket, key


class MainTests(unittest.TestCase):
    def setUp(self):
        FakeJob.instances.clear()
        FakeGlueContext.instances.clear()
        self.argv = glue_argv("tripdata")
        self.flags = dict(zip(self.argv[1::2], self.argv[2::2]))
        self.plan_text = rendered_spark_plan("tripdata")
        self.s3 = FakeS3({split(self.flags["--plan_uri"]): self.plan_text})
        raw_bucket, raw_prefix = split(self.flags["--raw_path"])
        self.s3.objects[(raw_bucket, raw_prefix + "ingest_date=2019-01-02/trips.csv")] = (TRIP_HEADER + TRIP_ROW * 3).encode()
        self.glue = FakeGlue()
        plan = load_plan(self.plan_text)
        self.glue.create_table_as_terraform_does(
            self.flags["--processed_database"], self.flags["--processed_table"],
            [(c.name, c.type) for c in plan.columns], [(k, "int") for k in plan.partition_keys], self.flags["--processed_path"])
        clients = {"s3": self.s3, "glue": self.glue}
        modules = {
            "boto3": types.SimpleNamespace(client=lambda service: clients[service]),
            "awsglue": types.ModuleType("awsglue"),
            "awsglue.context": types.SimpleNamespace(GlueContext=FakeGlueContext),
            "awsglue.job": types.SimpleNamespace(Job=FakeJob),
            "awsglue.utils": types.SimpleNamespace(getResolvedOptions=fake_get_resolved_options),
            "pyspark": types.ModuleType("pyspark"),
            "pyspark.context": types.SimpleNamespace(SparkContext=types.SimpleNamespace(getOrCreate=lambda: "sc")),
        }
        patcher = mock.patch.dict(sys.modules, modules)
        patcher.start()
        self.addCleanup(patcher.stop)
        # Spark itself is replaced by the row model (row_frames.py); every other call is the job's own.

        def type_row(raw):
            return {**{c.name: None for c in plan.columns}, "pickup_year": 2019, "pickup_month": 1}, None

        patch_frames = mock.patch.object(etl_job, "SparkFrames", lambda spark: RowFrames(self.s3, type_row))
        patch_frames.start()
        self.addCleanup(patch_frames.stop)

    def test_main_runs_with_the_argv_glue_passes_and_commits_under_glues_run_id(self):
        with redirect_stdout(io.StringIO()) as out:
            summary = etl_job.main(self.argv)
        run_id = self.flags["--JOB_RUN_ID"]
        self.assertEqual((summary["state"], summary["run_id"], summary["rows_in"]), ("SUCCEEDED", run_id, 3))
        record_bucket, record_prefix = split(self.flags["--run_summary_path"])
        self.assertEqual(json.loads(self.s3.objects[(record_bucket, f"{record_prefix}{run_id}.json")]), summary)
        printed = out.getvalue()
        self.assertEqual(json.loads(printed[printed.index("{\n"):]), summary, "the summary is the last thing printed")
        self.assertEqual(FakeGlueContext.instances[0].spark_session.conf.values, {
            "spark.sql.legacy.timeParserPolicy": "CORRECTED", "spark.sql.session.timeZone": "UTC",
            "spark.sql.parquet.datetimeRebaseModeInWrite": "CORRECTED", "spark.sql.parquet.int96RebaseModeInWrite": "CORRECTED"})
        job = FakeJob.instances[0]
        self.assertEqual((job.inits[0][0], job.commits), (self.flags["--JOB_NAME"], 1))
        self.assertEqual(len(self.glue.partitions), 1)
        # Spark's own staging writes are encrypted by the job's security configuration, not by these calls.
        job_writes = [w for w in self.s3.writes() if "_staging/" not in w["Key"]]
        self.assertTrue(job_writes)
        for write in job_writes:
            self.assertEqual(write["SSEKMSKeyId"], self.flags["--kms_key_arn"], write["Key"])

    def test_the_deployed_job_passes_every_argument_the_job_requires(self):
        options = fake_get_resolved_options(self.argv, etl_job.job_arg_names())
        self.assertEqual(options["JOB_RUN_ID"], self.flags["--JOB_RUN_ID"])
        self.assertEqual(self.flags.get("--job-bookmark-option"), "job-bookmark-disable",
                         "the ledger selects the input; Glue's bookmark must not filter it a second time")

    def test_a_bad_argument_stops_the_job_before_spark_starts(self):
        argv = self.argv + ["--dataset", "Trip-Data"]
        with self.assertRaisesRegex(JobArgumentError, "--dataset"):
            etl_job.main(argv)
        self.assertEqual(FakeGlueContext.instances, [])

    def test_a_wrong_plan_writes_a_failed_record_and_raises(self):
        self.s3.objects[split(self.flags["--plan_uri"])] = self.plan_text.replace('"plan_version": 1', '"plan_version": 9').encode()
        with self.assertRaisesRegex(PlanError, "plan_version"), redirect_stdout(io.StringIO()):
            etl_job.main(self.argv)
        record_bucket, record_prefix = split(self.flags["--run_summary_path"])
        written = json.loads(self.s3.objects[(record_bucket, f"{record_prefix}{self.flags['--JOB_RUN_ID']}.json")])
        self.assertEqual(written["state"], "FAILED")
        self.assertIn("plan_version", written["error"])
        self.assertEqual(FakeJob.instances[0].commits, 0)


if __name__ == "__main__":
    unittest.main()
