"""A model of the job's Spark side over plain Python rows (not a test module: discover skips it).

It reads raw objects from FakeS3 as Spark is configured to (CSV, read line by line with multiLine off:
blank lines skipped, the first other line is the header and dropped, the group's header as an
all-string schema, RFC 4180 quoting, empty field -> NULL, a line whose field count differs from the
header -> the corrupt-record column; bytes that are not UTF-8 become U+FFFD as Spark's decoder makes
them; JSON lines: primitives as text, a line that is not one JSON object -> corrupt), types rows
with a Python function standing in for the plan's SQL (there is no Spark here: the SQL itself is
checked by the golden cases and the Glue-image smoke test), and writes output like Spark's file
writer: one part file per task into partition folders, each file put on its own, so a failure part
way leaves the finished tasks' files behind (no atomic multi-file write; "Amazon S3 data consistency
model"). Part files hold JSON lines instead of Parquet so tests can read them back.
"""

import csv
import gzip
import io
import json
import re
import uuid
from urllib.parse import quote

from lake_glue.plan import MALFORMED_COLUMN as MALFORMED, RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN
from lake_glue.summary import RunCounts


def split_uri(uri):
    bucket, _, key = uri[len("s3://"):].partition("/")
    return bucket, key


class RowTyped:
    def __init__(self, rows, malformed):
        self.rows, self.malformed = rows, malformed


class RowFrames:
    """Frames over lists of dicts. `type_row(raw: dict) -> (typed: dict, reason or None)` stands in for
    the plan; `rows_per_part` is how many rows one task writes."""

    def __init__(self, s3, type_row, rows_per_part=2):
        self.s3, self.type_row, self.rows_per_part = s3, type_row, rows_per_part
        self.sql_runs = 0

    def _read(self, uri, group):
        bucket, key = split_uri(uri)
        data = self.s3.objects[(bucket, key)]
        if key.endswith(".gz"):  # Hadoop picks the gzip codec by the name's extension
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
        lines = [line for line in re.split(r"\r\n|\n|\r", text) if line.strip()]
        rows = []
        if group.source_format.type == "csv":
            for line in lines[1:]:
                record = next(csv.reader(io.StringIO(line, newline=""), delimiter=group.source_format.delimiter))
                if len(record) != len(group.columns):
                    rows.append({MALFORMED: line})
                    continue
                rows.append({c: (v if v != "" else None) for c, v in zip(group.columns, record)})
        else:
            for line in lines:
                try:
                    doc = json.loads(line, parse_int=str, parse_float=str)
                except ValueError:
                    doc = None
                if not isinstance(doc, dict):
                    rows.append({MALFORMED: line})
                    continue
                rows.append({k: (v if v is None or isinstance(v, str) else json.dumps(v)) for k, v in doc.items()})
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
        self.plan = plan
        typed = []
        for row in raw:
            if row[MALFORMED] is not None:
                continue
            values, reason = self.type_row(row)
            typed.append({**values, plan.reason_column: reason,
                          **{c: row[c] for c in plan.pass_through}})
        return RowTyped(typed, [r for r in raw if r[MALFORMED] is not None])

    def output_columns(self, typed):
        """What the plan's SELECT returns, rows or not (Spark knows a result's schema when it is empty)."""
        return [*(c.name for c in self.plan.columns), *self.plan.partition_keys, self.plan.reason_column,
                *self.plan.pass_through]

    def count(self, typed, plan):
        out = sum(1 for r in typed.rows if r[plan.reason_column] is None)
        bad = len(typed.rows) - out + len(typed.malformed)
        return RunCounts(out + bad, out, bad)

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
