"""Exactly-once output on AWS: a run is stopped before each call that changes S3 or the catalog in
turn, either with an error the job sees or killed outright; what readers see then never holds a row
twice, and the next run leaves every row visible exactly once (processed and quarantine)."""

import unittest

from aws_fakes import Crash, Faults, Killed
from world import PROCESSED, RAW, World

JAN = "trip_id,fare,day\n1,10.5,2024-05-01\n2,x,2024-05-01\n3,7,2024-05-02\n4,8,2024-05-02\n5,9,2024-05-01\n"
FEB = "trip_id,fare,day\n6,1,2024-05-02\n7,,2024-05-03\n8,oops,2024-05-03\n9,3,2024-05-03,extra\n"
LATE = "trip_id,fare,day\n10,4,2024-05-04\n"
GOOD = [1, 3, 4, 5, 6, 7]
BAD = [("a.csv", "2"), ("b.csv", "8"), ("b.csv", "9,3,2024-05-03,extra")]


def seeded(faults=None):
    world = World(faults)
    world.land("a.csv", JAN)
    world.land("b.csv", FEB)
    return world


class CleanRunTests(unittest.TestCase):
    def test_a_run_publishes_every_row_once_and_the_next_run_reads_nothing(self):
        world = seeded()
        summary = world.run("jr_1")
        self.assertEqual((summary["rows_in"], summary["rows_out"], summary["rows_quarantined"]), (9, 6, 3))
        self.assertEqual(summary["raw_objects"], ["trips/ingest_date=2024-05-01/a.csv", "trips/ingest_date=2024-05-01/b.csv"])
        self.assertEqual(world.athena_trip_ids(), GOOD)
        self.assertEqual(world.quarantined(), BAD)
        self.assertEqual(world.s3.keys(PROCESSED, "_staging/"), [], "staging is removed once published")
        self.assertEqual(world.s3.keys(PROCESSED, "_runs/trips/_ledger/pending/"), [])
        again = world.run("jr_2")
        self.assertEqual((again["rows_in"], again["raw_objects"]), (0, []))
        self.assertEqual(world.athena_trip_ids(), GOOD)

    def test_processed_files_carry_the_run_and_sit_in_their_partition_folders(self):
        world = seeded()
        summary = world.run("jr_1")
        self.assertTrue(summary["output_files"])
        for uri in summary["output_files"]:
            self.assertRegex(uri, r"^s3://lake-processed/trips/day=2024-05-0\d/part-jr_1-\d{5}\.parquet$")
        self.assertEqual(sorted(v for (_, _, v) in world.glue.partitions),
                         [("2024-05-01",), ("2024-05-02",), ("2024-05-03",)])

    def test_every_write_names_the_lake_key(self):
        world = seeded()
        world.run("jr_1")
        writes = [w for w in world.s3.writes() if not w["Key"].startswith("_staging/") and "/_staging/" not in w["Key"]]
        self.assertTrue(writes)
        for write in writes:
            self.assertEqual((write.get("ServerSideEncryption"), write.get("SSEKMSKeyId")),
                             ("aws:kms", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                             write["Key"])

    def test_an_object_that_lands_during_a_run_is_left_for_the_next(self):
        world = seeded()
        world.run("jr_1")
        world.land("c.csv", LATE)
        summary = world.run("jr_2")
        self.assertEqual(summary["raw_objects"], ["trips/ingest_date=2024-05-01/c.csv"])
        self.assertEqual(world.athena_trip_ids(), sorted(GOOD + [10]))

    def test_objects_outside_the_raw_layout_are_never_read_as_data(self):
        world = seeded()
        world.s3.objects[(RAW, "trips/ingest_date=2024-05-01/.a.csv.tmp")] = JAN.encode()
        world.s3.objects[(RAW, "trips/stray.csv")] = JAN.encode()
        world.s3.objects[(RAW, "trips/ingest_date=2024-05-01/")] = b""
        summary = world.run("jr_1")
        self.assertEqual(len(summary["raw_objects"]), 2)
        self.assertEqual(world.athena_trip_ids(), GOOD)
        self.assertTrue(any("outside the raw layout" in line for line in world.logs))


class FailureAtEveryStepTests(unittest.TestCase):
    def test_a_run_stopped_before_any_of_its_writes_is_completed_exactly_once_by_the_next(self):
        clean = seeded()
        clean.run("jr_1")
        steps = list(clean.faults.log)
        self.assertGreater(len(steps), 10)
        for kind in (Crash, Killed):
            for at, step in enumerate(steps, start=1):
                with self.subTest(kind=kind.__name__, at=at, step=step):
                    world = seeded(Faults(at, kind))
                    # An injected error may reach the job wrapped in the error of the step it stopped.
                    with self.assertRaises(Exception if kind is Crash else Killed):
                        world.run("jr_1")
                    seen = world.athena_trip_ids()
                    self.assertEqual(len(seen), len(set(seen)), "a reader saw a row twice")
                    self.assertTrue(set(seen) <= set(GOOD))
                    record = world.record("jr_1")
                    if record is not None and record["state"] == "SUCCEEDED":
                        self.assertIn("commit", record, "a committed record must say how to finish it")

                    world.faults.at = None
                    world.land("c.csv", LATE)
                    world.run("jr_2")
                    self.assertEqual(world.athena_trip_ids(), sorted(GOOD + [10]))
                    self.assertEqual(world.quarantined(), BAD)
                    self.assertEqual(world.s3.keys(PROCESSED, "_staging/"), [])
                    self.assertEqual(world.s3.keys(PROCESSED, "_runs/trips/_ledger/pending/"), [])
                    self.assertEqual(world.run("jr_3")["raw_objects"], [])

    def test_a_failure_after_the_commit_point_keeps_the_succeeded_record(self):
        clean = seeded()
        clean.run("jr_1")
        first_copy = next(i for i, (op, _) in enumerate(clean.faults.log, start=1) if op == "copy")
        world = seeded(Faults(first_copy, Crash))
        with self.assertRaises(Crash):
            world.run("jr_1")
        self.assertEqual(world.record("jr_1")["state"], "SUCCEEDED")
        self.assertEqual(world.athena_trip_ids(), [])
        world.faults.at = None
        summary = world.run("jr_2")
        self.assertEqual(summary["raw_objects"], [], "the committed run's objects are not read again")
        self.assertEqual(world.athena_trip_ids(), GOOD)
        self.assertTrue(any("finished publishing committed run jr_1" in line for line in world.logs))

    def test_a_failure_before_the_commit_point_writes_a_failed_record_and_discards_the_staging(self):
        clean = seeded()
        clean.run("jr_1")
        record_put = next(i for i, (op, key) in enumerate(clean.faults.log, start=1)
                          if op == "put_object" and key == "_runs/trips/jr_1.json")
        world = seeded(Faults(record_put, Crash))
        with self.assertRaises(Crash):
            world.run("jr_1")
        self.assertEqual(world.record("jr_1")["state"], "FAILED")
        self.assertTrue(world.s3.keys(PROCESSED, "_staging/trips/run=jr_1/"))
        world.faults.at = None
        summary = world.run("jr_2")
        self.assertEqual(len(summary["raw_objects"]), 2, "the failed run's objects are read again")
        self.assertEqual(world.s3.keys(PROCESSED, "_staging/"), [])
        self.assertEqual(world.athena_trip_ids(), GOOD)


if __name__ == "__main__":
    unittest.main()
