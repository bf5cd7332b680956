import unittest

from lake_glue.paths import (
    ensure_trailing_slash,
    kms_put_params,
    quarantine_file_name,
    quarantine_renames,
    quarantine_run_prefix,
    raw_object_key,
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

    def test_spark_part_files_become_bad_rows_files_in_a_stable_order(self):
        staged = [
            "tripdata/run=jr_1/_staging/part-00001-x.json",
            "tripdata/run=jr_1/_staging/_SUCCESS",
            "tripdata/run=jr_1/_staging/part-00000-x.json",
        ]
        self.assertEqual(quarantine_renames(staged, "tripdata/run=jr_1/"), [
            ("tripdata/run=jr_1/_staging/part-00000-x.json", "tripdata/run=jr_1/bad-rows-00000.jsonl"),
            ("tripdata/run=jr_1/_staging/part-00001-x.json", "tripdata/run=jr_1/bad-rows-00001.jsonl"),
        ])
        self.assertEqual(quarantine_renames([], "tripdata/run=jr_1/"), [])

    def test_run_summary_is_named_by_run(self):
        self.assertEqual(run_summary_uri("s3://lake-processed/_runs/tripdata/", "jr_42"),
                         "s3://lake-processed/_runs/tripdata/jr_42.json")
        self.assertEqual(run_summary_uri("s3://lake-processed/_runs/tripdata", "jr_42"),
                         "s3://lake-processed/_runs/tripdata/jr_42.json")

    def test_raw_object_key_is_the_key_inside_the_raw_bucket(self):
        key = "tripdata/ingest_date=2024-05-01/a.csv"
        for scheme in ("s3", "s3a", "s3n"):
            self.assertEqual(raw_object_key(f"{scheme}://lake-raw/{key}"), key)
        self.assertIsNone(raw_object_key(""))
        self.assertIsNone(raw_object_key("s3://lake-raw/"))
        self.assertEqual(raw_object_key("file:///tmp/raw/a.csv"), "file:///tmp/raw/a.csv")


class EncryptionTests(unittest.TestCase):
    def test_objects_are_written_with_kms_naming_the_lake_key_when_known(self):
        self.assertEqual(kms_put_params(None), {"ServerSideEncryption": "aws:kms"})
        arn = "arn:aws:kms:eu-west-1:123456789012:key/abc"
        self.assertEqual(kms_put_params(arn), {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": arn})


if __name__ == "__main__":
    unittest.main()
