import unittest
from datetime import datetime, timezone

from aws_fakes import fake_get_resolved_options
from fakes import KMS_ARN, job_options
from lake_glue.args import (GLUE_RESERVED_ARGS, REQUIRED_ARGS, JobArgumentError, job_arg_names, parse_job_args,
                            resolve_run_id)


class ParseJobArgsTests(unittest.TestCase):
    def test_valid_arguments_are_kept_and_folders_end_with_a_slash(self):
        args = parse_job_args(job_options(processed_path="s3://socar-lake-dev-processed/tripdata/"))
        self.assertEqual(args.dataset, "tripdata")
        self.assertEqual(args.job_name, "socar-lake-dev-tripdata")
        self.assertEqual(args.raw_path, "s3://socar-lake-dev-raw/tripdata/")
        self.assertEqual(args.processed_path, "s3://socar-lake-dev-processed/tripdata/")
        self.assertEqual(args.quarantine_path, "s3://socar-lake-dev-quarantine/tripdata/")
        self.assertEqual(args.run_summary_path, "s3://socar-lake-dev-processed/_runs/tripdata/")
        self.assertEqual(args.kms_key_arn, KMS_ARN)
        self.assertIsNone(args.run_id)

    def test_every_missing_argument_is_named_at_once(self):
        with self.assertRaises(JobArgumentError) as caught:
            parse_job_args(job_options(plan_uri=None, raw_path=None))
        message = str(caught.exception)
        self.assertIn("--plan_uri", message)
        self.assertIn("--raw_path", message)
        self.assertNotIn("--dataset", message)

    def test_a_blank_argument_counts_as_missing(self):
        with self.assertRaisesRegex(JobArgumentError, "--processed_table"):
            parse_job_args(job_options(processed_table="   "))

    def test_every_argument_is_required_including_the_lake_key(self):
        self.assertIn("kms_key_arn", REQUIRED_ARGS)
        for name in REQUIRED_ARGS:
            with self.subTest(name=name), self.assertRaisesRegex(JobArgumentError, "--" + name):
                parse_job_args(job_options(**{name: None}))

    def test_dataset_names_must_match_the_contract_pattern(self):
        for bad in ("TripData", "1trips", "trip-data", "trip data", "_trips"):
            with self.subTest(dataset=bad), self.assertRaises(JobArgumentError) as caught:
                parse_job_args(job_options(dataset=bad))
            self.assertIn("--dataset", str(caught.exception))
            self.assertIn("^[a-z][a-z0-9_]*$", str(caught.exception))
        paths = {n: job_options()[n].replace("tripdata", "rides_v2")
                 for n in ("raw_path", "processed_path", "quarantine_path", "run_summary_path")}
        self.assertEqual(parse_job_args(job_options(dataset="rides_v2", **paths)).dataset, "rides_v2")

    def test_every_folder_must_be_the_datasets_own(self):
        for name, bad in (("raw_path", "s3://socar-lake-dev-raw/"), ("raw_path", "s3://socar-lake-dev-raw/rides/"),
                          ("processed_path", "s3://socar-lake-dev-processed/"),
                          ("run_summary_path", "s3://socar-lake-dev-processed/_runs/")):
            with self.subTest(name=name, value=bad), self.assertRaisesRegex(JobArgumentError, f"--{name} .* end with /tripdata/"):
                parse_job_args(job_options(**{name: bad}))

    def test_locations_must_be_s3_uris_and_the_error_names_the_argument(self):
        for name in ("plan_uri", "raw_path", "processed_path", "quarantine_path", "run_summary_path"):
            for bad in ("/tmp/lake", "s3a://bucket/x", "https://bucket.s3.amazonaws.com/x", "s3://Bad_Bucket/x"):
                with self.subTest(name=name, value=bad), self.assertRaisesRegex(JobArgumentError, "--" + name):
                    parse_job_args(job_options(**{name: bad}))

    def test_plan_uri_must_name_an_object(self):
        with self.assertRaisesRegex(JobArgumentError, "--plan_uri .* names a folder"):
            parse_job_args(job_options(plan_uri="s3://socar-lake-dev-artifacts/glue/plans/"))

    def test_the_lake_key_must_be_a_key_arn(self):
        for bad in ("alias/lake", "arn:aws:kms:eu-west-1:123456789012:alias/lake", "1234abcd"):
            with self.subTest(value=bad), self.assertRaisesRegex(JobArgumentError, "--kms_key_arn"):
                parse_job_args(job_options(kms_key_arn=bad))

    def test_glue_run_id_comes_from_the_resolved_options_and_is_checked(self):
        run = "jr_0123456789abcdef"
        self.assertEqual(parse_job_args(job_options(JOB_RUN_ID=run)).run_id, run)
        with self.assertRaisesRegex(JobArgumentError, "run id '../../etc'"):
            parse_job_args(job_options(JOB_RUN_ID="../../etc"))


class ReservedArgumentTests(unittest.TestCase):
    GLUE_ARGV = ["etl_job.py", "--JOB_ID", "j_1", "--JOB_RUN_ID", "jr_abc", "--job-bookmark-option",
                 "job-bookmark-disable", "--SECURITY_CONFIGURATION", "lake-dev", "--TempDir", "s3://tmp/x",
                 "--JOB_NAME", "socar-lake-dev-tripdata"]

    def argv(self):
        argv = list(self.GLUE_ARGV)
        for name, value in job_options().items():
            if name != "JOB_NAME":
                argv += ["--" + name, value]
        return argv

    def test_the_job_never_asks_for_a_name_glue_reserves(self):
        reserved = {n.casefold() for n in GLUE_RESERVED_ARGS}
        self.assertEqual([n for n in job_arg_names() if n.casefold() in reserved], [])

    def test_glues_argv_resolves_and_the_run_id_arrives_without_being_asked_for(self):
        options = fake_get_resolved_options(self.argv(), job_arg_names())
        args = parse_job_args(options)
        self.assertEqual(args.run_id, "jr_abc")
        self.assertEqual(args.job_name, "socar-lake-dev-tripdata")

    def test_asking_for_a_reserved_name_fails_as_glue_does(self):
        # The defect this guards: the job asked for JOB_RUN_ID whenever Glue passed it.
        with self.assertRaises(Exception):
            fake_get_resolved_options(self.argv(), job_arg_names() + ["JOB_RUN_ID"])


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
