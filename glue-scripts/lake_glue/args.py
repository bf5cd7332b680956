"""Job arguments: which ones the job asks for, and checks that fail before any data is read."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Mapping, Optional

from lake_glue.paths import ensure_trailing_slash, split_s3_uri

# Every name the job hands to getResolvedOptions. All are ours (Terraform sets them as the job's default
# arguments) except JOB_NAME, which Glue passes and scripts may ask for.
REQUIRED_ARGS = (
    "JOB_NAME",
    "dataset",
    "plan_uri",
    "raw_path",
    "processed_database",
    "processed_table",
    "processed_path",
    "quarantine_path",
    "run_summary_path",
    "kms_key_arn",
)
# Names Glue passes itself and getResolvedOptions registers on its own: asking for one makes it fail
# before the script starts (awsglue/utils.py getResolvedOptions in Glue's published library; "Accessing
# parameters using getResolvedOptions"). Glue's run id still reaches the script: getResolvedOptions
# returns these keys in its result whether or not the script asked.
GLUE_RESERVED_ARGS = (
    "JOB_ID",
    "JOB_RUN_ID",
    "SECURITY_CONFIGURATION",
    "job_bookmark_option",
    "continuation_option",
    "job_bookmark_from",
    "job_bookmark_to",
    "encryption_type",
)
RUN_ID_OPTION = "JOB_RUN_ID"

DATASET_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# Run ids become S3 key segments (run=<id>/, <id>.json): keep them to characters safe in both.
RUN_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$")
KMS_ARN_PATTERN = re.compile(r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$")

_FOLDER_ARGS = ("raw_path", "processed_path", "quarantine_path", "run_summary_path")


class JobArgumentError(ValueError):
    """A job argument is missing or malformed; the message names it and says what to pass."""


@dataclass(frozen=True)
class JobArgs:
    job_name: str
    dataset: str
    plan_uri: str
    raw_path: str
    processed_database: str
    processed_table: str
    processed_path: str
    quarantine_path: str
    run_summary_path: str
    kms_key_arn: str
    run_id: Optional[str] = None


def job_arg_names() -> list[str]:
    """The names to hand to getResolvedOptions: never one Glue reserves."""
    reserved = {n.casefold() for n in GLUE_RESERVED_ARGS}
    return [name for name in REQUIRED_ARGS if name.casefold() not in reserved]


def parse_job_args(options: Mapping[str, Optional[str]]) -> JobArgs:
    """Checks the resolved options (what getResolvedOptions returned, Glue's own keys included) and
    returns them with folder paths ending in '/'."""
    missing = [name for name in REQUIRED_ARGS if not str(options.get(name) or "").strip()]
    if missing:
        raise JobArgumentError(
            "missing job argument(s): " + ", ".join("--" + m for m in missing)
            + ". Set them in the job's default arguments (Terraform) or pass them to StartJobRun."
        )
    values = {name: str(options[name]).strip() for name in REQUIRED_ARGS}

    dataset = values["dataset"]
    if not DATASET_PATTERN.match(dataset):
        raise JobArgumentError(
            f"--dataset '{dataset}' is not a dataset name: use lowercase letters, digits and "
            f"underscores, starting with a letter ({DATASET_PATTERN.pattern})"
        )

    _check_s3(values["plan_uri"], "plan_uri")
    if values["plan_uri"].endswith("/"):
        raise JobArgumentError(f"--plan_uri '{values['plan_uri']}' names a folder: give the plan object's key")
    for name in _FOLDER_ARGS:
        _check_s3(values[name], name)
        values[name] = ensure_trailing_slash(values[name])
        # Each folder is the dataset's own: a bucket root or another dataset's folder would mix datasets.
        if not values[name].endswith(f"/{dataset}/"):
            raise JobArgumentError(f"--{name} '{values[name]}' is not the folder of dataset '{dataset}': it must end with /{dataset}/")

    if not KMS_ARN_PATTERN.match(values["kms_key_arn"]):
        raise JobArgumentError(
            f"--kms_key_arn '{values['kms_key_arn']}' is not a KMS key ARN "
            "(arn:aws:kms:<region>:<account>:key/<id>): the lake key encrypts everything the job writes"
        )

    run_id = str(options.get(RUN_ID_OPTION) or "").strip() or None
    if run_id is not None and not RUN_ID_PATTERN.match(run_id):
        raise JobArgumentError(
            f"Glue's run id '{run_id}' cannot be used in S3 keys: letters, digits, '_', '.', '-' only"
        )

    return JobArgs(
        job_name=values["JOB_NAME"],
        dataset=dataset,
        plan_uri=values["plan_uri"],
        raw_path=values["raw_path"],
        processed_database=values["processed_database"],
        processed_table=values["processed_table"],
        processed_path=values["processed_path"],
        quarantine_path=values["quarantine_path"],
        run_summary_path=values["run_summary_path"],
        kms_key_arn=values["kms_key_arn"],
        run_id=run_id,
    )


def _check_s3(uri: str, name: str) -> None:
    try:
        split_s3_uri(uri)
    except ValueError as e:
        raise JobArgumentError(f"--{name}: {e}") from None


def resolve_run_id(args: JobArgs, now: Optional[datetime] = None, token: Optional[str] = None) -> str:
    """Glue's run id when it passed one (the ops notifier finds the summary by it), else a fresh id
    shaped like the local lake's: run-<UTC time>-<6 hex>."""
    if args.run_id:
        return args.run_id
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    token = token or uuid.uuid4().hex[:6]
    return f"run-{now.strftime('%Y%m%dT%H%M%S')}{now.microsecond // 1000:03d}-{token}"
