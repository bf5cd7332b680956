"""Which raw objects a run reads together, and which it quarantines whole before Spark sees them.

Spark applies one schema to every CSV file it reads at once, by position, so objects are grouped by
their header. The header is the first non-blank line (Spark's CSV reader skips blank lines before it),
read with one ranged GET; a gzip object's head is inflated first (Spark reads *.gz by its codec). An
object whose header cannot be used is quarantined whole with the reason, never left to fail a run.
"""

from __future__ import annotations

import csv
import io
import re
import zlib
from dataclasses import dataclass
from typing import Optional, Sequence

from lake_glue.paths import raw_key
from lake_glue.plan import JOB_COLUMNS, MALFORMED_COLUMN, SourceFormat
from lake_glue.store import S3Store, StoredObject, is_missing

# A CSV header longer than this is not a header the lake will read.
MAX_HEADER_BYTES = 1 << 20
_LINE_END = re.compile(rb"\r\n|\n|\r")  # Hadoop's line reader ends a line at any of these
# Names the job adds to every row (plan.JOB_COLUMNS, the malformed-record column) and Spark's file
# metadata column: a raw column with one of these names would shadow or collide with them.
RESERVED_COLUMNS = {c.casefold() for c in (*JOB_COLUMNS, MALFORMED_COLUMN, "_metadata")}


class UnreadableObject(ValueError):
    """A raw object the job cannot read as its dataset: quarantined whole, with this reason."""


@dataclass(frozen=True)
class RawGroup:
    """Raw objects read together: one file format and, for CSV, one header."""

    source_format: SourceFormat
    columns: tuple[str, ...]
    uris: tuple[str, ...]


def first_line(head: bytes) -> Optional[bytes]:
    """The first line with anything but whitespace in it, or None."""
    for line in _LINE_END.split(head):
        if line.lstrip(b"\xef\xbb\xbf").strip():  # a UTF-8 byte order mark alone is blank too
            return line
    return None


def csv_header(line: bytes, source: SourceFormat) -> tuple[str, ...]:
    """The header's column names; empty names get Spark's positional names (_c<i>)."""
    try:
        text = line.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as e:
        raise UnreadableObject(f"the header line is not UTF-8 (byte {e.start})") from None
    if text.count('"') % 2:
        # Read line by line, an unbalanced quote would make the header swallow the next lines.
        raise UnreadableObject("the header line has an unbalanced quote (\")")
    try:
        row = next(csv.reader(io.StringIO(text, newline=""), delimiter=source.delimiter, quotechar='"'))
    except csv.Error as e:
        raise UnreadableObject(f"the header line is not CSV: {e}") from None
    names = tuple(n.strip() or f"_c{i}" for i, n in enumerate(row))
    seen: dict[str, str] = {}
    for name in names:
        if name.casefold() in RESERVED_COLUMNS:
            raise UnreadableObject(f"the header uses the column name '{name}', which the job reserves")
        # Spark resolves column names case-insensitively: 'Fare' and 'fare' would be ambiguous.
        if name.casefold() in seen:
            raise UnreadableObject(f"the header names column '{name}' twice (as '{seen[name.casefold()]}' and '{name}')")
        seen[name.casefold()] = name
    return names


def _head(store: S3Store, obj: StoredObject) -> bytes:
    head = store.read_bytes(obj.uri, min(obj.size, MAX_HEADER_BYTES))
    if obj.uri.endswith(".gz"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, MAX_HEADER_BYTES)
        except zlib.error as e:
            raise UnreadableObject(f"the object is named .gz but is not gzip ({e})") from None
    return head


def group_raw_objects(store: S3Store, objects: Sequence[StoredObject],
                      source: SourceFormat) -> tuple[list[RawGroup], list[tuple[str, str]], list[str]]:
    """(groups to read, [(uri, reason)] to quarantine whole, uris that vanished since the listing).
    Every object with bytes ends up in exactly one of them; an empty object in none (no rows)."""
    if source.type != "csv":
        uris = tuple(o.uri for o in objects if o.size > 0)
        return ([RawGroup(source, (), uris)] if uris else []), [], []
    groups: dict[tuple[str, ...], list[str]] = {}
    unreadable: list[tuple[str, str]] = []
    vanished: list[str] = []
    for obj in objects:
        if obj.size == 0:
            continue
        try:
            line = first_line(_head(store, obj))
            if line is None:
                raise UnreadableObject("the object has no header line (only blank lines)")
            groups.setdefault(csv_header(line, source), []).append(obj.uri)
        except UnreadableObject as e:
            unreadable.append((obj.uri, f"{raw_key(obj.uri)}: {e}"))
        except Exception as e:
            if not is_missing(e):
                raise
            vanished.append(obj.uri)
    return [RawGroup(source, header, tuple(uris)) for header, uris in groups.items()], unreadable, vanished
