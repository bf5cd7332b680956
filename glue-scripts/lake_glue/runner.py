"""One ETL run, in order, over injected collaborators: etl_job.py passes Spark, S3 and Glue; tests pass
fakes that follow AWS's documented behaviour. Every run ends with a run record; output becomes visible
only through the ledger's commit (see lake_glue.ledger)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Callable, Optional, Protocol, Sequence

from lake_glue.args import JobArgs, resolve_run_id
from lake_glue.ledger import CommitPlan, Ledger
from lake_glue.paths import raw_key, run_summary_uri
from lake_glue.plan import PlanError, TypingPlan, check_output_columns, good_row_columns, load_plan
from lake_glue.raw_objects import RawGroup, group_raw_objects
from lake_glue.store import S3Store
from lake_glue.summary import FAILED, SUCCEEDED, RunCounts, build_summary, check_counts, error_text, to_json


class Frames(Protocol):
    """The Spark side. Frames are opaque here (Spark DataFrames in Glue)."""

    def read_raw(self, groups: Sequence[RawGroup], plan: TypingPlan) -> Any: ...
    def count_rows(self, raw: Any) -> int: ...
    def run_sql(self, raw: Any, plan: TypingPlan) -> Any: ...
    def output_columns(self, typed: Any) -> Sequence[str]: ...
    def count(self, typed: Any, plan: TypingPlan) -> RunCounts: ...
    def stage_good(self, typed: Any, plan: TypingPlan, columns: Sequence[str], staging_uri: str) -> None: ...
    def stage_bad(self, typed: Any, plan: TypingPlan, columns: Sequence[str], staging_uri: str) -> None: ...


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def run_job(args: JobArgs, frames: Frames, store: S3Store, ledger_factory: Callable[[str], Ledger],
            clock: Callable[[], datetime] = _utc_now, log: Callable[[str], None] = print) -> dict:
    """Runs the dataset's typing plan over the raw objects no committed run has processed.

    Order: open a pending marker; finish or discard what earlier runs left; list new raw objects; read
    them as text; type; count (rows in = out + quarantined, or nothing is written); stage good and bad
    rows; write the run record (the commit point); publish (copies, partitions, done markers); close.
    A failure before the commit point writes a FAILED record and re-raises (Glue marks the run failed;
    the next run discards the staging and reads the same objects). A failure after it re-raises
    without touching the record: the next run finishes the publication instead of redoing the work."""
    started = clock()
    run_id = resolve_run_id(args, started)
    ledger = ledger_factory(run_id)
    summary_uri = run_summary_uri(args.run_summary_path, run_id)
    plan: Optional[TypingPlan] = None
    committed = False
    try:
        ledger.open(started)
        ledger.recover()
        plan_text = store.read_text_or_none(args.plan_uri)
        if plan_text is None:
            raise PlanError(f"{args.plan_uri}: the typing plan does not exist; run the build's Upload step")
        plan = load_plan(plan_text, source=args.plan_uri, expected_dataset=args.dataset)
        ledger.catalog.check([c.name for c in plan.columns], plan.partition_keys)
        objects = ledger.new_raw_objects()
        counts, commit = RunCounts(), CommitPlan()
        groups, unreadable, vanished = group_raw_objects(store, objects, plan.source_format)
        if vanished:
            # Deleted since the listing: nothing to read, and nothing is marked done for them.
            log(f"{len(vanished)} raw object(s) vanished after the listing, first: {raw_key(vanished[0])}")
            gone = set(vanished)
            objects = [o for o in objects if o.uri not in gone]
        processed_staging, quarantine_staging = ledger.staging()
        if groups:
            raw = frames.read_raw(groups, plan)
            rows_in = frames.count_rows(raw)
            typed = frames.run_sql(raw, plan)
            columns = list(frames.output_columns(typed))
            check_output_columns(plan, columns)
            measured = frames.count(typed, plan)
            check_counts(rows_in, measured.rows_out, measured.rows_quarantined)
            counts = RunCounts(rows_in, measured.rows_out, measured.rows_quarantined)
            good = good_row_columns(plan, columns)
            if counts.rows_quarantined:
                frames.stage_bad(typed, plan, good, quarantine_staging)
            if counts.rows_out:
                frames.stage_good(typed, plan, good, processed_staging)
        if unreadable:
            # Quarantined whole, in the bad-row shape, so one reader serves both; marked done like the rest.
            # Written after Spark's staging, whose overwrite mode would replace the folder.
            lines = "".join(json.dumps({"raw_object": uri, "reason": reason, "values": {}}) + "\n"
                            for uri, reason in unreadable)
            store.put(quarantine_staging + "part-unreadable-objects.json", lines.encode("utf-8"),
                      content_type="application/x-ndjson")
            log(f"quarantined {len(unreadable)} unreadable object(s), first: {unreadable[0][1]}")
        # Every run commits, an empty one too: its record is how the ledger marks its objects done.
        commit = ledger.plan_commit(plan.partition_keys, objects)
        counts = RunCounts(counts.rows_in, counts.rows_out, counts.rows_quarantined,
                           tuple(raw_key(o.uri) for o in objects))
        log(f"{args.dataset} run {run_id}: {len(objects)} raw objects, {counts.rows_in} rows in, "
            f"{counts.rows_out} out, {counts.rows_quarantined} quarantined")
        summary = build_summary(args.dataset, run_id, SUCCEEDED, started, clock(), counts,
                                schema_version=plan.schema_version, output_files=commit.output_files,
                                bytes_in=sum(o.size for o in objects),
                                objects_quarantined=[raw_key(uri) for uri, _ in unreadable])
        summary["quarantine_files"] = commit.quarantine_files
        summary["commit"] = commit.to_json()
        ledger.commit(to_json(summary))
        committed = True
        ledger.publish(run_id, commit)
        ledger.close()
        return summary
    except Exception as error:
        if committed:
            log(f"run {run_id} is committed but its publication stopped ({error_text(error)}); "
                "the next run of the dataset finishes it")
            raise
        failed = build_summary(args.dataset, run_id, FAILED, started, clock(),
                               schema_version=plan.schema_version if plan else 1, error=error_text(error))
        try:
            store.put(summary_uri, to_json(failed).encode("utf-8"))
        except Exception as put_error:  # the run's own error matters more; keep it as the one raised
            log(f"could not write the FAILED run record to {summary_uri}: {error_text(put_error)}")
        raise
