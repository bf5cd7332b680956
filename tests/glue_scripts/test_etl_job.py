"""The job script itself, without Spark: it imports where pyspark is absent, its S3 calls are right,
and main() runs a whole (empty-input) run against tiny fakes of Glue, Spark and boto3."""

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
from fakes import FakeS3, job_options, plan_text
from lake_glue.args import parse_job_args
from lake_glue.plan import PlanError

GLUE_SCRIPTS = os.path.dirname(os.path.abspath(etl_job.__file__))
KMS_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd"
PLAN_KEY = ("socar-lake-dev-artifacts", "glue/plans/tripdata.spark.json")


class ImportTests(unittest.TestCase):
    def test_script_and_package_import_without_spark_glue_or_boto3(self):
        code = ("import sys, etl_job, lake_glue.args, lake_glue.paths, lake_glue.plan, lake_glue.summary, "
                "lake_glue.runner; loaded = [m for m in ('pyspark', 'awsglue', 'boto3', 'botocore') "
                "if m in sys.modules]; print(loaded); sys.exit(1 if loaded else 0)")
        env = dict(os.environ, PYTHONPATH=GLUE_SCRIPTS, PYTHONDONTWRITEBYTECODE="1")
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_bookmark_context_is_stable_per_dataset(self):
        self.assertEqual(etl_job.raw_source_context("tripdata"), "raw_tripdata")
        self.assertEqual(etl_job.processed_sink_context("rides"), "processed_rides")


def glue_io(s3, **options):
    return etl_job.GlueJobIO(None, None, None, parse_job_args(job_options(**options)), s3)


class S3Tests(unittest.TestCase):
    def test_summary_is_put_as_json_with_kms(self):
        s3 = FakeS3()
        glue_io(s3).put_summary("s3://lake-processed/_runs/tripdata/jr_1.json", '{"a": "ü"}')
        name, request = s3.requests[-1]
        self.assertEqual(name, "put_object")
        self.assertEqual(request["Bucket"], "lake-processed")
        self.assertEqual(request["Key"], "_runs/tripdata/jr_1.json")
        self.assertEqual(request["Body"], '{"a": "ü"}'.encode("utf-8"))
        self.assertEqual(request["ContentType"], "application/json")
        self.assertEqual(request["ServerSideEncryption"], "aws:kms")
        self.assertNotIn("SSEKMSKeyId", request)

    def test_summary_names_the_lake_key_when_given(self):
        s3 = FakeS3()
        glue_io(s3, kms_key_arn=KMS_ARN).put_summary("s3://lake-processed/_runs/tripdata/jr_1.json", "{}")
        self.assertEqual(s3.requests[-1][1]["SSEKMSKeyId"], KMS_ARN)

    def test_plan_is_read_from_s3_and_a_missing_plan_names_its_uri(self):
        s3 = FakeS3({PLAN_KEY: b'{"x": 1}'})
        uri = "s3://socar-lake-dev-artifacts/glue/plans/tripdata.spark.json"
        self.assertEqual(glue_io(s3).read_plan(uri), '{"x": 1}')
        with self.assertRaisesRegex(PlanError, "s3://socar-lake-dev-artifacts/glue/plans/missing.json"):
            glue_io(s3).read_plan("s3://socar-lake-dev-artifacts/glue/plans/missing.json")

    def test_spark_part_files_are_published_as_bad_rows_and_staging_is_removed(self):
        staging = "tripdata/run=jr_1/_staging/"
        s3 = FakeS3({
            ("lake-quarantine", staging + "_SUCCESS"): b"",
            ("lake-quarantine", staging + "part-00000-a.json"): b'{"reason": "r0"}\n',
            ("lake-quarantine", staging + "part-00001-a.json"): b'{"reason": "r1"}\n',
            ("lake-quarantine", "other/part-00000.json"): b"keep",
        }, page_size=1)
        published = glue_io(s3, kms_key_arn=KMS_ARN).publish_quarantine(
            "s3://lake-quarantine/" + staging, "s3://lake-quarantine/tripdata/run=jr_1/")
        self.assertEqual(published, ["s3://lake-quarantine/tripdata/run=jr_1/bad-rows-00000.jsonl",
                                     "s3://lake-quarantine/tripdata/run=jr_1/bad-rows-00001.jsonl"])
        self.assertEqual(sorted(k for (_, k) in s3.objects), [
            "other/part-00000.json", "tripdata/run=jr_1/bad-rows-00000.jsonl", "tripdata/run=jr_1/bad-rows-00001.jsonl"])
        self.assertEqual(s3.objects[("lake-quarantine", "tripdata/run=jr_1/bad-rows-00001.jsonl")], b'{"reason": "r1"}\n')
        copies = [r for n, r in s3.requests if n == "copy_object"]
        self.assertTrue(all(c["ServerSideEncryption"] == "aws:kms" and c["SSEKMSKeyId"] == KMS_ARN for c in copies))


