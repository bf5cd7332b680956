"""Job arguments: which ones the job needs, and checks that fail before any data is read."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Mapping, Optional, Sequence

from lake_glue.paths import ensure_trailing_slash, split_s3_uri

REQUIRED_ARGS = (
    "JOB_NAME",
    "dataset",
    "plan_uri",
    "raw_database",
    "raw_table",
    "processed_database",
    "processed_table",
    "processed_path",
    "quarantine_path",
    "run_summary_path",
)
# Glue passes JOB_RUN_ID itself; kms_key_arn is ours. getResolvedOptions fails on a name that was not
# passed, so these are asked for only when present in argv.
OPTIONAL_ARGS = ("JOB_RUN_ID", "kms_key_arn")

DATASET_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# Run ids become S3 key segments (run=<id>/, <id>.json): keep them to characters safe in both.
RUN_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$")
KMS_ARN_PATTERN = re.compile(r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+$")

_FOLDER_ARGS = ("processed_path", "quarantine_path", "run_summary_path")


class JobArgumentError(ValueError):
    """A job argument is missing or malformed; the message names it and says what to pass."""


@dataclass(frozen=True)
class JobArgs:
    job_name: str
    dataset: str
    plan_uri: str
    raw_database: str
    raw_table: str
    processed_database: str
    processed_table: str
    processed_path: str
    quarantine_path: str
    run_summary_path: str
    run_id: Optional[str] = None
    kms_key_arn: Optional[str] = None


def job_arg_names(argv: Sequence[str]) -> list[str]:
    """The names to hand to getResolvedOptions: every required one plus the optional ones in argv."""
    present = [name for name in OPTIONAL_ARGS if _in_argv(argv, name)]
    return list(REQUIRED_ARGS) + present


def _in_argv(argv: Sequence[str], name: str) -> bool:
    flag = "--" + name
    return any(a == flag or a.startswith(flag + "=") for a in argv)


def parse_job_args(options: Mapping[str, str]) -> JobArgs:
    """Checks the resolved options and returns them with folder paths ending in '/'."""
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

    run_id = _optional(options, "JOB_RUN_ID")
    if run_id is not None and not RUN_ID_PATTERN.match(run_id):
        raise JobArgumentError(
            f"--JOB_RUN_ID '{run_id}' cannot be used in S3 keys: letters, digits, '_', '.', '-' only"
        )
    kms_key_arn = _optional(options, "kms_key_arn")
    if kms_key_arn is not None and not KMS_ARN_PATTERN.match(kms_key_arn):
        raise JobArgumentError(
            f"--kms_key_arn '{kms_key_arn}' is not a KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id>)"
        )

    return JobArgs(
        job_name=values["JOB_NAME"],
        dataset=dataset,
        plan_uri=values["plan_uri"],
        raw_database=values["raw_database"],
        raw_table=values["raw_table"],
        processed_database=values["processed_database"],
        processed_table=values["processed_table"],
        processed_path=values["processed_path"],
        quarantine_path=values["quarantine_path"],
        run_summary_path=values["run_summary_path"],
        run_id=run_id,
        kms_key_arn=kms_key_arn,
    )


def _optional(options: Mapping[str, str], name: str) -> Optional[str]:
    value = str(options.get(name) or "").strip()
    return value or None


def _check_s3(uri: str, name: str) -> None:
    try:
        split_s3_uri(uri)
    except ValueError as e:
        raise JobArgumentError(f"--{name}: {e}") from None


def resolve_run_id(args: JobArgs, now: Optional[datetime] = None, token: Optional[str] = None) -> str:
    """Glue's JOB_RUN_ID when given (the ops notifier finds the summary by it), else a fresh id
    shaped like the local lake's: run-<UTC time>-<6 hex>."""
    if args.run_id:
        return args.run_id
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    token = token or uuid.uuid4().hex[:6]
    return f"run-{now.strftime('%Y%m%dT%H%M%S')}{now.microsecond // 1000:03d}-{token}"
