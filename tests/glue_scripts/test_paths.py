import unittest

from lake_glue.ledger import LedgerError, processed_commit_files, quarantine_commit_files
from lake_glue.paths import (
    ensure_trailing_slash,
    is_data_file,
    kms_put_params,
    processed_staging_prefix,
    quarantine_file_name,
    quarantine_run_prefix,
    quarantine_staging_prefix,
    run_summary_uri,
    split_s3_uri,
)


class S3UriTests(unittest.TestCase):
    def test_split_gives_bucket_and_key(self):
        self.assertEqual(split_s3_uri("s3://lake-raw/tripdata/ingest_date=2024-05-01/a.csv"),
                         ("lake-raw", "tripdata/ingest_date=2024-05-01/a.csv"))
        self.assertEqual(split_s3_uri("s3://lake-raw"), ("lake-raw", ""))
        self.assertEqual(split_s3_uri("s3://lake-raw/"), ("lake-raw", ""))

    def test_split_rejects_what_is_not_an_s3_uri(self):
        for bad in ("lake-raw/key", "s3:/lake-raw/key", "S3://lake-raw/key", "s3:///key", "s3://ab/key",
                    "s3://Lake-Raw/key", "s3://lake..raw/key", None):
            with self.subTest(uri=bad), self.assertRaises(ValueError):
                split_s3_uri(bad)

    def test_trailing_slash_is_added_once(self):
        self.assertEqual(ensure_trailing_slash("s3://b/p"), "s3://b/p/")
        self.assertEqual(ensure_trailing_slash("s3://b/p/"), "s3://b/p/")


class LayoutTests(unittest.TestCase):
    def test_quarantine_follows_dataset_run_bad_rows(self):
        prefix = quarantine_run_prefix("s3://lake-quarantine/tripdata/", "jr_42")
        self.assertEqual(prefix, "s3://lake-quarantine/tripdata/run=jr_42/")
        self.assertEqual(quarantine_run_prefix("s3://lake-quarantine/tripdata", "jr_42"), prefix)
        self.assertEqual(quarantine_file_name(3), "bad-rows-00003.jsonl")

    def test_staging_is_outside_every_table_and_run_folder(self):
        self.assertEqual(processed_staging_prefix("s3://lake-processed/tripdata/", "tripdata", "jr_1"),
                         "s3://lake-processed/_staging/tripdata/run=jr_1/")
        self.assertEqual(quarantine_staging_prefix("s3://lake-quarantine/tripdata", "jr_1"),
                         "s3://lake-quarantine/tripdata/_staging/run=jr_1/")

    def test_summary_is_named_by_run(self):
        self.assertEqual(run_summary_uri("s3://lake-processed/_runs/tripdata", "jr_9"),
                         "s3://lake-processed/_runs/tripdata/jr_9.json")

    def test_only_sparks_part_files_are_data(self):
        self.assertTrue(is_data_file("s3://p/_staging/t/run=1/day=1/part-00000-x.c000.snappy.parquet"))
        for other in ("s3://p/_staging/t/run=1/_SUCCESS", "s3://p/x/.part-00000-x.parquet.crc", "s3://p/x/part-1.crc"):
            self.assertFalse(is_data_file(other), other)

    def test_kms_parameters_name_the_lake_key(self):
        arn = "arn:aws:kms:eu-west-1:123456789012:key/abc"
        self.assertEqual(kms_put_params(arn), {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": arn})


class CommitFileTests(unittest.TestCase):
    STAGING = "s3://lake-processed/_staging/trips/run=jr_1/"

    def test_staged_parts_map_to_run_named_files_in_the_same_partition_folders(self):
        staged = [self.STAGING + "day=2024-05-02/part-00001-a.c000.snappy.parquet",
                  self.STAGING + "_SUCCESS",
                  self.STAGING + "day=2024-05-01/part-00000-a.c000.snappy.parquet",
                  self.STAGING + "day=a%2Fb/part-00002-a.c000.snappy.parquet"]
        files, partitions = processed_commit_files(staged, self.STAGING, "s3://lake-processed/trips", "jr_1", ["day"])
        self.assertEqual([f.final for f in files], [
            "s3://lake-processed/trips/day=2024-05-01/part-jr_1-00000.parquet",
            "s3://lake-processed/trips/day=2024-05-02/part-jr_1-00001.parquet",
            "s3://lake-processed/trips/day=a%2Fb/part-jr_1-00002.parquet"])
        self.assertEqual(partitions, [
            (("2024-05-01",), "s3://lake-processed/trips/day=2024-05-01/"),
            (("2024-05-02",), "s3://lake-processed/trips/day=2024-05-02/"),
            (("a/b",), "s3://lake-processed/trips/day=a%2Fb/")])

    def test_a_part_file_outside_the_expected_partition_folders_stops_the_commit(self):
        for bad in ("month=5/part-0.parquet", "part-0.parquet", "day=1/extra=2/part-0.parquet"):
            with self.subTest(path=bad), self.assertRaises(LedgerError):
                processed_commit_files([self.STAGING + bad], self.STAGING, "s3://lake-processed/trips/", "jr_1", ["day"])

    def test_quarantine_parts_become_bad_rows_files_in_a_stable_order(self):
        staging = "s3://lake-quarantine/trips/_staging/run=jr_1/"
        files = quarantine_commit_files([staging + "part-00001-x.json", staging + "_SUCCESS",
                                         staging + "part-00000-x.json"], "s3://lake-quarantine/trips/", "jr_1")
        self.assertEqual([(f.staged.rsplit("/", 1)[-1], f.final) for f in files], [
            ("part-00000-x.json", "s3://lake-quarantine/trips/run=jr_1/bad-rows-00000.jsonl"),
            ("part-00001-x.json", "s3://lake-quarantine/trips/run=jr_1/bad-rows-00001.jsonl")])


if __name__ == "__main__":
    unittest.main()
