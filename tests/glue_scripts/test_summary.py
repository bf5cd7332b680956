import json
import os
import re
import unittest
from datetime import datetime, timedelta, timezone

from lake_glue.summary import (
    FAILED,
    SUCCEEDED,
    LOCAL_FIELDS,
    SUMMARY_FIELDS,
    InvariantError,
    RunCounts,
    build_summary,
    check_counts,
    error_text,
    iso_utc,
    to_json,
)

STARTED = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
FINISHED = STARTED + timedelta(seconds=83, microseconds=456789)
# The reader: the ops-notifier Lambda's record, in the same repository.
RUN_SUMMARY_CS = os.path.join(os.path.dirname(__file__), "..", "..", "lambdas", "Lake.Core", "Triggers", "RunSummary.cs")


def summary(**kwargs):
    values = dict(dataset="tripdata", run_id="jr_1", state=SUCCEEDED, started_at=STARTED, finished_at=FINISHED)
    values.update(kwargs)
    return build_summary(**values)


class SummaryFieldTests(unittest.TestCase):
    def test_json_has_exactly_the_documented_fields_in_order(self):
        expected = ["dataset", "run_id", "state", "rows_in", "rows_out", "rows_quarantined", "raw_objects",
                    "objects_quarantined", "bytes_in", "schema_version", "started_at", "finished_at",
                    "duration_seconds", "output_files", "drift", "error"]
        doc = json.loads(to_json(summary()))
        self.assertEqual(list(doc), expected)
        self.assertEqual(list(SUMMARY_FIELDS), expected)

    def test_field_names_match_the_csharp_reader(self):
        if not os.path.exists(RUN_SUMMARY_CS):
            self.skipTest("lambdas/Lake.Core/Triggers/RunSummary.cs is not in this checkout")
        with open(RUN_SUMMARY_CS, encoding="utf-8") as f:
            names = re.findall(r'JsonPropertyName\("([a-z_]+)"\)', f.read())
        self.assertEqual(sorted(names), sorted(SUMMARY_FIELDS + LOCAL_FIELDS))

    def test_a_successful_run_reports_its_counts_and_times(self):
        counts = RunCounts(10, 7, 3, ("tripdata/ingest_date=2024-05-01/b.csv", "tripdata/ingest_date=2024-05-01/a.csv",
                                      "tripdata/ingest_date=2024-05-01/a.csv"))
        doc = json.loads(to_json(summary(counts=counts, schema_version=2, output_files=["x.parquet"])))
        self.assertEqual(doc["state"], "SUCCEEDED")
        self.assertEqual((doc["rows_in"], doc["rows_out"], doc["rows_quarantined"]), (10, 7, 3))
        self.assertEqual(doc["raw_objects"], ["tripdata/ingest_date=2024-05-01/a.csv",
                                              "tripdata/ingest_date=2024-05-01/b.csv"])
        self.assertEqual(doc["objects_quarantined"], [])
        self.assertEqual(doc["bytes_in"], 0)
        self.assertEqual(doc["schema_version"], 2)
        self.assertEqual(doc["started_at"], "2024-05-01T12:00:00.000Z")
        self.assertEqual(doc["finished_at"], "2024-05-01T12:01:23.456Z")
        self.assertEqual(doc["duration_seconds"], 83.457)
        self.assertEqual(doc["output_files"], ["x.parquet"])
        self.assertEqual(doc["drift"], [])
        self.assertIsNone(doc["error"])

    def test_an_empty_input_is_a_clean_run_with_zeros(self):
        doc = json.loads(to_json(summary()))
        self.assertEqual(doc["state"], "SUCCEEDED")
        self.assertEqual((doc["rows_in"], doc["rows_out"], doc["rows_quarantined"]), (0, 0, 0))
        self.assertEqual((doc["raw_objects"], doc["output_files"]), ([], []))
        self.assertEqual(doc["schema_version"], 1)

    def test_a_failed_run_carries_its_error(self):
        doc = json.loads(to_json(summary(state=FAILED, error="PlanError: bad")))
        self.assertEqual((doc["state"], doc["error"]), ("FAILED", "PlanError: bad"))
        with self.assertRaisesRegex(ValueError, "FAILED summary needs the error"):
            summary(state=FAILED)
        with self.assertRaisesRegex(ValueError, "SUCCEEDED summary has no error"):
            summary(error="oops")
        with self.assertRaisesRegex(ValueError, "state must be"):
            summary(state="RUNNING")

    def test_to_json_refuses_an_incomplete_summary(self):
        doc = summary()
        del doc["drift"]
        with self.assertRaisesRegex(ValueError, "drift"):
            to_json(doc)


class InvariantTests(unittest.TestCase):
    def test_balanced_counts_pass(self):
        check_counts(0, 0, 0)
        check_counts(10, 7, 3)

    def test_unbalanced_counts_name_the_numbers(self):
        with self.assertRaises(InvariantError) as caught:
            check_counts(10, 7, 2)
        message = str(caught.exception)
        self.assertIn("rows_in (10) != rows_out (7) + rows_quarantined (2)", message)
        self.assertIn("+1 row(s) unaccounted", message)

    def test_a_summary_is_never_built_from_unbalanced_counts(self):
        with self.assertRaises(InvariantError):
            summary(counts=RunCounts(5, 5, 1))

    def test_counts_are_non_negative_integers(self):
        for args in ((-1, -1, 0), (1.0, 1, 0), (True, 1, 0)):
            with self.subTest(args=args), self.assertRaises(InvariantError):
                check_counts(*args)


class FormattingTests(unittest.TestCase):
    def test_times_are_utc_with_z(self):
        seoul = timezone(timedelta(hours=9))
        self.assertEqual(iso_utc(datetime(2024, 5, 1, 21, 0, tzinfo=seoul)), "2024-05-01T12:00:00.000Z")
        with self.assertRaises(ValueError):
            iso_utc(datetime(2024, 5, 1))

    def test_errors_name_their_type_and_stay_email_sized(self):
        self.assertEqual(error_text(ValueError("bad plan")), "ValueError: bad plan")
        long = error_text(RuntimeError("x" * 10000))
        self.assertEqual(len(long), 2000)
        self.assertTrue(long.endswith("…"))


if __name__ == "__main__":
    unittest.main()
