"""The processed table and its partitions in the Glue Data Catalog, over an injected boto3 Glue client.

Terraform creates the table from the contract; the job checks it before reading data and registers
partitions itself, after its run record (the commit point), so Athena (which reads only registered
partition locations) never sees a partition before the run that made it committed.
Registration is idempotent: a partition that exists is left as it is (BatchCreatePartition reports it
as AlreadyExistsException in Errors and creates the others), so a retry may register again.
"""

from __future__ import annotations

from typing import Any, Sequence

from lake_glue.store import aws_error_code

# BatchCreatePartition takes at most 100 partitions per request (Glue API: BatchCreatePartition).
_PARTITION_BATCH = 100


class CatalogError(RuntimeError):
    """Glue refused a catalog change; the message names the table and Glue's error."""


def processed_table(glue: Any, database: str, name: str) -> dict:
    """The processed table, which Terraform creates from the contract (the job's role cannot)."""
    try:
        return glue.get_table(DatabaseName=database, Name=name)["Table"]
    except Exception as e:
        if aws_error_code(e) == "EntityNotFoundException":
            raise CatalogError(f"the processed table {database}.{name} does not exist: apply Terraform, which "
                               "creates it from the dataset's contract") from e
        raise CatalogError(f"cannot read table {database}.{name}: {e}") from e


def check_table(table: dict, database: str, columns: Sequence[str], partition_keys: Sequence[str]) -> None:
    """The table must hold what the plan writes, before any data is read: a plan rendered from a newer
    contract than the applied Terraform would otherwise publish files Athena cannot see in full."""
    name = f"{database}.{table['Name']}"
    present = {c["Name"].casefold() for c in table.get("StorageDescriptor", {}).get("Columns", [])}
    missing = [c for c in columns if c.casefold() not in present]
    if missing:
        raise CatalogError(f"the processed table {name} has no column(s) {', '.join(missing)} that the typing "
                           "plan writes: apply Terraform with the same contracts as the deployed plan")
    keys = [k["Name"].casefold() for k in table.get("PartitionKeys", [])]
    if keys != [k.casefold() for k in partition_keys]:
        raise CatalogError(f"the processed table {name} is partitioned by {keys}, the typing plan by "
                           f"{list(partition_keys)}: apply Terraform with the same contracts as the deployed plan")


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
