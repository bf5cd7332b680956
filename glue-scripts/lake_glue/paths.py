"""Where the job reads and writes: S3 URIs split and joined, and the lake's key layout.

Processed: <processed_path><partition dirs>/part-<run>-<n>.parquet, staged first under
  s3://<processed bucket>/_staging/<dataset>/run=<run>/ (outside every table location).
Quarantine: <quarantine_path>run=<run>/bad-rows-<n>.jsonl, staged first under <quarantine_path>_staging/run=<run>/.
Run record (the summary, and the commit point): <run_summary_path><run>.json (run_summary_path is
  s3://<lake>-processed/_runs/<dataset>/, the key the ops notifier and the local lake read).
Ledger: <run_summary_path>_ledger/pending/<run>.json while a run may have work to finish or discard,
  <run_summary_path>_ledger/done/<raw key> for every raw object a committed run processed.
"""

from __future__ import annotations

import re
from typing import Optional

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


def split_s3_uri(uri: str) -> tuple[str, str]:
    """'s3://bucket/some/key' -> ('bucket', 'some/key'); the key may be empty for a bucket root."""
    if not isinstance(uri, str) or not uri.startswith("s3://"):
        raise ValueError(f"'{uri}' is not an S3 URI: expected s3://<bucket>/<key>")
    bucket, _, key = uri[len("s3://"):].partition("/")
    if not _BUCKET.match(bucket) or ".." in bucket:
        raise ValueError(
            f"'{uri}': '{bucket}' is not a valid bucket name (3-63 lowercase letters, digits, '.', '-')"
        )
    return bucket, key


def raw_key(uri: str) -> str:
    """s3://<raw bucket>/<key> -> <key>, the raw zone key the run records and the ledger name objects by."""
    return split_s3_uri(uri)[1]


def ensure_trailing_slash(uri: str) -> str:
    """Folder URIs end with '/', so joining a name never merges two path segments."""
    return uri if uri.endswith("/") else uri + "/"


def quarantine_run_prefix(quarantine_path: str, run_id: str) -> str:
    """The folder holding one run's quarantined rows."""
    return f"{ensure_trailing_slash(quarantine_path)}run={run_id}/"


def quarantine_file_name(index: int) -> str:
    """bad-rows-<n>.jsonl, the name the local lake uses too (its reader lists *.jsonl)."""
    return f"bad-rows-{index:05d}.jsonl"


def processed_staging_prefix(processed_path: str, dataset: str, run_id: str) -> str:
    """A sibling of the dataset's folder, so nothing staged is under a table or partition location."""
    bucket, _ = split_s3_uri(processed_path)
    return f"s3://{bucket}/_staging/{dataset}/run={run_id}/"


def quarantine_staging_prefix(quarantine_path: str, run_id: str) -> str:
    return f"{ensure_trailing_slash(quarantine_path)}_staging/run={run_id}/"


def pending_marker_uri(run_summary_path: str, run_id: str) -> str:
    return f"{ensure_trailing_slash(run_summary_path)}_ledger/pending/{run_id}.json"


def pending_prefix(run_summary_path: str) -> str:
    return f"{ensure_trailing_slash(run_summary_path)}_ledger/pending/"


def done_prefix(run_summary_path: str) -> str:
    return f"{ensure_trailing_slash(run_summary_path)}_ledger/done/"


def processed_file_name(run_id: str, index: int) -> str:
    """part-<run>-<n>.parquet: the processed zone's layout (ARCHITECTURE section 3); unique per run, so a
    re-applied copy overwrites its own file and never another run's."""
    return f"part-{run_id}-{index:05d}.parquet"


def is_data_file(key: str) -> bool:
    """Spark's part files; not its markers (_SUCCESS), checksums (.crc) or hidden folders."""
    name = key.rsplit("/", 1)[-1]
    return name.startswith("part-") and not name.endswith(".crc")


def run_summary_uri(run_summary_path: str, run_id: str) -> str:
    return f"{ensure_trailing_slash(run_summary_path)}{run_id}.json"


def kms_put_params(kms_key_arn: Optional[str]) -> dict:
    """Encryption arguments for put_object/copy_object. With aws:kms and no key id S3 uses the AWS
    managed key aws/s3, not the bucket's default key, so the lake key is named when it is known."""
    params = {"ServerSideEncryption": "aws:kms"}
    if kms_key_arn:
        params["SSEKMSKeyId"] = kms_key_arn
    return params
