"""The typing plan: the Spark rendering of a dataset contract that the build uploads beside the job.

The job trusts nothing in it until checked: a wrong engine, an unknown version or a missing field
stops the run before any data is read, with the field named.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

SUPPORTED_PLAN_VERSIONS = (1,)
ENGINE = "spark"

# Columns the job adds to the source view. A plan that passes them through its SELECT lets the job
# quarantine rows with their raw text and list the raw objects it read; without them the job still
# runs, quarantining the plan's output columns instead.
RAW_OBJECT_COLUMN = "_raw_object"
RAW_VALUES_COLUMN = "_raw_values"
JOB_COLUMNS = (RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN)
# Where the job keeps a line the reader could not split into the header's fields (Spark's corrupt-record
# column, renamed); such rows are quarantined as they are and never reach the plan's SQL.
MALFORMED_COLUMN = "_raw_malformed"

# Every field the job reads; others are ignored so a newer renderer can add fields safely.
PLAN_FIELDS = ("dataset", "engine", "plan_version", "source_view", "sql", "reason_column", "partition_keys",
               "columns", "schema_version", "pass_through", "source_columns", "source_format")
SOURCE_TYPES = ("csv", "jsonl")  # the contract's format.type values

_VIEW_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class PlanError(ValueError):
    """The plan cannot be used; the message names the plan's location and the offending field."""


@dataclass(frozen=True)
class PlannedColumn:
    name: str
    type: str


@dataclass(frozen=True)
class SourceFormat:
    """How the raw objects are read: the contract's format (CSV with a header row, or JSON lines)."""

    type: str = "csv"
    delimiter: str = ","


@dataclass(frozen=True)
class TypingPlan:
    dataset: str
    plan_version: int
    source_view: str
    sql: str
    reason_column: str
    partition_keys: tuple[str, ...]
    columns: tuple[PlannedColumn, ...]
    schema_version: int = 1
    pass_through: tuple[str, ...] = field(default=())
    source_columns: tuple[str, ...] = field(default=())
    source_format: SourceFormat = field(default=SourceFormat())

    @property
    def has_raw_values(self) -> bool:
        return RAW_VALUES_COLUMN in self.pass_through

    @property
    def has_raw_object(self) -> bool:
        return RAW_OBJECT_COLUMN in self.pass_through


def load_plan(text: str, source: str = "plan", expected_dataset: Optional[str] = None) -> TypingPlan:
    """Parses and checks a plan document; `source` (its URI) prefixes every error."""
    try:
        doc = json.loads(text)
    except (TypeError, ValueError) as e:
        raise PlanError(f"{source}: not valid JSON ({e})") from None
    if not isinstance(doc, dict):
        raise PlanError(f"{source}: expected a JSON object, found {type(doc).__name__}")

    def fail(name: str, problem: str) -> PlanError:
        return PlanError(f"{source}: field '{name}' {problem}")

    def required(name: str, kind: type) -> Any:
        if name not in doc or doc[name] is None:
            raise fail(name, "is required")
        value = doc[name]
        # bool is an int in Python; a plan_version of true is still wrong.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise fail(name, f"must be {_kind_name(kind)}, found {json.dumps(value)}")
        if kind is str and not value.strip():
            raise fail(name, "must not be empty")
        return value

    engine = required("engine", str)
    if engine != ENGINE:
        raise fail("engine", f"is '{engine}' but this job runs '{ENGINE}' plans: upload the Spark rendering")
    version = required("plan_version", int)
    if version not in SUPPORTED_PLAN_VERSIONS:
        supported = ", ".join(str(v) for v in SUPPORTED_PLAN_VERSIONS)
        raise fail("plan_version", f"is {version}; this job supports {supported}: deploy the matching job script")
    dataset = required("dataset", str)
    if expected_dataset is not None and dataset != expected_dataset:
        raise fail("dataset", f"is '{dataset}' but the job runs dataset '{expected_dataset}': check --plan_uri")
    view = required("source_view", str)
    if not _VIEW_NAME.match(view):
        raise fail("source_view", f"'{view}' is not a view name (letters, digits, underscores)")
    sql = required("sql", str)
    if not re.search(r"\b" + re.escape(view) + r"\b", sql, re.IGNORECASE):
        raise fail("sql", f"does not read the source view '{view}'")
    reason = required("reason_column", str)

    keys = required("partition_keys", list)
    for i, key in enumerate(keys):
        if not isinstance(key, str) or not key.strip():
            raise fail(f"partition_keys[{i}]", "must be a non-empty string")
    _no_duplicates(keys, "partition_keys", fail)

    columns = []
    for i, col in enumerate(required("columns", list)):
        if not isinstance(col, dict):
            raise fail(f"columns[{i}]", "must be an object with 'name' and 'type'")
        for part in ("name", "type"):
            if not isinstance(col.get(part), str) or not col[part].strip():
                raise fail(f"columns[{i}].{part}", "is required and must be a non-empty string")
        columns.append(PlannedColumn(col["name"], col["type"]))
    if not columns:
        raise fail("columns", "must list at least one column")
    _no_duplicates([c.name for c in columns], "columns", fail)
    if reason.casefold() in {c.name.casefold() for c in columns} | {k.casefold() for k in keys}:
        raise fail("reason_column", f"'{reason}' is also a data column or partition key")

    schema_version = doc.get("schema_version", 1)
    if schema_version is None:
        schema_version = 1
    if not isinstance(schema_version, int) or isinstance(schema_version, bool) or schema_version < 1:
        raise fail("schema_version", f"must be a positive integer, found {json.dumps(schema_version)}")

    pass_through = doc.get("pass_through") or []
    if not isinstance(pass_through, list) or any(p not in JOB_COLUMNS for p in pass_through):
        raise fail("pass_through", f"may only list {', '.join(JOB_COLUMNS)}, found {json.dumps(pass_through)}")

    sources = doc.get("source_columns") or []
    if not isinstance(sources, list):
        raise fail("source_columns", f"must be a list of raw column names, found {json.dumps(sources)}")
    for i, name in enumerate(sources):
        if not isinstance(name, str) or not name.strip():
            raise fail(f"source_columns[{i}]", "must be a non-empty string")

    source_format = _source_format(doc.get("source_format"), fail)

    return TypingPlan(
        dataset=dataset,
        plan_version=version,
        source_view=view,
        sql=sql,
        reason_column=reason,
        partition_keys=tuple(keys),
        columns=tuple(columns),
        schema_version=schema_version,
        pass_through=tuple(dict.fromkeys(pass_through)),
        source_columns=tuple(sources),
        source_format=source_format,
    )


