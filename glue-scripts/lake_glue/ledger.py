"""The job's commit protocol on S3: which raw objects are done, and how a run's output becomes visible
exactly once, whatever step a run fails at.

The run record (the SUCCEEDED summary at <run_summary_path><run>.json) is the one commit point, as in
the local lake: a run is committed when its record exists, and a committed run's raw objects are never
processed again. Before the record, a run writes only under staging prefixes that no table or reader
looks at. The record lists the staged files with their final keys and the partitions to register, so
whoever finds a committed run whose pending marker is still there (the next run of the dataset) can
finish its publication: copies to fixed final names, partition registration and done markers are all
idempotent. A pending marker without a committed record is a run that failed: its staging is deleted.

S3 gives no multi-object transactions (each PutObject/CopyObject is atomic on its own key), so while a
committed run is being published a reader may see part of that run, never a row twice; the last
step before the marker is removed is the done markers, which is what the next listing trusts.
Relies on one run per dataset at a time (the job's MaxConcurrentRuns is 1).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Optional, Protocol, Sequence
from urllib.parse import unquote

from lake_glue.args import JobArgs
from lake_glue.paths import (done_prefix, ensure_trailing_slash, is_data_file, pending_marker_uri, pending_prefix,
                             processed_file_name, processed_staging_prefix, quarantine_file_name,
                             quarantine_run_prefix, quarantine_staging_prefix, raw_key, run_summary_uri,
                             split_s3_uri)
from lake_glue.store import S3Store, StoredObject
from lake_glue.summary import SUCCEEDED

# <dataset>/ingest_date=YYYY-MM-DD/<name> (ARCHITECTURE section 3); glue-trigger dead-letters other keys.
_RAW_LAYOUT = re.compile(r"^[a-z][a-z0-9_]*/ingest_date=\d{4}-\d{2}-\d{2}/[^/]+$")
# Names uploaders give a file while it is being written (hadoop fs -put, browsers, sftp clients): never
# data, whatever the layout says.
_TEMPORARY_SUFFIXES = ("._COPYING_", ".tmp", ".temp", ".filepart", ".partial", ".crdownload")
MAX_KEY_BYTES = 1024  # S3's limit on a key ("Naming Amazon S3 objects")


class LedgerError(RuntimeError):
    """The ledger or a committed run's files are not in the state the protocol leaves them in."""


class CatalogPort(Protocol):
    def check(self, columns: Sequence[str], partition_keys: Sequence[str]) -> None: ...

    def publish(self, partitions: Sequence[tuple[Sequence[str], str]]) -> None: ...


@dataclass(frozen=True)
class StagedFile:
    staged: str
    final: str


@dataclass(frozen=True)
class CommitPlan:
    """What a committed run publishes: written into its run record under "commit"."""

    processed: tuple[StagedFile, ...] = ()
    quarantine: tuple[StagedFile, ...] = ()
    partitions: tuple[tuple[tuple[str, ...], str], ...] = ()
    raw: tuple[tuple[str, str], ...] = ()  # (raw key, ETag) of every object the run processed

    def to_json(self) -> dict:
        return {
            "raw": [[k, e] for k, e in self.raw],
            "processed": [[f.staged, f.final] for f in self.processed],
            "quarantine": [[f.staged, f.final] for f in self.quarantine],
            "partitions": [{"values": list(v), "location": loc} for v, loc in self.partitions],
        }

    @staticmethod
    def from_json(doc: Any) -> "CommitPlan":
        if not isinstance(doc, dict):
            raise LedgerError(f"a committed run record's 'commit' must be an object, found {json.dumps(doc)[:80]}")
        return CommitPlan(
            processed=tuple(StagedFile(s, f) for s, f in doc.get("processed", [])),
            quarantine=tuple(StagedFile(s, f) for s, f in doc.get("quarantine", [])),
            partitions=tuple((tuple(p["values"]), p["location"]) for p in doc.get("partitions", [])),
            raw=tuple((k, e) for k, e in doc.get("raw", [])),
        )

    @property
    def output_files(self) -> list[str]:
        return [f.final for f in self.processed]

    @property
    def quarantine_files(self) -> list[str]:
        return [f.final for f in self.quarantine]


