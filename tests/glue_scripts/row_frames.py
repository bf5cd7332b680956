"""A model of the job's Spark side over plain Python rows (not a test module: discover skips it).

It reads raw objects from FakeS3 as Spark is configured to (CSV: the group's header as an all-string
schema, RFC 4180 quoting, empty field -> NULL, a record whose field count differs from the header ->
the corrupt-record column; JSON lines: primitives as text, an unparseable line -> corrupt), types rows
with a Python function standing in for the plan's SQL (there is no Spark here: the SQL itself is
checked by the golden cases and the Glue-image smoke test), and writes output like Spark's file
writer: one part file per task into partition folders, each file put on its own, so a failure part
way leaves the finished tasks' files behind (no atomic multi-file write; "Amazon S3 data consistency
model"). Part files hold JSON lines instead of Parquet so tests can read them back.
"""

import csv
import io
import json
import uuid
from urllib.parse import quote

from lake_glue.plan import RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN
from lake_glue.summary import RunCounts

MALFORMED = "_raw_malformed"


def split_uri(uri):
    bucket, _, key = uri[len("s3://"):].partition("/")
    return bucket, key


class RowTyped:
    def __init__(self, rows, malformed):
        self.rows, self.malformed = rows, malformed


class RowFrames:
    """Frames over lists of dicts. `type_row(raw: dict) -> (typed: dict, reason or None)` stands in for
    the plan; `rows_per_part` is how many rows one task writes."""

    def __init__(self, s3, type_row, column_types, rows_per_part=2):
        self.s3, self.type_row, self.types, self.rows_per_part = s3, type_row, dict(column_types), rows_per_part
        self.sql_runs = 0

    def _read(self, uri, group):
        bucket, key = split_uri(uri)
        text = self.s3.objects[(bucket, key)].decode("utf-8").lstrip("\ufeff")
        rows = []
        if group.source_format.type == "csv":
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=group.source_format.delimiter))
            for record in records[1:]:
                if record == []:
                    continue
                if len(record) != len(group.columns):
                    rows.append({MALFORMED: group.source_format.delimiter.join(record)})
                    continue
                rows.append({c: (v if v != "" else None) for c, v in zip(group.columns, record)})
        else:
            for line in text.splitlines():
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line, parse_int=str, parse_float=str)
                    rows.append({k: (v if v is None or isinstance(v, str) else json.dumps(v)) for k, v in doc.items()})
                except ValueError:
                    rows.append({MALFORMED: line})
        for row in rows:
            row[RAW_OBJECT_COLUMN] = uri
            row[RAW_VALUES_COLUMN] = {k: v for k, v in row.items() if not k.startswith("_")}
            row.setdefault(MALFORMED, None)
        return rows

    def read_raw(self, groups, plan):
        return [row for g in groups for uri in g.uris for row in self._read(uri, g)]

    def count_rows(self, raw):
        return len(raw)

    def run_sql(self, raw, plan):
        self.sql_runs += 1
        typed = []
        for row in raw:
            if row[MALFORMED] is not None:
                continue
            values, reason = self.type_row(row)
            typed.append({**values, plan.reason_column: reason,
                          **{c: row[c] for c in plan.pass_through}})
        return RowTyped(typed, [r for r in raw if r[MALFORMED] is not None])

    def output_columns(self, typed):
        return list(typed.rows[0].keys()) if typed.rows else []

    def count(self, typed, plan):
        out = sum(1 for r in typed.rows if r[plan.reason_column] is None)
        bad = len(typed.rows) - out + len(typed.malformed)
        return RunCounts(out + bad, out, bad)

    def column_types(self, typed, columns):
        return [(c, self.types[c]) for c in columns]

    def _write_parts(self, staging_uri, groups, extension):
        bucket, prefix = split_uri(staging_uri)
        job = uuid.uuid4().hex[:8]
        task = 0
        for folder, rows in sorted(groups.items()):
            for i in range(0, len(rows), self.rows_per_part):
                body = "".join(json.dumps(r, sort_keys=True) + "\n" for r in rows[i:i + self.rows_per_part])
                name = f"part-{task:05d}-{job}.c000{extension}"
                self.s3.put_object(Bucket=bucket, Key=prefix + folder + name, Body=body.encode("utf-8"))
                task += 1
        self.s3.put_object(Bucket=bucket, Key=prefix + "_SUCCESS", Body=b"")

    def stage_good(self, typed, plan, columns, staging_uri):
        groups = {}
        for r in typed.rows:
            if r[plan.reason_column] is not None:
                continue
            folder = "".join(f"{k}={quote(str(r[k]), safe='')}/" for k in plan.partition_keys)
            groups.setdefault(folder, []).append({c: r[c] for c in columns if c not in plan.partition_keys})
        self._write_parts(staging_uri, groups, ".snappy.parquet")

    def stage_bad(self, typed, plan, columns, staging_uri):
        bad = [{"raw_object": r[RAW_OBJECT_COLUMN], "reason": r[plan.reason_column], "values": r[RAW_VALUES_COLUMN]}
               for r in typed.rows if r[plan.reason_column] is not None]
        bad += [{"raw_object": r[RAW_OBJECT_COLUMN], "reason": "malformed record", "values": {"_line": r[MALFORMED]}}
                for r in typed.malformed]
        self._write_parts(staging_uri, {"": bad}, ".json")
