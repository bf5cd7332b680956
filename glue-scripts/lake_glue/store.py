"""S3 as the job uses it, over an injected boto3 client (a fake in tests): list, read, write under the
lake key, copy, delete. Every write names the lake key: with aws:kms and no key id S3 would use the
AWS managed key aws/s3, not the bucket's default key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional

from lake_glue.paths import kms_put_params, split_s3_uri

_DELETE_BATCH = 1000  # DeleteObjects takes at most 1,000 keys per request
_MISSING_CODES = ("NoSuchKey", "404", "NotFound")


@dataclass(frozen=True)
class StoredObject:
    uri: str
    size: int
    etag: str = ""  # without its quotes; changes when the object's content is replaced


def aws_error_code(error: BaseException) -> str:
    """The service's error code of a botocore ClientError (response['Error']['Code']), '' for any other error."""
    return getattr(error, "response", {}).get("Error", {}).get("Code", "")


def is_missing(error: BaseException) -> bool:
    """botocore's ClientError for an absent key: NoSuchKey on GET, a bare 404 on HEAD."""
    return aws_error_code(error) in _MISSING_CODES


class S3Store:
    def __init__(self, client: Any, kms_key_arn: str):
        self.client, self.kms_key_arn = client, kms_key_arn

    def list(self, prefix_uri: str) -> list[StoredObject]:
        """Every object under the prefix, all pages (ListObjectsV2 returns at most 1,000 keys a page)."""
        bucket, prefix = split_s3_uri(prefix_uri)
        found: list[StoredObject] = []
        request = {"Bucket": bucket, "Prefix": prefix}
        while True:
            page = self.client.list_objects_v2(**request)
            found.extend(StoredObject(f"s3://{bucket}/{o['Key']}", int(o.get("Size", 0)), str(o.get("ETag", "")).strip('"'))
                         for o in page.get("Contents", []))
            if not page.get("IsTruncated"):
                return found
            request["ContinuationToken"] = page["NextContinuationToken"]

    def read_bytes(self, uri: str, max_bytes: Optional[int] = None) -> bytes:
        bucket, key = split_s3_uri(uri)
        request = {"Bucket": bucket, "Key": key}
        if max_bytes is not None:
            request["Range"] = f"bytes=0-{max_bytes - 1}"
        return self.client.get_object(**request)["Body"].read()

    def read_text_or_none(self, uri: str) -> Optional[str]:
        try:
            return self.read_bytes(uri).decode("utf-8")
        except Exception as e:
            if is_missing(e):
                return None
            raise

    def exists(self, uri: str) -> bool:
        bucket, key = split_s3_uri(uri)
        try:
            self.client.head_object(Bucket=bucket, Key=key)
            return True
        except Exception as e:
            if is_missing(e):
                return False
            raise

    def put(self, uri: str, body: bytes, content_type: str = "application/json") -> None:
        bucket, key = split_s3_uri(uri)
        self.client.put_object(Bucket=bucket, Key=key, Body=body, ContentType=content_type,
                               **kms_put_params(self.kms_key_arn))

    def copy(self, source_uri: str, target_uri: str) -> None:
        """The managed copy: one CopyObject up to 5 GB, multipart above, re-encrypted under the lake key."""
        source_bucket, source_key = split_s3_uri(source_uri)
        bucket, key = split_s3_uri(target_uri)
        self.client.copy({"Bucket": source_bucket, "Key": source_key}, bucket, key,
                         ExtraArgs=kms_put_params(self.kms_key_arn))

    def delete(self, uris: Iterable[str]) -> None:
        by_bucket: dict[str, list[str]] = {}
        for uri in uris:
            bucket, key = split_s3_uri(uri)
            by_bucket.setdefault(bucket, []).append(key)
        for bucket, keys in by_bucket.items():
            for i in range(0, len(keys), _DELETE_BATCH):
                batch = [{"Key": k} for k in keys[i:i + _DELETE_BATCH]]
                result = self.client.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
                errors = result.get("Errors") or []
                if errors:
                    first = errors[0]
                    raise OSError(f"could not delete {len(errors)} object(s) from s3://{bucket}, first "
                                  f"{first.get('Key')}: {first.get('Code')} {first.get('Message')}")

    def delete_prefix(self, prefix_uri: str) -> None:
        self.delete(o.uri for o in self.list(prefix_uri))
