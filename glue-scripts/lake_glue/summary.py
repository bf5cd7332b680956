"""The run summary: what one ETL run did, written as JSON for the ops notifier (C#, RunSummary.cs)
and anyone looking at the lake. Field names and types match that reader exactly."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Optional

SUMMARY_FIELDS = (
    "dataset",
    "run_id",
    "state",
    "rows_in",
    "rows_out",
    "rows_quarantined",
    "raw_objects",
    "objects_quarantined",
    "bytes_in",
    "schema_version",
    "started_at",
    "finished_at",
    "duration_seconds",
    "output_files",
    "drift",
    "error",
)
# The Glue job's additions, after the fields every reader knows: the quarantine files it published and
# its commit plan (lake_glue.ledger), which a later run reads to finish a publication.
OPTIONAL_FIELDS = ("quarantine_files", "commit")
# The local lake's additions, which RunSummary.cs reads as optional (absent from a Glue summary: not counted):
# blank_lines, the lines holding nothing that its readers skip (Spark's CSV and JSON readers skip them too), and
# lines_in_values, the line breaks inside quoted CSV values (a row over three lines is one row and two such lines).
LOCAL_FIELDS = ("blank_lines", "lines_in_values")
SUCCEEDED = "SUCCEEDED"
FAILED = "FAILED"
# An email-sized error: Spark analysis errors can carry a whole query plan.
MAX_ERROR_CHARS = 2000


class InvariantError(ValueError):
    """rows_in != rows_out + rows_quarantined: some rows were lost or counted twice."""


@dataclass(frozen=True)
class RunCounts:
    rows_in: int = 0
    rows_out: int = 0
    rows_quarantined: int = 0
    raw_objects: tuple[str, ...] = field(default=())


def check_counts(rows_in: int, rows_out: int, rows_quarantined: int) -> None:
    """The lake's one promise about rows: every row read is either written or quarantined, once."""
    for name, value in (("rows_in", rows_in), ("rows_out", rows_out), ("rows_quarantined", rows_quarantined)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvariantError(f"{name} must be a non-negative integer, found {value!r}")
    if rows_in != rows_out + rows_quarantined:
        raise InvariantError(
            f"rows_in ({rows_in}) != rows_out ({rows_out}) + rows_quarantined ({rows_quarantined}): "
            f"{rows_in - rows_out - rows_quarantined:+d} row(s) unaccounted for; the plan's SQL must "
            "return exactly one row per raw row"
        )


def iso_utc(moment: datetime) -> str:
    """ISO-8601 in UTC with a Z, to the millisecond: 2024-05-01T12:00:00.123Z."""
    if moment.tzinfo is None:
        raise ValueError("timestamps in the run summary must be timezone-aware")
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def error_text(error: BaseException) -> str:
    """'<Type>: <message>', cut to MAX_ERROR_CHARS."""
    text = f"{type(error).__name__}: {error}".strip()
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"


def build_summary(
    dataset: str,
    run_id: str,
    state: str,
    started_at: datetime,
    finished_at: datetime,
    counts: RunCounts = RunCounts(),
    schema_version: int = 1,
    output_files: Iterable[str] = (),
    drift: Iterable[str] = (),
    error: Optional[str] = None,
    bytes_in: int = 0,
    objects_quarantined: Iterable[str] = (),
) -> dict:
    """The summary as a dict in SUMMARY_FIELDS order. Raises InvariantError on unbalanced counts.

    raw_objects and objects_quarantined are lists of raw zone keys, as RunSummary.cs reads them
    (a number there would make the notifier drop the whole summary); their length is the count."""
    if state not in (SUCCEEDED, FAILED):
        raise ValueError(f"state must be {SUCCEEDED} or {FAILED}, found {state!r}")
    if state == FAILED and not error:
        raise ValueError("a FAILED summary needs the error that failed the run")
    if state == SUCCEEDED and error:
        raise ValueError("a SUCCEEDED summary has no error")
    check_counts(counts.rows_in, counts.rows_out, counts.rows_quarantined)
    duration = (finished_at - started_at).total_seconds()
    return {
        "dataset": dataset,
        "run_id": run_id,
        "state": state,
        "rows_in": counts.rows_in,
        "rows_out": counts.rows_out,
        "rows_quarantined": counts.rows_quarantined,
        "raw_objects": sorted(set(counts.raw_objects)),
        "objects_quarantined": sorted(set(objects_quarantined)),
        "bytes_in": int(bytes_in),
        "schema_version": int(schema_version),
        "started_at": iso_utc(started_at),
        "finished_at": iso_utc(finished_at),
        "duration_seconds": round(max(duration, 0.0), 3),
        "output_files": list(output_files),
        "drift": list(drift),
        "error": error,
    }


def to_json(summary: dict) -> str:
    """Indented UTF-8 JSON, fields in their documented order."""
    missing = [f for f in SUMMARY_FIELDS if f not in summary]
    if missing:
        raise ValueError("run summary lacks field(s): " + ", ".join(missing))
    ordered = {f: summary[f] for f in SUMMARY_FIELDS}
    ordered.update({f: summary[f] for f in OPTIONAL_FIELDS if f in summary})
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
