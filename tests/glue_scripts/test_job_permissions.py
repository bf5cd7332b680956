"""The job's IAM role grants every action the job's own code calls: the calls are recorded from a run
against the fakes (every boto3 operation the job makes), mapped to their IAM actions ("Actions, resources,
and condition keys for Amazon S3 / AWS Glue"), and looked up in terraform/modules/etl/iam.tf, so a new call
without a permission fails here rather than on AWS. terraform/modules/etl/tests checks the resources."""

import os
import re
import unittest

from world import World

IAM_TF = os.path.join(os.path.dirname(__file__), "..", "..", "terraform", "modules", "etl", "iam.tf")
# boto3 operation -> the IAM actions it needs. HeadObject needs s3:GetObject; boto3's managed copy reads
# the source (GetObject) and writes the target (PutObject); DeleteObjects needs s3:DeleteObject per key.
ACTIONS = {
    "list_objects_v2": {"s3:ListBucket"},
    "get_object": {"s3:GetObject"},
    "head_object": {"s3:GetObject"},
    "put_object": {"s3:PutObject"},
    "copy": {"s3:GetObject", "s3:PutObject"},
    "delete_objects": {"s3:DeleteObject"},
    "get_table": {"glue:GetTable"},
    "batch_create_partition": {"glue:BatchCreatePartition"},
}


def granted_actions():
    with open(IAM_TF, encoding="utf-8") as f:
        return set(re.findall(r'"((?:s3|glue|kms|logs|cloudwatch):[A-Za-z]+)"', f.read()))


def called_operations(world):
    return {name for name, _ in world.s3.requests} | {name for name, _ in world.glue.requests}


class JobPermissionTests(unittest.TestCase):
    def test_every_call_of_a_run_and_of_a_recovery_is_granted(self):
        data = "trip_id,fare,day\n1,1,2024-05-01\n2,x,2024-05-02\n"
        clean = World()
        clean.land("a.csv", data)
        clean.run("jr_1")
        world = World()
        world.land("a.csv", data)
        # Stop a run at its first copy, so the next run recovers it and every kind of call is made.
        world.faults.at = next(i for i, (op, _) in enumerate(clean.faults.log, start=1) if op == "copy")
        with self.assertRaises(Exception):
            world.run("jr_1")
        world.faults.at = None
        world.run("jr_2")
        operations = called_operations(world)
        unknown = sorted(op for op in operations if op not in ACTIONS)
        self.assertEqual(unknown, [], "a new boto3 call: add its IAM actions to ACTIONS and to iam.tf")
        needed = set().union(*(ACTIONS[op] for op in operations))
        self.assertEqual(sorted(needed - granted_actions()), [],
                         "terraform/modules/etl/iam.tf must grant every action the job calls")
        self.assertIn("batch_create_partition", operations)
        self.assertIn("copy", operations)


if __name__ == "__main__":
    unittest.main()
