import unittest
from datetime import datetime, timezone

from fakes import job_options
from lake_glue.args import REQUIRED_ARGS, JobArgumentError, job_arg_names, parse_job_args, resolve_run_id


class ParseJobArgsTests(unittest.TestCase):
    def test_valid_arguments_are_kept_and_folders_end_with_a_slash(self):
        args = parse_job_args(job_options(processed_path="s3://socar-lake-dev-processed/tripdata/"))
        self.assertEqual(args.dataset, "tripdata")
        self.assertEqual(args.job_name, "socar-lake-dev-tripdata")
        self.assertEqual(args.processed_path, "s3://socar-lake-dev-processed/tripdata/")
        self.assertEqual(args.quarantine_path, "s3://socar-lake-dev-quarantine/tripdata/")
        self.assertEqual(args.run_summary_path, "s3://socar-lake-dev-processed/_runs/tripdata/")
        self.assertEqual(args.plan_uri, "s3://socar-lake-dev-artifacts/glue/plans/tripdata.spark.json")
        self.assertIsNone(args.run_id)
        self.assertIsNone(args.kms_key_arn)

    def test_every_missing_argument_is_named_at_once(self):
        with self.assertRaises(JobArgumentError) as caught:
            parse_job_args(job_options(plan_uri=None, raw_table=None))
        message = str(caught.exception)
        self.assertIn("--plan_uri", message)
        self.assertIn("--raw_table", message)
        self.assertNotIn("--dataset", message)

    def test_a_blank_argument_counts_as_missing(self):
        with self.assertRaisesRegex(JobArgumentError, "--processed_table"):
            parse_job_args(job_options(processed_table="   "))

    def test_all_ten_arguments_are_required(self):
        self.assertEqual(len(REQUIRED_ARGS), 10)
        for name in REQUIRED_ARGS:
            with self.subTest(name=name), self.assertRaisesRegex(JobArgumentError, "--" + name):
                parse_job_args(job_options(**{name: None}))

    def test_dataset_names_must_match_the_contract_pattern(self):
        for bad in ("TripData", "1trips", "trip-data", "trip data", "_trips"):
            with self.subTest(dataset=bad), self.assertRaises(JobArgumentError) as caught:
                parse_job_args(job_options(dataset=bad))
            self.assertIn("--dataset", str(caught.exception))
            self.assertIn("^[a-z][a-z0-9_]*$", str(caught.exception))
        self.assertEqual(parse_job_args(job_options(dataset="rides_v2")).dataset, "rides_v2")

    def test_locations_must_be_s3_uris_and_the_error_names_the_argument(self):
        for name in ("plan_uri", "processed_path", "quarantine_path", "run_summary_path"):
            for bad in ("/tmp/lake", "s3a://bucket/x", "https://bucket.s3.amazonaws.com/x", "s3://Bad_Bucket/x"):
                with self.subTest(name=name, value=bad), self.assertRaisesRegex(JobArgumentError, "--" + name):
                    parse_job_args(job_options(**{name: bad}))

    def test_plan_uri_must_name_an_object(self):
        with self.assertRaisesRegex(JobArgumentError, "--plan_uri .* names a folder"):
            parse_job_args(job_options(plan_uri="s3://socar-lake-dev-artifacts/glue/plans/"))

    def test_glue_run_id_is_kept_and_checked(self):
        run = "jr_0123456789abcdef"
        self.assertEqual(parse_job_args(job_options(JOB_RUN_ID=run)).run_id, run)
        with self.assertRaisesRegex(JobArgumentError, "--JOB_RUN_ID"):
            parse_job_args(job_options(JOB_RUN_ID="../../etc"))

    def test_kms_key_arn_is_optional_and_checked(self):
        arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        self.assertEqual(parse_job_args(job_options(kms_key_arn=arn)).kms_key_arn, arn)
        with self.assertRaisesRegex(JobArgumentError, "--kms_key_arn"):
            parse_job_args(job_options(kms_key_arn="alias/lake"))


class JobArgNamesTests(unittest.TestCase):
    def test_optional_names_are_asked_for_only_when_passed(self):
        self.assertEqual(job_arg_names(["etl_job.py", "--dataset", "tripdata"]), list(REQUIRED_ARGS))
        names = job_arg_names(["etl_job.py", "--JOB_RUN_ID", "jr_1", "--kms_key_arn=arn:aws:kms:x"])
        self.assertEqual(names[-2:], ["JOB_RUN_ID", "kms_key_arn"])

    def test_a_longer_flag_is_not_mistaken_for_an_optional_one(self):
        self.assertNotIn("JOB_RUN_ID", job_arg_names(["--JOB_RUN_ID_OLD", "x"]))


class ResolveRunIdTests(unittest.TestCase):
    def test_the_glue_run_id_wins(self):
        args = parse_job_args(job_options(JOB_RUN_ID="jr_abc"))
        self.assertEqual(resolve_run_id(args), "jr_abc")

    def test_without_one_a_time_ordered_id_is_made(self):
        args = parse_job_args(job_options())
        now = datetime(2024, 5, 1, 12, 30, 45, 123456, tzinfo=timezone.utc)
        self.assertEqual(resolve_run_id(args, now, token="a1b2c3"), "run-20240501T123045123-a1b2c3")
        self.assertNotEqual(resolve_run_id(args, now), resolve_run_id(args, now))


if __name__ == "__main__":
    unittest.main()
