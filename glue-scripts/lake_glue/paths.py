"""Where the job reads and writes: S3 URIs split and joined, and the lake's key layout.

Quarantine: <quarantine_path>run=<run>/bad-rows-<n>.jsonl (quarantine_path is s3://<lake>-quarantine/<dataset>/).
Run summary: <run_summary_path><run>.json (run_summary_path is s3://<lake>-processed/_runs/<dataset>/,
the key the ops notifier and the local lake read).
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
# Schemes Spark's input_file_name() may report for S3 objects.
_S3_SCHEMES = ("s3://", "s3a://", "s3n://")


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


def ensure_trailing_slash(uri: str) -> str:
    """Folder URIs end with '/', so joining a name never merges two path segments."""
    return uri if uri.endswith("/") else uri + "/"


def quarantine_run_prefix(quarantine_path: str, run_id: str) -> str:
    """The folder holding one run's quarantined rows."""
    return f"{ensure_trailing_slash(quarantine_path)}run={run_id}/"


def quarantine_file_name(index: int) -> str:
    """bad-rows-<n>.jsonl, the name the local lake uses too (its reader lists *.jsonl)."""
    return f"bad-rows-{index:05d}.jsonl"


def quarantine_renames(staged_keys: Iterable[str], run_prefix_key: str) -> list[tuple[str, str]]:
    """Spark names its output part-*; the lake's layout wants bad-rows-*. Maps each staged part file
    (in a stable order) to its final key beside the staging folder. Markers such as _SUCCESS are skipped."""
    parts = sorted(k for k in staged_keys if k.rsplit("/", 1)[-1].startswith("part-"))
    prefix = ensure_trailing_slash(run_prefix_key)
    return [(key, prefix + quarantine_file_name(i)) for i, key in enumerate(parts)]


def run_summary_uri(run_summary_path: str, run_id: str) -> str:
    return f"{ensure_trailing_slash(run_summary_path)}{run_id}.json"


def raw_object_key(file_uri: str) -> Optional[str]:
    """The raw zone key of a file Spark reports (s3://bucket/key -> key); None when Spark could not
    tell (an empty name). Non-S3 URIs (local runs) are kept whole."""
    if not file_uri:
        return None
    for scheme in _S3_SCHEMES:
        if file_uri.startswith(scheme):
            _, _, key = file_uri[len(scheme):].partition("/")
            return key or None
    return file_uri


def kms_put_params(kms_key_arn: Optional[str]) -> dict:
    """Encryption arguments for put_object/copy_object. With aws:kms and no key id S3 uses the AWS
    managed key aws/s3, not the bucket's default key, so the lake key is named when it is known."""
    params = {"ServerSideEncryption": "aws:kms"}
    if kms_key_arn:
        params["SSEKMSKeyId"] = kms_key_arn
    return params
