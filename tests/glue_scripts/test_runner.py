import unittest
from datetime import datetime, timedelta, timezone

from fakes import FakeIO, job_options, plan_text
from lake_glue.args import parse_job_args
from lake_glue.plan import RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN, PlanError
from lake_glue.runner import run_job
from lake_glue.summary import InvariantError, RunCounts

SUMMARY_URI = "s3://socar-lake-dev-processed/_runs/tripdata/jr_7.json"
GOOD_COLUMNS = ["vendor_id", "pickup_at", "fare_amount", "pickup_year", "pickup_month"]


class Clock:
    """Ten seconds pass between readings."""

    def __init__(self):
        self.now = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)

    def __call__(self):
        current = self.now
        self.now += timedelta(seconds=10)
        return current


def run(io, **options):
    logs = []
    args = parse_job_args(job_options(**{"JOB_RUN_ID": "jr_7", **options}))
    return run_job(args, io, clock=Clock(), log=logs.append), logs


class SuccessfulRunTests(unittest.TestCase):
    def test_a_run_types_quarantines_then_writes_processed_then_summarises_then_commits(self):
        io = FakeIO()
        summary, logs = run(io)
        self.assertEqual(io.names(), ["read_plan", "read_raw", "is_empty", "run_sql", "output_columns", "count",
                                      "write_bad", "write_good", "put_summary", "commit"])
        self.assertEqual(io.calls[0], ("read_plan", "s3://socar-lake-dev-artifacts/glue/plans/tripdata.spark.json"))
        self.assertEqual(io.calls[3], ("run_sql", "raw-frame", "raw_rows"))
        self.assertEqual(io.calls[6], ("write_bad", "typed-frame", GOOD_COLUMNS,
                                       "s3://socar-lake-dev-quarantine/tripdata/run=jr_7/"))
        self.assertEqual(io.calls[7], ("write_good", "typed-frame", GOOD_COLUMNS))
        uri, written = io.summaries[-1]
        self.assertEqual(uri, SUMMARY_URI)
        self.assertEqual(written, summary)
        self.assertEqual(summary["state"], "SUCCEEDED")
        self.assertEqual((summary["rows_in"], summary["rows_out"], summary["rows_quarantined"]), (10, 7, 3))
        self.assertEqual(summary["raw_objects"], ["tripdata/a.csv"])
        self.assertEqual(summary["run_id"], "jr_7")
        self.assertEqual(summary["started_at"], "2024-05-01T12:00:00.000Z")
        self.assertEqual(summary["duration_seconds"], 10.0)
        self.assertIn("10 rows in, 7 out, 3 quarantined, 1 raw objects", logs[0])

    def test_an_empty_input_is_a_clean_no_op_that_still_summarises_and_commits(self):
        io = FakeIO(empty=True)
        summary, _ = run(io)
        self.assertEqual(io.names(), ["read_plan", "read_raw", "is_empty", "put_summary", "commit"])
        self.assertEqual(summary["state"], "SUCCEEDED")
        self.assertEqual((summary["rows_in"], summary["rows_out"], summary["rows_quarantined"]), (0, 0, 0))
        self.assertEqual(summary["raw_objects"], [])
        self.assertIsNone(summary["error"])

    def test_only_zones_with_rows_are_written(self):
        all_good = FakeIO(counts=RunCounts(4, 4, 0))
        run(all_good)
        self.assertIn("write_good", all_good.names())
        self.assertNotIn("write_bad", all_good.names())
        all_bad = FakeIO(counts=RunCounts(4, 0, 4))
        run(all_bad)
        self.assertNotIn("write_good", all_bad.names())
        self.assertIn("write_bad", all_bad.names())

    def test_output_files_reported_by_the_writer_reach_the_summary(self):
        summary, _ = run(FakeIO(output_files=["tripdata/pickup_year=2019/part-0.parquet"]))
        self.assertEqual(summary["output_files"], ["tripdata/pickup_year=2019/part-0.parquet"])

    def test_schema_version_comes_from_the_plan(self):
        summary, _ = run(FakeIO(plan=plan_text(schema_version=4)))
        self.assertEqual(summary["schema_version"], 4)

    def test_job_columns_passed_through_are_not_written_as_data(self):
        columns = GOOD_COLUMNS + ["_quarantine_reason", RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN]
        io = FakeIO(plan=plan_text(pass_through=[RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN]), columns=columns)
        run(io)
        self.assertEqual(io.calls[7], ("write_good", "typed-frame", GOOD_COLUMNS))

    def test_without_a_glue_run_id_one_is_generated_and_names_the_summary(self):
        io = FakeIO()
        args = parse_job_args(job_options())
        summary = run_job(args, io, clock=Clock(), log=lambda _: None)
        self.assertRegex(summary["run_id"], r"^run-20240501T120000000-[0-9a-f]{6}$")
        self.assertEqual(io.summaries[-1][0], f"s3://socar-lake-dev-processed/_runs/tripdata/{summary['run_id']}.json")