def processed_commit_files(staged: Sequence[str], staging_prefix: str, processed_path: str, run_id: str,
                           partition_keys: Sequence[str]) -> tuple[list[StagedFile], list[tuple[tuple[str, ...], str]]]:
    """Maps Spark's part files (under <staging>/<k1>=<v1>/.../part-*) to part-<run>-<n>.parquet in the
    same partition folders of the processed zone, and lists those partitions with their values."""
    staging_prefix = ensure_trailing_slash(staging_prefix)
    processed_path = ensure_trailing_slash(processed_path)
    files: list[StagedFile] = []
    partitions: dict[str, tuple[str, ...]] = {}
    for index, uri in enumerate(sorted(u for u in staged if is_data_file(u))):
        if not uri.startswith(staging_prefix):
            raise LedgerError(f"{uri} is not under the run's staging prefix {staging_prefix}")
        folders = uri[len(staging_prefix):].split("/")[:-1]
        values = []
        for key, folder in zip(partition_keys, folders):
            name, sep, value = folder.partition("=")
            if not sep or name != key:
                raise LedgerError(f"{uri}: expected partition folder '{key}=<value>', found '{folder}'")
            values.append(unquote(value))
        if len(folders) != len(partition_keys):
            raise LedgerError(f"{uri}: expected {len(partition_keys)} partition folder(s) {list(partition_keys)}")
        relative = "".join(f + "/" for f in folders)
        files.append(StagedFile(uri, f"{processed_path}{relative}{processed_file_name(run_id, index)}"))
        partitions.setdefault(relative, tuple(values))
    return files, [(values, processed_path + relative) for relative, values in sorted(partitions.items())]


def quarantine_commit_files(staged: Sequence[str], quarantine_path: str, run_id: str) -> list[StagedFile]:
    prefix = quarantine_run_prefix(quarantine_path, run_id)
    parts = sorted(u for u in staged if is_data_file(u))
    return [StagedFile(uri, prefix + quarantine_file_name(i)) for i, uri in enumerate(parts)]


def done_marker_name(done_root_key: str, key: str, etag: str) -> str:
    """<raw key>@<ETag>: a listing of the done markers says which content of which key is done, with no
    GET per marker. A key too long to carry under the prefix is named by its SHA-256 instead."""
    name = f"{key}@{etag}"
    if len((done_root_key + name).encode("utf-8")) > MAX_KEY_BYTES:
        name = f"_long/{hashlib.sha256(key.encode('utf-8')).hexdigest()}@{etag}"
    return name