class FakeJob:
    instances = []

    def __init__(self, glue_context):
        self.glue_context, self.inits, self.commits = glue_context, [], 0
        FakeJob.instances.append(self)

    def init(self, name, options):
        self.inits.append((name, dict(options)))

    def commit(self):
        self.commits += 1


class FakeEmptyFrame:
    """What Glue returns when the bookmark has seen every raw object: no records, no columns."""

    columns = []

    def resolveChoice(self, choice):
        self.choice = choice
        return self

    def toDF(self):
        return self


class FakeGlueContext:
    instances = []

    def __init__(self, spark_context):
        self.spark_session = "spark-session"
        self.reads = []
        self.create_dynamic_frame = types.SimpleNamespace(from_catalog=self._from_catalog)
        FakeGlueContext.instances.append(self)

    def _from_catalog(self, **kwargs):
        self.reads.append(kwargs)
        return FakeEmptyFrame()


def fake_get_resolved_options(argv, names):
    """Like awsglue.utils.getResolvedOptions: --name value pairs, an error for any name not passed."""
    pairs = dict(zip(argv[1::2], argv[2::2]))
    missing = [n for n in names if "--" + n not in pairs]
    if missing:
        raise SystemExit(f"error: the following arguments are required: {missing}")
    return {n: pairs["--" + n] for n in names}


class MainTests(unittest.TestCase):
    def setUp(self):
        FakeJob.instances.clear()
        FakeGlueContext.instances.clear()
        self.s3 = FakeS3({PLAN_KEY: plan_text().encode("utf-8")})
        modules = {
            "boto3": types.SimpleNamespace(client=lambda service: self.s3),
            "awsglue": types.ModuleType("awsglue"),
            "awsglue.context": types.SimpleNamespace(GlueContext=FakeGlueContext),
            "awsglue.job": types.SimpleNamespace(Job=FakeJob),
            "awsglue.utils": types.SimpleNamespace(getResolvedOptions=fake_get_resolved_options),
            "pyspark": types.ModuleType("pyspark"),
            "pyspark.context": types.SimpleNamespace(
                SparkContext=types.SimpleNamespace(getOrCreate=lambda: "spark-context")),
        }
        patcher = mock.patch.dict(sys.modules, modules)
        patcher.start()
        self.addCleanup(patcher.stop)

    def argv(self, **extra):
        argv = ["etl_job.py"]
        for name, value in {**job_options(), **extra}.items():
            argv += ["--" + name, value]
        return argv

    def test_main_runs_an_empty_input_end_to_end_and_commits_the_bookmark(self):
        out = io.StringIO()
        with redirect_stdout(out):
            summary = etl_job.main(self.argv(JOB_RUN_ID="jr_main"))
        glue, job = FakeGlueContext.instances[0], FakeJob.instances[0]
        self.assertEqual(glue.reads, [{"database": "socar_lake_dev_raw", "table_name": "tripdata",
                                       "transformation_ctx": "raw_tripdata"}])
        self.assertEqual(job.inits[0][0], "socar-lake-dev-tripdata")
        self.assertEqual(job.inits[0][1]["JOB_RUN_ID"], "jr_main")
        self.assertEqual(job.commits, 1)
        written = json.loads(self.s3.objects[("socar-lake-dev-processed", "_runs/tripdata/jr_main.json")])
        self.assertEqual(written, summary)
        self.assertEqual((written["state"], written["rows_in"], written["run_id"]), ("SUCCEEDED", 0, "jr_main"))
        self.assertEqual(json.loads(out.getvalue()), summary)

    def test_main_fails_on_a_bad_argument_before_starting_spark(self):
        with self.assertRaisesRegex(ValueError, "--dataset"):
            etl_job.main(self.argv(dataset="Trip-Data"))
        self.assertEqual(FakeGlueContext.instances, [])

    def test_main_writes_a_failed_summary_and_raises_when_the_plan_is_wrong(self):
        self.s3.objects[PLAN_KEY] = plan_text(plan_version=9).encode("utf-8")
        with self.assertRaisesRegex(PlanError, "plan_version"), redirect_stdout(io.StringIO()):
            etl_job.main(self.argv(JOB_RUN_ID="jr_bad"))
        written = json.loads(self.s3.objects[("socar-lake-dev-processed", "_runs/tripdata/jr_bad.json")])
        self.assertEqual(written["state"], "FAILED")
        self.assertIn("plan_version", written["error"])
        self.assertEqual(FakeJob.instances[0].commits, 0)


if __name__ == "__main__":
    unittest.main()