def _source_format(doc: Any, fail) -> SourceFormat:
    """Plans rendered before the field existed are CSV with a comma, the only format they served."""
    if doc is None:
        return SourceFormat()
    if not isinstance(doc, dict):
        raise fail("source_format", f"must be an object like {{\"type\": \"csv\"}}, found {json.dumps(doc)}")
    kind = doc.get("type")
    if kind not in SOURCE_TYPES:
        raise fail("source_format.type", f"must be one of {', '.join(SOURCE_TYPES)}, found {json.dumps(kind)}")
    if kind == "csv" and doc.get("header", True) is not True:
        raise fail("source_format.header", "must be true: the job reads column names from each CSV file's header row")
    delimiter = doc.get("delimiter", ",")
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in "\"\r\n":
        raise fail("source_format.delimiter", f"must be one character other than a quote or line break, found {json.dumps(delimiter)}")
    return SourceFormat(kind, delimiter)


def missing_source_columns(plan: TypingPlan, raw_columns: Iterable[str]) -> list[str]:
    """Source columns the plan reads that this batch of raw files lacks. The job adds them as NULL
    text, so one rendering serves files with and without optional columns (Spark would otherwise fail
    to resolve the name); a missing required column then quarantines its rows as missing values."""
    present = {c.casefold() for c in raw_columns}
    missing: dict[str, str] = {}
    for name in plan.source_columns:
        if name.casefold() not in present:
            missing.setdefault(name.casefold(), name)
    return list(missing.values())


def check_output_columns(plan: TypingPlan, output_columns: Iterable[str]) -> None:
    """The SQL's result must carry what the plan promises; checked before anything is written so a
    plan/SQL mismatch fails the run instead of writing a partial table. Spark resolves names
    case-insensitively, and so does this check."""
    present = {c.casefold() for c in output_columns}
    expected = [plan.reason_column, *plan.partition_keys, *(c.name for c in plan.columns), *plan.pass_through]
    missing = [name for name in dict.fromkeys(expected) if name.casefold() not in present]
    if missing:
        raise PlanError(
            f"the plan's sql for dataset '{plan.dataset}' does not return column(s) "
            + ", ".join(missing) + ": re-render the plan from the contract"
        )


def good_row_columns(plan: TypingPlan, output_columns: Iterable[str]) -> list[str]:
    """The columns written to the processed zone: the SQL's result minus the reason and job columns."""
    dropped = {plan.reason_column.casefold(), *(c.casefold() for c in plan.pass_through)}
    return [c for c in output_columns if c.casefold() not in dropped]


def _no_duplicates(names: list, field_name: str, fail) -> None:
    seen = set()
    for name in names:
        if name.casefold() in seen:
            raise fail(field_name, f"lists '{name}' twice")
        seen.add(name.casefold())


def _kind_name(kind: type) -> str:
    return {str: "a string", int: "an integer", list: "a list"}.get(kind, kind.__name__)