class FailedRunTests(unittest.TestCase):
    def assertFailedRun(self, io, error_type, expected_in_error, commit_tried=False):
        with self.assertRaises(error_type) as caught:
            run(io)
        self.assertEqual("commit" in io.names(), commit_tried)
        uri, summary = io.summaries[-1]
        self.assertEqual(uri, SUMMARY_URI)
        self.assertEqual(summary["state"], "FAILED")
        self.assertIn(expected_in_error, summary["error"])
        self.assertEqual((summary["rows_in"], summary["rows_out"], summary["rows_quarantined"]), (0, 0, 0))
        return caught.exception, summary

    def test_a_bad_plan_fails_before_reading_data_and_names_the_field(self):
        io = FakeIO(plan=plan_text(engine="duckdb"))
        _, summary = self.assertFailedRun(io, PlanError, "field 'engine'")
        self.assertNotIn("read_raw", io.names())
        self.assertEqual(summary["schema_version"], 1)

    def test_unbalanced_counts_fail_before_anything_is_written(self):
        io = FakeIO(counts=RunCounts(10, 7, 2))
        self.assertFailedRun(io, InvariantError, "rows_in (10) != rows_out (7) + rows_quarantined (2)")
        self.assertFalse({"write_good", "write_bad"} & set(io.names()))

    def test_sql_missing_a_partition_key_fails_before_anything_is_written(self):
        io = FakeIO(columns=["vendor_id", "pickup_at", "fare_amount", "pickup_year", "_quarantine_reason"])
        self.assertFailedRun(io, PlanError, "pickup_month")
        self.assertNotIn("write_good", io.names())

    def test_a_write_error_is_summarised_and_re_raised_unchanged(self):
        boom = RuntimeError("S3 said no")
        io = FakeIO(fail={"write_good": boom})
        raised, summary = self.assertFailedRun(io, RuntimeError, "RuntimeError: S3 said no")
        self.assertIs(raised, boom)

    def test_a_failed_quarantine_write_leaves_the_processed_zone_untouched(self):
        io = FakeIO(fail={"write_bad": RuntimeError("quarantine bucket denied")})
        self.assertFailedRun(io, RuntimeError, "quarantine bucket denied")
        self.assertNotIn("write_good", io.names())

    def test_a_failed_commit_turns_the_summary_into_failed(self):
        io = FakeIO(fail={"commit": RuntimeError("bookmark store unavailable")})
        self.assertFailedRun(io, RuntimeError, "bookmark store unavailable", commit_tried=True)
        self.assertEqual([s["state"] for _, s in io.summaries], ["SUCCEEDED", "FAILED"])

    def test_when_even_the_summary_cannot_be_written_the_runs_own_error_is_raised(self):
        io = FakeIO(fail={"read_raw": ValueError("catalog table missing"), "put_summary": OSError("denied")})
        logs = []
        args = parse_job_args(job_options(JOB_RUN_ID="jr_7"))
        with self.assertRaisesRegex(ValueError, "catalog table missing"):
            run_job(args, io, clock=Clock(), log=logs.append)
        self.assertIn("could not write the FAILED run summary", logs[-1])
        self.assertIn("denied", logs[-1])


if __name__ == "__main__":
    unittest.main()