@dataclass
class Ledger:
    store: S3Store
    args: JobArgs
    run_id: str
    catalog: CatalogPort
    log: Callable[[str], None] = print
    ignored: list[str] = field(default_factory=list)

    # ---- this run -------------------------------------------------------------------------------
    def open(self, now: datetime) -> None:
        """Marks the run as one that may leave staging behind, before anything is staged."""
        body = {"run_id": self.run_id, "opened_at": now.astimezone(timezone.utc).isoformat()}
        self.store.put(pending_marker_uri(self.args.run_summary_path, self.run_id), json.dumps(body).encode("utf-8"))

    def close(self) -> None:
        self.store.delete([pending_marker_uri(self.args.run_summary_path, self.run_id)])

    def staging(self, run_id: Optional[str] = None) -> tuple[str, str]:
        run_id = run_id or self.run_id
        return (processed_staging_prefix(self.args.processed_path, self.args.dataset, run_id),
                quarantine_staging_prefix(self.args.quarantine_path, run_id))

    def _discard_staging(self, run_id: str) -> None:
        for prefix in self.staging(run_id):
            self.store.delete_prefix(prefix)

    def _done_marker_uri(self, key: str, etag: str) -> str:
        done_root = done_prefix(self.args.run_summary_path)
        return done_root + done_marker_name(split_s3_uri(done_root)[1], key, etag)

    def new_raw_objects(self) -> list[StoredObject]:
        """Raw objects of the dataset no committed run has processed, in key order. An object replaced
        with other content since (a new ETag) is new again: it is processed as a new version."""
        done = {o.uri for o in self.store.list(done_prefix(self.args.run_summary_path))}
        done_keys = {uri.rsplit("@", 1)[0] for uri in done}
        fresh, self.ignored = [], []
        for obj in sorted(self.store.list(self.args.raw_path), key=lambda o: o.uri):
            key = raw_key(obj.uri)
            name = key.rsplit("/", 1)[-1]
            if not _RAW_LAYOUT.match(key) or name.startswith(("_", ".")) or name.endswith(_TEMPORARY_SUFFIXES):
                self.ignored.append(key)
                continue
            marker = self._done_marker_uri(key, obj.etag)
            if marker in done:
                continue
            if marker.rsplit("@", 1)[0] in done_keys:
                self.log(f"{key} was replaced after it was processed: its new content is processed as a new version")
            fresh.append(obj)
        if self.ignored:
            self.log(f"ignored {len(self.ignored)} object(s) outside the raw layout <dataset>/ingest_date=YYYY-MM-DD/<name> "
                     f"(glue-trigger dead-letters them), first: {self.ignored[0]}")
        return fresh

    def plan_commit(self, partition_keys: Sequence[str], raw: Sequence[StoredObject]) -> CommitPlan:
        processed_staging, quarantine_staging = self.staging()
        processed, partitions = processed_commit_files(
            [o.uri for o in self.store.list(processed_staging)], processed_staging, self.args.processed_path,
            self.run_id, partition_keys)
        quarantine = quarantine_commit_files([o.uri for o in self.store.list(quarantine_staging)],
                                             self.args.quarantine_path, self.run_id)
        return CommitPlan(tuple(processed), tuple(quarantine), tuple(partitions),
                          tuple((raw_key(o.uri), o.etag) for o in raw))

    def commit(self, record_json: str) -> None:
        """The commit point: one PutObject of the run record."""
        self.store.put(run_summary_uri(self.args.run_summary_path, self.run_id), record_json.encode("utf-8"))

    # ---- any committed run ----------------------------------------------------------------------
    def publish(self, run_id: str, plan: CommitPlan) -> None:
        """Makes a committed run's output visible; safe to repeat after a failure at any point. A final
        file that exists is complete (a copy is atomic per key), so a repeat copies only what is missing."""
        for f in plan.processed + plan.quarantine:
            if self.store.exists(f.final):
                continue
            if not self.store.exists(f.staged):
                raise LedgerError(f"run {run_id} is committed but neither {f.staged} nor {f.final} exists")
            self.store.copy(f.staged, f.final)
        if plan.partitions:
            self.catalog.publish(plan.partitions)
        for key, etag in plan.raw:
            self.store.put(self._done_marker_uri(key, etag), b"", content_type="application/octet-stream")
        self._discard_staging(run_id)

    def recover(self) -> list[str]:
        """Finishes or discards what earlier runs left: returns the runs whose publication it finished."""
        finished = []
        for marker in self.store.list(pending_prefix(self.args.run_summary_path)):
            run_id = marker.uri.rsplit("/", 1)[-1].removesuffix(".json")
            if run_id == self.run_id:
                continue
            text = self.store.read_text_or_none(run_summary_uri(self.args.run_summary_path, run_id))
            record = json.loads(text) if text else None
            if record and record.get("state") == SUCCEEDED and "commit" in record:
                self.publish(run_id, CommitPlan.from_json(record["commit"]))
                finished.append(run_id)
                self.log(f"finished publishing committed run {run_id}")
            else:
                self._discard_staging(run_id)
                self.log(f"discarded the staging of uncommitted run {run_id}")
            self.store.delete([marker.uri])
        return finished
