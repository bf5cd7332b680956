"""One run's order, counts and failure handling, over the fake lake in world.py."""

import unittest

from lake_glue.plan import PlanError
from lake_glue.summary import InvariantError
from row_frames import RowFrames
from world import ARTIFACTS, PLAN_KEY, PROCESSED, World, trips_plan

JAN = "trip_id,fare,day\n1,10.5,2024-05-01\n2,x,2024-05-01\n3,7,2024-05-02\n"


class DroppingFrames(RowFrames):
    """A plan whose SQL loses a row (a WHERE, an inner join): what rows_in must catch."""

    def run_sql(self, raw, plan):
        typed = super().run_sql(raw, plan)
        typed.rows = typed.rows[:-1]
        return typed


class RunTests(unittest.TestCase):
    def test_counts_bytes_and_objects_are_summarised(self):
        world = World()
        key = world.land("a.csv", JAN)
        world.land("empty.csv", "")
        summary = world.run("jr_1")
        self.assertEqual(summary["state"], "SUCCEEDED")
        self.assertEqual((summary["rows_in"], summary["rows_out"], summary["rows_quarantined"]), (3, 2, 1))
        self.assertEqual(summary["raw_objects"], [key, "trips/ingest_date=2024-05-01/empty.csv"])
        self.assertEqual(summary["bytes_in"], len(JAN))
        self.assertEqual(summary["quarantine_files"], ["s3://lake-quarantine/trips/run=jr_1/bad-rows-00000.jsonl"])
        self.assertEqual(summary["started_at"], "2024-05-01T12:00:00.000Z")
        self.assertTrue(any("2 raw objects, 3 rows in, 2 out, 1 quarantined" in line for line in world.logs))

    def test_an_empty_lake_is_a_clean_no_op_run(self):
        world = World()
        summary = world.run("jr_1")
        self.assertEqual((summary["state"], summary["rows_in"], summary["raw_objects"]), ("SUCCEEDED", 0, []))
        self.assertEqual(world.frames.sql_runs, 0)
        self.assertEqual(world.record("jr_1")["state"], "SUCCEEDED")

    def test_rows_in_is_counted_on_the_raw_input_so_a_lost_row_fails_the_run(self):
        world = World()
        world.land("a.csv", JAN)
        world.frames = DroppingFrames(world.s3, world.frames.type_row)
        with self.assertRaisesRegex(InvariantError, r"rows_in \(3\) != rows_out \(1\) \+ rows_quarantined \(1\)"):
            world.run("jr_1")
        record = world.record("jr_1")
        self.assertEqual((record["state"], record["rows_in"]), ("FAILED", 0))
        self.assertIn("rows_in (3)", record["error"])
        self.assertEqual(world.athena_trip_ids(), [])
        self.assertEqual(world.s3.keys(PROCESSED, "_staging/"), [], "nothing is staged before the counts balance")

        world.frames = RowFrames(world.s3, world.frames.type_row)
        self.assertEqual(world.run("jr_2")["rows_in"], 3, "the failed run's objects are read again")

    def test_files_with_different_headers_are_read_each_with_its_own(self):
        world = World()
        world.land("a.csv", JAN)
        world.land("b.csv", "day,fare,trip_id,note\n2024-05-03,4.5,11,first\n")
        world.run("jr_1")
        self.assertEqual(world.athena_trip_ids(), [1, 3, 11])

    def test_a_header_with_a_byte_order_mark_still_names_its_columns(self):
        world = World()
        world.land("bom.csv", "\ufefftrip_id,fare,day\n12,1,2024-05-01\n")
        world.run("jr_1")
        self.assertEqual(world.athena_trip_ids(), [12])

    def test_an_object_whose_header_cannot_be_read_is_quarantined_whole_and_the_rest_goes_on(self):
        world = World()
        world.land("a.csv", JAN)
        dup = world.land("dup.csv", "trip_id,Fare,fare,day\n30,1,2,2024-05-01\n")
        world.s3.objects[("lake-raw", world.land("latin.csv", ""))] = b"trip_id,caf\xe9,day\n31,1,x\n"
        summary = world.run("jr_1")
        self.assertEqual(summary["objects_quarantined"], [dup, "trips/ingest_date=2024-05-01/latin.csv"])
        self.assertEqual(len(summary["raw_objects"]), 3, "quarantined objects are done too")
        self.assertEqual(world.athena_trip_ids(), [1, 3])
        reasons = {raw: reason for raw, reason in world.quarantined_reasons()}
        self.assertIn("names column 'fare' twice", reasons["dup.csv"])
        self.assertIn("not UTF-8", reasons["latin.csv"])
        self.assertEqual(world.run("jr_2")["raw_objects"], [], "a quarantined object is not read again")

    def test_a_missing_processed_table_fails_the_run_before_reading_raw_data(self):
        world = World()
        world.land("a.csv", JAN)
        world.glue.tables.clear()
        with self.assertRaisesRegex(Exception, "lake_dev_processed.trips does not exist: apply Terraform"):
            world.run("jr_1")
        self.assertEqual(world.record("jr_1")["state"], "FAILED")
        self.assertEqual(world.frames.sql_runs, 0)

    def test_a_table_without_a_column_the_plan_writes_fails_the_run_before_reading_raw_data(self):
        world = World()
        world.land("a.csv", JAN)
        world.glue.tables[("lake_dev_processed", "trips")]["StorageDescriptor"]["Columns"].pop()
        with self.assertRaisesRegex(Exception, "has no column\\(s\\) fare that the typing plan writes"):
            world.run("jr_1")
        self.assertEqual(world.frames.sql_runs, 0)

    def test_a_missing_plan_fails_the_run_naming_its_uri_before_reading_raw_data(self):
        world = World()
        world.land("a.csv", JAN)
        del world.s3.objects[(ARTIFACTS, PLAN_KEY)]
        with self.assertRaisesRegex(PlanError, f"s3://{ARTIFACTS}/{PLAN_KEY}: the typing plan does not exist"):
            world.run("jr_1")
        self.assertEqual(world.record("jr_1")["state"], "FAILED")
        self.assertFalse(any(r[0] == "get_object" and r[1]["Key"].endswith("a.csv") for r in world.s3.requests))

    def test_a_plan_for_another_engine_fails_with_the_field_named(self):
        world = World()
        world.s3.objects[(ARTIFACTS, PLAN_KEY)] = trips_plan(engine="duckdb").encode()
        with self.assertRaisesRegex(PlanError, "field 'engine'"):
            world.run("jr_1")
        self.assertIn("engine", world.record("jr_1")["error"])

    def test_a_csv_plan_that_reads_no_header_is_refused(self):
        world = World()
        world.s3.objects[(ARTIFACTS, PLAN_KEY)] = trips_plan(source_format={"type": "csv", "header": False}).encode()
        with self.assertRaisesRegex(PlanError, "source_format.header"):
            world.run("jr_1")


if __name__ == "__main__":
    unittest.main()
