"""The processed table and its partitions in the Glue Data Catalog, over an injected boto3 Glue client.

The job registers partitions itself, after its run record (the commit point), so Athena (which reads
only registered partition locations) never sees a partition before the run that made it committed.
Registration is idempotent: a partition that exists is left as it is (BatchCreatePartition reports it
as AlreadyExistsException in Errors and creates the others), so a retry may register again.
"""

from __future__ import annotations

from typing import Any, Sequence

# BatchCreatePartition takes at most 100 partitions per request (Glue API: BatchCreatePartition).
_PARTITION_BATCH = 100
PARQUET_STORAGE = {
    "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
    "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
    "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                  "Parameters": {"serialization.format": "1"}},
}


class CatalogError(RuntimeError):
    """Glue refused a catalog change; the message names the table and Glue's error."""


def _error_code(error: BaseException) -> str:
    return getattr(error, "response", {}).get("Error", {}).get("Code", "")


def table_input(name: str, location: str, columns: Sequence[tuple[str, str]],
                partition_keys: Sequence[tuple[str, str]]) -> dict:
    """An external Parquet table; column types are Spark's simple type names, which Hive shares."""
    return {
        "Name": name,
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"classification": "parquet", "EXTERNAL": "TRUE"},
        "PartitionKeys": [{"Name": n, "Type": t} for n, t in partition_keys],
        "StorageDescriptor": {"Columns": [{"Name": n, "Type": t} for n, t in columns], "Location": location,
                              **PARQUET_STORAGE},
    }


def ensure_table(glue: Any, database: str, name: str, location: str, columns: Sequence[tuple[str, str]],
                 partition_keys: Sequence[tuple[str, str]]) -> dict:
    """Returns the table, created on the first run and given columns a newer contract added."""
    try:
        table = glue.get_table(DatabaseName=database, Name=name)["Table"]
    except Exception as e:
        if _error_code(e) != "EntityNotFoundException":
            raise CatalogError(f"cannot read table {database}.{name}: {e}") from e
        wanted = table_input(name, location, columns, partition_keys)
        try:
            glue.create_table(DatabaseName=database, TableInput=wanted)
        except Exception as create_error:
            if _error_code(create_error) != "AlreadyExistsException":
                raise CatalogError(f"cannot create table {database}.{name}: {create_error}") from create_error
        return glue.get_table(DatabaseName=database, Name=name)["Table"]

    present = {c["Name"].casefold() for c in table["StorageDescriptor"].get("Columns", [])}
    added = [(n, t) for n, t in columns if n.casefold() not in present]
    if added:
        descriptor = dict(table["StorageDescriptor"])
        descriptor["Columns"] = list(descriptor.get("Columns", [])) + [{"Name": n, "Type": t} for n, t in added]
        update = {k: table[k] for k in ("Name", "TableType", "Parameters", "PartitionKeys") if k in table}
        update["StorageDescriptor"] = descriptor
        glue.update_table(DatabaseName=database, TableInput=update)
        table = dict(table, StorageDescriptor=descriptor)
    return table


def register_partitions(glue: Any, database: str, table: dict,
                        partitions: Sequence[tuple[Sequence[str], str]]) -> int:
    """Adds each (values, location) partition unless it exists; returns how many were new."""
    descriptor = table["StorageDescriptor"]
    created = 0
    for i in range(0, len(partitions), _PARTITION_BATCH):
        chunk = partitions[i:i + _PARTITION_BATCH]
        inputs = [{"Values": list(values), "StorageDescriptor": dict(descriptor, Location=location)}
                  for values, location in chunk]
        result = glue.batch_create_partition(DatabaseName=database, TableName=table["Name"],
                                             PartitionInputList=inputs)
        errors = result.get("Errors") or []
        refused = [e for e in errors if e.get("ErrorDetail", {}).get("ErrorCode") != "AlreadyExistsException"]
        if refused:
            first = refused[0]
            raise CatalogError(
                f"Glue refused {len(refused)} partition(s) of {database}.{table['Name']}, first "
                f"{first.get('PartitionValues')}: {first.get('ErrorDetail', {}).get('ErrorCode')} "
                f"{first.get('ErrorDetail', {}).get('ErrorMessage')}")
        created += len(chunk) - len(errors)
    return created
