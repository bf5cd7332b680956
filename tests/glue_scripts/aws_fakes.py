"""Fakes of the AWS services the Glue job calls, each a small model of the documented behaviour,
including the parts that hurt (not a test module: discover skips it). Sources are named per behaviour.

FakeS3: ListObjectsV2 pages of at most MaxKeys (1,000) keys in UTF-8 binary key order with
  ContinuationToken ("ListObjectsV2", Amazon S3 API Reference); GetObject of an absent key and HEAD of
  one fail with a ClientError whose code is NoSuchKey / 404 ("GetObject", "HeadObject"); a Range GET
  returns the first bytes only ("GetObject": Range); each PutObject/CopyObject is atomic per key and
  there is no transaction across keys ("Amazon S3 data consistency model"); keys are at most 1,024 bytes
  ("Naming Amazon S3 objects"); listings carry each object's ETag; DeleteObjects takes at most
  1,000 keys per request ("DeleteObjects"). Every write is recorded with its encryption headers, so
  tests can check that nothing is written without the lake key.
FakeGlue: GetTable of an absent table fails with EntityNotFoundException; BatchCreatePartition takes at
  most 100 partitions and reports existing ones in Errors as AlreadyExistsException while creating the
  rest ("BatchCreatePartition", AWS Glue API).
fake_get_resolved_options: awsglue.utils.getResolvedOptions as Glue's published library behaves
  ("Accessing parameters using getResolvedOptions"; awsglue/utils.py): Glue's own options are
  registered first as optional, so a script asking for one of them again makes argparse fail with a
  conflict; every asked name is required; unknown options are ignored; the reserved values come back
  in the result whether or not the script asked.
"""

import argparse
import hashlib
import io


class ClientError(Exception):
    """Shaped like botocore.exceptions.ClientError: the code is in response['Error']['Code']."""

    def __init__(self, code, message, operation):
        super().__init__(f"An error occurred ({code}) when calling the {operation} operation: {message}")
        self.response = {"Error": {"Code": code, "Message": message}}


class FakeBody:
    def __init__(self, data):
        self._stream = io.BytesIO(data)

    def read(self, *args):
        return self._stream.read(*args)


class Crash(Exception):
    """An injected error the job sees (a lost connection, a 500): its error handling runs."""


class Killed(BaseException):
    """An injected stop the job cannot handle (the driver killed, Glue's timeout): nothing after runs."""


class Faults:
    """Counts every call that changes S3 or the catalog, across the fakes that share it, and fails the
    `at`-th one before it acts, so a test can stop a run at each step in turn."""

    def __init__(self, at=None, kind=Crash):
        self.at, self.kind, self.count, self.log = at, kind, 0, []

    def tick(self, operation, key):
        self.count += 1
        self.log.append((operation, key))
        if self.count == self.at:
            raise self.kind(f"injected {self.kind.__name__} before {operation} {key}")


class FakeS3:
    MAX_KEYS = 1000

    def __init__(self, objects=None, page_size=MAX_KEYS, faults=None):
        self.objects = {}
        self.page_size = min(page_size, self.MAX_KEYS)
        self.requests = []
        self.faults = faults or Faults()
        for (bucket, key), body in (objects or {}).items():
            self.objects[(bucket, key)] = body if isinstance(body, bytes) else body.encode("utf-8")

    def list_objects_v2(self, Bucket, Prefix="", ContinuationToken=None, MaxKeys=MAX_KEYS):
        self.requests.append(("list_objects_v2", {"Bucket": Bucket, "Prefix": Prefix}))
        keys = sorted((k for (b, k) in self.objects if b == Bucket and k.startswith(Prefix)),
                      key=lambda k: k.encode("utf-8"))
        start = int(ContinuationToken or 0)
        size = min(MaxKeys, self.page_size)
        page = keys[start:start + size]
        result = {"KeyCount": len(page), "IsTruncated": start + size < len(keys)}
        if page:
            result["Contents"] = [{"Key": k, "Size": len(self.objects[(Bucket, k)]),
                                   "ETag": '"' + hashlib.md5(self.objects[(Bucket, k)]).hexdigest() + '"'} for k in page]
        if result["IsTruncated"]:
            result["NextContinuationToken"] = str(start + size)
        return result

    def get_object(self, Bucket, Key, Range=None):
        self.requests.append(("get_object", {"Bucket": Bucket, "Key": Key, "Range": Range}))
        if (Bucket, Key) not in self.objects:
            raise ClientError("NoSuchKey", "The specified key does not exist.", "GetObject")
        data = self.objects[(Bucket, Key)]
        if Range:
            first, last = Range.removeprefix("bytes=").split("-")
            data = data[int(first):int(last) + 1]
        return {"Body": FakeBody(data), "ContentLength": len(data)}

    def head_object(self, Bucket, Key):
        self.requests.append(("head_object", {"Bucket": Bucket, "Key": Key}))
        if (Bucket, Key) not in self.objects:
            raise ClientError("404", "Not Found", "HeadObject")
        return {"ContentLength": len(self.objects[(Bucket, Key)])}

    def _check_key(self, key, operation):
        if len(key.encode("utf-8")) > 1024:  # "Naming Amazon S3 objects": at most 1,024 bytes of UTF-8
            raise ClientError("KeyTooLongError", "Your key is too long", operation)

    def put_object(self, Bucket, Key, Body, **kwargs):
        self._check_key(Key, "PutObject")
        self.faults.tick("put_object", Key)
        self.requests.append(("put_object", dict(Bucket=Bucket, Key=Key, **kwargs)))
        self.objects[(Bucket, Key)] = Body if isinstance(Body, bytes) else Body.encode("utf-8")

    def copy(self, CopySource, Bucket, Key, ExtraArgs=None):
        """boto3's managed copy (s3transfer): CopyObject, or a multipart copy above 5 GB."""
        self._check_key(Key, "CopyObject")
        self.faults.tick("copy", Key)
        self.requests.append(("copy", dict(Bucket=Bucket, Key=Key, CopySource=CopySource, **(ExtraArgs or {}))))
        source = (CopySource["Bucket"], CopySource["Key"])
        if source not in self.objects:
            raise ClientError("404", "Not Found", "HeadObject")
        self.objects[(Bucket, Key)] = self.objects[source]

    def delete_objects(self, Bucket, Delete):
        keys = [item["Key"] for item in Delete["Objects"]]
        if len(keys) > 1000:
            raise ClientError("MalformedXML", "at most 1000 keys per DeleteObjects", "DeleteObjects")
        self.faults.tick("delete_objects", keys[0] if keys else "")
        self.requests.append(("delete_objects", {"Bucket": Bucket, "Keys": keys}))
        for key in keys:
            self.objects.pop((Bucket, key), None)
        return {}

    # ---- what tests look at --------------------------------------------------------------------------
    def keys(self, bucket, prefix=""):
        return sorted(k for (b, k) in self.objects if b == bucket and k.startswith(prefix))

    def writes(self):
        return [r for name, r in self.requests if name in ("put_object", "copy")]


