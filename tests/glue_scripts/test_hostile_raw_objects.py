"""Raw objects a hostile or careless producer lands: every row still ends up processed or quarantined
with a reason, and no object blocks the dataset. Found by attacking the job from outside."""

import gzip
import unittest

from aws_fakes import Crash, Faults
from world import PROCESSED, RAW, World

GOOD = "trip_id,fare,day\n1,10.5,2024-05-01\n2,7,2024-05-02\n"


def reasons(world):
    return dict(world.quarantined_reasons())


class HeaderTests(unittest.TestCase):
    def test_blank_lines_before_the_header_are_skipped_not_taken_for_an_empty_file(self):
        world = World()
        world.land("blank.csv", "\n\r\n   \n" + GOOD)
        summary = world.run("jr_1")
        self.assertEqual((summary["rows_in"], world.athena_trip_ids()), (2, [1, 2]))

    def test_an_object_with_only_blank_lines_is_quarantined_whole(self):
        world = World()
        key = world.land("blanks.csv", "\n \n\t\n")
        summary = world.run("jr_1")
        self.assertEqual(summary["objects_quarantined"], [key])
        self.assertIn("no header line", reasons(world)["blanks.csv"])

    def test_a_stray_quote_in_the_header_quarantines_the_object_instead_of_swallowing_it(self):
        world = World()
        world.land("a.csv", GOOD)
        world.land("quote.csv", 'trip_id,"fare,day\n5,1,2024-05-01\n')
        summary = world.run("jr_1")
        self.assertEqual(world.athena_trip_ids(), [1, 2])
        self.assertIn("unbalanced quote", reasons(world)["quote.csv"])
        self.assertEqual(len(summary["raw_objects"]), 2)

    def test_a_stray_quote_in_a_row_spoils_only_that_line(self):
        world = World()
        world.land("row.csv", 'trip_id,fare,day\n1,"10.5,2024-05-01\n2,7,2024-05-02\n3,8,2024-05-02\n')
        summary = world.run("jr_1")
        self.assertEqual((summary["rows_in"], summary["rows_out"], summary["rows_quarantined"]), (3, 2, 1))
        self.assertEqual(world.athena_trip_ids(), [2, 3])

    def test_carriage_return_line_endings_are_lines(self):
        world = World()
        world.land("mac.csv", GOOD.replace("\n", "\r"))
        world.run("jr_1")
        self.assertEqual(world.athena_trip_ids(), [1, 2])

    def test_a_header_the_csv_reader_refuses_is_quarantined_naming_the_object(self):
        world = World()
        world.land("a.csv", GOOD)
        world.land("huge.csv", '"' + "x" * 200_000 + '",fare,day\n9,1,2024-05-01\n')
        world.run("jr_1")
        self.assertEqual(world.athena_trip_ids(), [1, 2])
        self.assertIn("trips/ingest_date=2024-05-01/huge.csv:", reasons(world)["huge.csv"])

    def test_a_column_named_like_a_job_column_is_quarantined_whole(self):
        world = World()
        world.land("clash.csv", "trip_id,_raw_object,fare,day\n7,x,1,2024-05-01\n")
        world.run("jr_1")
        self.assertIn("'_raw_object', which the job reserves", reasons(world)["clash.csv"])

    def test_a_gzip_csv_is_read_through_its_codec(self):
        world = World()
        world.s3.objects[(RAW, "trips/ingest_date=2024-05-01/a.csv.gz")] = gzip.compress(GOOD.encode())
        summary = world.run("jr_1")
        self.assertEqual((summary["objects_quarantined"], world.athena_trip_ids()), ([], [1, 2]))

    def test_bytes_that_are_not_utf8_in_a_row_do_not_stop_the_run(self):
        world = World()
        world.s3.objects[(RAW, "trips/ingest_date=2024-05-01/latin.csv")] = b"trip_id,fare,day\n1,1,caf\xe9\n"
        summary = world.run("jr_1")
        self.assertEqual(summary["rows_in"], 1)


class KeyTests(unittest.TestCase):
    def test_upload_temporaries_and_hidden_files_are_never_data(self):
        world = World()
        world.land("a.csv", GOOD)
        for name in ("a.csv._COPYING_", "b.csv.tmp", "c.csv.filepart", ".d.csv", "_e.csv"):
            world.land(name, GOOD)
        summary = world.run("jr_1")
        self.assertEqual((len(summary["raw_objects"]), world.athena_trip_ids()), (1, [1, 2]))

    def test_a_key_near_s3s_limit_is_processed_once(self):
        world = World()
        world.land("n" * 980 + ".csv", GOOD)
        world.run("jr_1")
        self.assertEqual(world.run("jr_2")["raw_objects"], [], "its done marker is found again")
        self.assertEqual(world.athena_trip_ids(), [1, 2])

    def test_an_object_replaced_after_processing_is_processed_as_a_new_version(self):
        world = World()
        world.land("a.csv", GOOD)
        world.run("jr_1")
        world.land("a.csv", GOOD)  # the same bytes again (a retried PUT): the same ETag
        self.assertEqual(world.run("jr_2")["raw_objects"], [])
        world.land("a.csv", "trip_id,fare,day\n3,1,2024-05-03\n")
        self.assertEqual(world.run("jr_3")["raw_objects"], ["trips/ingest_date=2024-05-01/a.csv"])
        self.assertEqual(world.athena_trip_ids(), [1, 2, 3])
        self.assertTrue(any("replaced after it was processed" in line for line in world.logs))


class RecoveryTests(unittest.TestCase):
    def test_recovery_copies_only_the_files_a_stopped_publication_had_not_copied(self):
        world = World()
        world.land("a.csv", "trip_id,fare,day\n" + "".join(f"{i},1,2024-05-0{i % 3 + 1}\n" for i in range(1, 13)))
        clean = World()
        clean.s3.objects.update(world.s3.objects)
        clean.run("jr_1")
        copies = [i for i, (op, _) in enumerate(clean.faults.log, start=1) if op == "copy"]
        world.faults.at, world.faults.kind = copies[-1], Crash
        with self.assertRaises(Exception):
            world.run("jr_1")
        world.faults.at = None
        before = len([r for r in world.s3.requests if r[0] == "copy"])
        world.run("jr_2")
        after = len([r for r in world.s3.requests if r[0] == "copy"])
        self.assertEqual(after - before, 1, "only the last file is copied again")
        self.assertEqual(world.athena_trip_ids(), list(range(1, 13)))
        self.assertEqual(world.s3.keys(PROCESSED, "_staging/"), [])


if __name__ == "__main__":
    unittest.main()
