"""The argv Glue hands the job, built from what is deployed (not a test module: discover skips it):
the job's default arguments from the build's offline plan (artifacts/plan-dev.json, `./build.sh
--target=Plan`), the run arguments etl-trigger adds (EtlTriggerHandler.cs), and the options Glue passes
itself ("Using job parameters in AWS Glue jobs": --JOB_ID, --JOB_RUN_ID, --JOB_NAME, --TempDir,
--SECURITY_CONFIGURATION when the job has one)."""

import glob
import json
import os
import unittest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PLAN_JSON = os.path.join(REPO, "artifacts", "plan-dev.json")
SAMPLE_KMS_ARN = "arn:aws:kms:ap-south-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"


def _require(path, how):
    if os.path.exists(path):
        return
    message = f"{os.path.relpath(path, REPO)} is missing: run {how} first"
    if os.environ.get("LAKE_BUILD_ARTIFACTS") == "1":
        raise AssertionError(message)  # under the build the artifact must exist
    raise unittest.SkipTest(message)


def deployed_job(dataset):
    """(job name, default arguments, security configuration) of the dataset's job in the offline plan.
    Values the plan cannot know offline (ARNs of resources not yet created) get realistic stand-ins."""
    _require(PLAN_JSON, "./build.sh --target=Plan")
    with open(PLAN_JSON, encoding="utf-8") as f:
        plan = json.load(f)
    for change in plan.get("resource_changes", []):
        if change["type"] == "aws_glue_job" and change.get("index") == dataset:
            after = change["change"]["after"]
            unknown = (change["change"].get("after_unknown") or {}).get("default_arguments") or {}
            arguments = dict(after.get("default_arguments") or {})
            for name in (unknown if isinstance(unknown, dict) else {}):
                arguments[name] = SAMPLE_KMS_ARN if "kms" in name else f"s3://unknown-{dataset}/{name.strip('-')}/"
            return after["name"], arguments, after.get("security_configuration")
    raise AssertionError(f"no aws_glue_job for dataset '{dataset}' in {PLAN_JSON}")


def glue_argv(dataset, run_id="jr_0f1e2d3c4b5a69788a9b0c1d2e3f4a5b"):
    name, defaults, security = deployed_job(dataset)
    run_arguments = {"--dataset": dataset, "--plan_uri": defaults["--plan_uri"]}  # EtlTriggerHandler.cs
    argv = ["/tmp/etl_job.py", "--JOB_ID", "j_4f3e2d1c", "--JOB_RUN_ID", run_id, "--JOB_NAME", name,
            "--TempDir", "s3://aws-glue-assets-123456789012-ap-south-1/temporary/"]
    if security:
        argv += ["--SECURITY_CONFIGURATION", security]
    for key, value in {**defaults, **run_arguments}.items():  # run arguments override defaults
        argv += [key, value]
    return argv


def rendered_spark_plan(dataset):
    """The Spark plan the build rendered for the dataset (artifacts/glue/plans/<dataset>-<sha>.json)."""
    found = sorted(glob.glob(os.path.join(REPO, "artifacts", "glue", "plans", f"{dataset}-*.json")))
    if not found:
        _require(os.path.join(REPO, "artifacts", "glue", "plans", f"{dataset}-<sha>.json"), "./build.sh --target=Package")
    with open(found[-1], encoding="utf-8") as f:
        return f.read()