class FakeGlue:
    def __init__(self, faults=None):
        self.tables = {}      # (database, name) -> TableInput
        self.partitions = {}  # (database, table, values tuple) -> location
        self.requests = []
        self.faults = faults or Faults()

    def create_table_as_terraform_does(self, database, name, columns, partition_keys, location):
        """The processed table as terraform/modules/catalog creates it from the contract (not a Glue call)."""
        self.tables[(database, name)] = {
            "Name": name, "TableType": "EXTERNAL_TABLE",
            "PartitionKeys": [{"Name": k, "Type": t} for k, t in partition_keys],
            "StorageDescriptor": {"Columns": [{"Name": c, "Type": t} for c, t in columns], "Location": location},
        }

    def get_table(self, DatabaseName, Name):
        self.requests.append(("get_table", Name))
        if (DatabaseName, Name) not in self.tables:
            raise ClientError("EntityNotFoundException", f"Table {Name} not found.", "GetTable")
        return {"Table": dict(self.tables[(DatabaseName, Name)], DatabaseName=DatabaseName)}

    def create_table(self, DatabaseName, TableInput):
        self.faults.tick("create_table", TableInput["Name"])
        self.requests.append(("create_table", TableInput["Name"]))
        if (DatabaseName, TableInput["Name"]) in self.tables:
            raise ClientError("AlreadyExistsException", "Table already exists.", "CreateTable")
        self.tables[(DatabaseName, TableInput["Name"])] = TableInput

    def update_table(self, DatabaseName, TableInput):
        self.faults.tick("update_table", TableInput["Name"])
        self.requests.append(("update_table", TableInput["Name"]))
        self.tables[(DatabaseName, TableInput["Name"])] = TableInput

    def batch_create_partition(self, DatabaseName, TableName, PartitionInputList):
        if len(PartitionInputList) > 100:
            raise ClientError("ValidationException", "PartitionInputList has more than 100 items", "BatchCreatePartition")
        self.faults.tick("batch_create_partition", TableName)
        self.requests.append(("batch_create_partition", len(PartitionInputList)))
        errors = []
        for p in PartitionInputList:
            key = (DatabaseName, TableName, tuple(p["Values"]))
            if key in self.partitions:
                errors.append({"PartitionValues": p["Values"],
                               "ErrorDetail": {"ErrorCode": "AlreadyExistsException", "ErrorMessage": "exists"}})
            else:
                self.partitions[key] = p["StorageDescriptor"]["Location"]
        return {"Errors": errors} if errors else {}


_RESERVED_OPTIONAL = ("--JOB_ID", "--JOB_RUN_ID", "--SECURITY_CONFIGURATION", "--job-bookmark-option",
                      "--continuation-option", "--job-bookmark-from", "--job-bookmark-to", "--encryption-type",
                      "--TempDir", "--RedshiftTempDir")


def fake_get_resolved_options(argv, names):
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    for option in _RESERVED_OPTIONAL:
        parser.add_argument(option, required=False)
    for name in names:
        # A second registration of a reserved option raises argparse.ArgumentError (conflict).
        parser.add_argument("--" + name, required=True)
    parsed, _unknown = parser.parse_known_args(argv[1:])
    return vars(parsed)


class FakeJob:
    """awsglue.job.Job: init with the name and resolved options; commit saves bookmark state (a no-op
    for state when bookmarks are disabled, "Tracking processed data using job bookmarks")."""

    instances = []

    def __init__(self, glue_context):
        self.glue_context, self.inits, self.commits = glue_context, [], 0
        FakeJob.instances.append(self)

    def init(self, name, options):
        self.inits.append((name, dict(options)))

    def commit(self):
        self.commits += 1
