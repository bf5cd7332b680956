"""One ETL run, in order, over injected collaborators: etl_job.py passes Glue and Spark, tests pass
fakes. Every run ends with a summary; only a successful one commits the bookmark."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Optional, Protocol, Sequence

from lake_glue.args import JobArgs, resolve_run_id
from lake_glue.paths import quarantine_run_prefix, raw_object_key, run_summary_uri
from lake_glue.plan import TypingPlan, check_output_columns, good_row_columns, load_plan
from lake_glue.summary import FAILED, SUCCEEDED, RunCounts, build_summary, check_counts, error_text, to_json


class JobIO(Protocol):
    """What the run needs from the outside world. Frames are opaque here (Spark DataFrames in Glue)."""

    def read_plan(self, uri: str) -> str: ...
    def read_raw(self, plan: TypingPlan) -> Any: ...
    def is_empty(self, raw: Any) -> bool: ...
    def run_sql(self, raw: Any, plan: TypingPlan) -> Any: ...
    def output_columns(self, typed: Any) -> Sequence[str]: ...
    def count(self, typed: Any, plan: TypingPlan) -> RunCounts: ...
    def write_good(self, typed: Any, plan: TypingPlan, columns: Sequence[str]) -> Sequence[str]:
        """Writes the good rows; returns the files written when known (Glue's sink does not say)."""
    def write_bad(self, typed: Any, plan: TypingPlan, columns: Sequence[str], run_prefix: str) -> Sequence[str]: ...
    def put_summary(self, uri: str, body: str) -> None: ...
    def commit(self) -> None: ...


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def run_job(args: JobArgs, io: JobIO, clock: Callable[[], datetime] = _utc_now,
            log: Callable[[str], None] = print) -> dict:
    """Runs the dataset's typing plan over the raw rows that are new since the bookmark.

    Good rows go to the processed zone, bad rows to the quarantine zone, then the summary is written
    and the bookmark committed. On any error a FAILED summary is written and the error re-raised, so
    Glue marks the run failed and the next run reads the same raw objects again."""
    started = clock()
    run_id = resolve_run_id(args, started)
    summary_uri = run_summary_uri(args.run_summary_path, run_id)
    plan: Optional[TypingPlan] = None
    try:
        plan = load_plan(io.read_plan(args.plan_uri), source=args.plan_uri, expected_dataset=args.dataset)
        raw = io.read_raw(plan)
        counts, output_files = RunCounts(), []
        # No new raw objects since the bookmark: Glue hands back a frame without columns, which the
        # plan's SQL cannot even resolve; this is a normal, successful run.
        if not io.is_empty(raw):
            typed = io.run_sql(raw, plan)
            columns = list(io.output_columns(typed))
            check_output_columns(plan, columns)
            measured = io.count(typed, plan)
            check_counts(measured.rows_in, measured.rows_out, measured.rows_quarantined)
            keys = (raw_object_key(uri) for uri in measured.raw_objects)
            counts = RunCounts(measured.rows_in, measured.rows_out, measured.rows_quarantined,
                               tuple(sorted({k for k in keys if k})))
            log(f"{args.dataset} run {run_id}: {counts.rows_in} rows in, {counts.rows_out} out, "
                f"{counts.rows_quarantined} quarantined, {len(counts.raw_objects)} raw objects")
            good = good_row_columns(plan, columns)
            # Quarantine first, processed last: the processed write is then followed only by the summary
            # and the bookmark, so a failure rarely leaves processed rows a retry would write again. What
            # a failed run quarantined stays under its own run= prefix, which its FAILED summary names.
            if counts.rows_quarantined:
                io.write_bad(typed, plan, good, quarantine_run_prefix(args.quarantine_path, run_id))
            if counts.rows_out:
                output_files = list(io.write_good(typed, plan, good))
        summary = build_summary(args.dataset, run_id, SUCCEEDED, started, clock(), counts,
                                schema_version=plan.schema_version, output_files=output_files)
        io.put_summary(summary_uri, to_json(summary))
        io.commit()
        return summary
    except Exception as error:
        # Zero counts: a failed run commits no bookmark, so its rows are read again by the next run
        # and counted there.
        failed = build_summary(args.dataset, run_id, FAILED, started, clock(),
                               schema_version=plan.schema_version if plan else 1, error=error_text(error))
        try:
            io.put_summary(summary_uri, to_json(failed))
        except Exception as put_error:  # the run's own error matters more; keep it as the one raised
            log(f"could not write the FAILED run summary to {summary_uri}: {error_text(put_error)}")
        raise
