"""Local stand-ins for the two AWS services the job calls through boto3, for the smoke test in the
Glue image (no AWS account there): S3 as a folder per bucket, and the Glue Data Catalog in memory.
They follow the same API shapes as the boto3 clients (ListObjectsV2 pages, ClientError codes), so the
job's own lake_glue.store and lake_glue.catalog run unchanged on top of them."""

import os
import shutil


class ClientError(Exception):
    def __init__(self, code, operation):
        super().__init__(f"An error occurred ({code}) when calling the {operation} operation")
        self.response = {"Error": {"Code": code}}


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self):
        return self.data


class FolderS3:
    """s3://<bucket>/<key> is <root>/<bucket>/<key>; a key ending in '/' names a folder marker."""

    def __init__(self, root):
        self.root = root

    def path(self, bucket, key):
        return os.path.join(self.root, bucket, key)

    def list_objects_v2(self, Bucket, Prefix="", ContinuationToken=None):
        base = os.path.join(self.root, Bucket)
        keys = []
        for folder, _, files in os.walk(base):
            for name in files:
                key = os.path.relpath(os.path.join(folder, name), base).replace(os.sep, "/")
                if key.startswith(Prefix):
                    keys.append(key)
        return {"Contents": [{"Key": k, "Size": os.path.getsize(self.path(Bucket, k))} for k in sorted(keys)],
                "IsTruncated": False}

    def get_object(self, Bucket, Key, Range=None):
        path = self.path(Bucket, Key)
        if not os.path.isfile(path):
            raise ClientError("NoSuchKey", "GetObject")
        with open(path, "rb") as f:
            data = f.read()
        if Range:
            first, last = Range.removeprefix("bytes=").split("-")
            data = data[int(first):int(last) + 1]
        return {"Body": _Body(data)}

    def head_object(self, Bucket, Key):
        if not os.path.isfile(self.path(Bucket, Key)):
            raise ClientError("404", "HeadObject")
        return {}

    def put_object(self, Bucket, Key, Body, **_encryption):
        path = self.path(Bucket, Key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(Body)

    def copy(self, CopySource, Bucket, Key, ExtraArgs=None):
        target = self.path(Bucket, Key)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(self.path(CopySource["Bucket"], CopySource["Key"]), target)

    def delete_objects(self, Bucket, Delete):
        for item in Delete["Objects"]:
            path = self.path(Bucket, item["Key"])
            if os.path.isfile(path):
                os.remove(path)
        return {}


class MemoryCatalog:
    def __init__(self):
        self.tables, self.partitions = {}, {}

    def get_table(self, DatabaseName, Name):
        if (DatabaseName, Name) not in self.tables:
            raise ClientError("EntityNotFoundException", "GetTable")
        return {"Table": self.tables[(DatabaseName, Name)]}

    def batch_create_partition(self, DatabaseName, TableName, PartitionInputList):
        for p in PartitionInputList:
            self.partitions[(DatabaseName, TableName, tuple(p["Values"]))] = p["StorageDescriptor"]["Location"]
        return {}
