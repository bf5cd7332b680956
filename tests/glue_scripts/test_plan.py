import json
import os
import re
import unittest

from fakes import plan_doc, plan_text
from lake_glue.plan import (
    PLAN_FIELDS,
    RAW_OBJECT_COLUMN,
    RAW_VALUES_COLUMN,
    PlanError,
    check_output_columns,
    good_row_columns,
    load_plan,
    missing_source_columns,
)

SOURCE = "s3://artifacts/glue/plans/tripdata.spark.json"
REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
# The writer of the plan: the build renders it with this C# record.
RENDERED_PLAN_CS = os.path.join(REPO, "lambdas", "Lake.Core", "Typing", "RenderedPlan.cs")
GOLDEN_CASE = os.path.join(REPO, "tests", "fixtures", "typing", "decimal_rounding_overflow", "spark.approved.sql")


def load(**overrides):
    return load_plan(plan_text(**overrides), source=SOURCE, expected_dataset="tripdata")


class LoadPlanTests(unittest.TestCase):
    def assertPlanError(self, field, **overrides):
        with self.assertRaises(PlanError) as caught:
            load(**overrides)
        message = str(caught.exception)
        self.assertIn(f"field '{field}'", message)
        self.assertTrue(message.startswith(SOURCE), message)
        return message

    def test_a_valid_plan_loads(self):
        plan = load()
        self.assertEqual(plan.dataset, "tripdata")
        self.assertEqual(plan.source_view, "raw_rows")
        self.assertEqual(plan.reason_column, "_quarantine_reason")
        self.assertEqual(plan.partition_keys, ("pickup_year", "pickup_month"))
        self.assertEqual([c.name for c in plan.columns], ["vendor_id", "pickup_at", "fare_amount"])
        self.assertEqual(plan.columns[2].type, "decimal(10,2)")
        self.assertEqual(plan.schema_version, 1)
        self.assertEqual(plan.pass_through, ())
        self.assertFalse(plan.has_raw_values)

    def test_schema_version_and_pass_through_are_read_when_given(self):
        plan = load(schema_version=3, pass_through=[RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN])
        self.assertEqual(plan.schema_version, 3)
        self.assertTrue(plan.has_raw_object and plan.has_raw_values)

    def test_every_required_field_is_named_when_missing(self):
        for field in ("dataset", "engine", "plan_version", "source_view", "sql", "reason_column",
                      "partition_keys", "columns"):
            with self.subTest(field=field):
                self.assertIn("is required", self.assertPlanError(field, **{field: None}))

    def test_only_spark_plans_run_here(self):
        message = self.assertPlanError("engine", engine="duckdb")
        self.assertIn("duckdb", message)

    def test_unsupported_plan_versions_are_refused(self):
        self.assertIn("supports 1", self.assertPlanError("plan_version", plan_version=2))
        self.assertPlanError("plan_version", plan_version="1")
        self.assertPlanError("plan_version", plan_version=True)

    def test_the_plan_must_be_for_the_jobs_dataset(self):
        self.assertIn("rides", self.assertPlanError("dataset", dataset="rides"))

    def test_source_view_and_sql_must_fit_together(self):
        self.assertPlanError("source_view", source_view="raw rows; DROP")
        self.assertPlanError("sql", sql="SELECT 1 FROM other_rows")
        self.assertPlanError("sql", sql="  ")

    def test_partition_keys_are_a_list_of_distinct_names(self):
        self.assertPlanError("partition_keys", partition_keys="pickup_year")
        self.assertPlanError("partition_keys[1]", partition_keys=["pickup_year", ""])
        self.assertPlanError("partition_keys", partition_keys=["pickup_year", "PICKUP_YEAR"])
        self.assertEqual(load(partition_keys=[]).partition_keys, ())

    def test_columns_are_named_and_typed(self):
        self.assertPlanError("columns[1].type", columns=[{"name": "a", "type": "int"}, {"name": "b"}])
        self.assertPlanError("columns[0]", columns=["vendor_id"])
        self.assertPlanError("columns", columns=[])
        self.assertPlanError("columns", columns=[{"name": "a", "type": "int"}, {"name": "a", "type": "int"}])

    def test_the_reason_column_is_not_a_data_column(self):
        self.assertPlanError("reason_column", reason_column="vendor_id")
        self.assertPlanError("reason_column", reason_column="pickup_month")

    def test_schema_version_must_be_a_positive_integer(self):
        for bad in (0, -1, "2", 1.5, False):
            with self.subTest(schema_version=bad):
                self.assertPlanError("schema_version", schema_version=bad)

    def test_pass_through_lists_only_columns_the_job_provides(self):
        self.assertPlanError("pass_through", pass_through=["VendorID"])
        self.assertPlanError("pass_through", pass_through=RAW_VALUES_COLUMN)

    def test_source_columns_are_read_as_the_raw_names_the_sql_uses(self):
        plan = load(source_columns=["VendorID", "tpep_pickup_datetime"])
        self.assertEqual(plan.source_columns, ("VendorID", "tpep_pickup_datetime"))
        self.assertEqual(load().source_columns, ())
        self.assertPlanError("source_columns", source_columns="VendorID")
        self.assertPlanError("source_columns[1]", source_columns=["VendorID", 3])

    def test_a_document_that_is_not_a_json_object_is_refused(self):
        for text in ("{not json", "[1, 2]", ""):
            with self.subTest(text=text), self.assertRaises(PlanError) as caught:
                load_plan(text, source=SOURCE)
            self.assertIn(SOURCE, str(caught.exception))

    def test_without_an_expected_dataset_any_dataset_loads(self):
        self.assertEqual(load_plan(json.dumps(plan_doc(dataset="rides"))).dataset, "rides")


class RenderedPlanTests(unittest.TestCase):
    """The plan as the build writes it (RenderedPlan.cs): no schema_version, no pass_through."""

    def test_every_field_the_renderer_writes_is_one_the_job_knows(self):
        if not os.path.exists(RENDERED_PLAN_CS):
            self.skipTest("lambdas/Lake.Core/Typing/RenderedPlan.cs is not in this checkout")
        with open(RENDERED_PLAN_CS, encoding="utf-8") as f:
            # name/type are fields of a column, delimiter/header of source_format: parsed with their parent.
            written = set(re.findall(r'JsonPropertyName\("([a-z_]+)"\)', f.read())) - {"name", "type", "delimiter", "header"}
        self.assertTrue(written, "no JSON fields found in RenderedPlan.cs")
        self.assertEqual(sorted(written - set(PLAN_FIELDS)), [])

    def test_a_rendered_plan_with_an_approved_spark_sql_loads(self):
        if not os.path.exists(GOLDEN_CASE):
            self.skipTest("tests/fixtures/typing is not in this checkout")
        with open(GOLDEN_CASE, encoding="utf-8") as f:
            sql = f.read()
        doc = {"dataset": "decimal_rounding_overflow", "engine": "spark", "plan_version": 1, "source_view": "raw_rows",
               "source_columns": ["amount"], "sql": sql, "reason_column": "_quarantine_reason", "partition_keys": [],
               "columns": [{"name": "amount", "type": "decimal(10,2)"}]}
        plan = load_plan(json.dumps(doc, indent=2), expected_dataset="decimal_rounding_overflow")
        self.assertEqual((plan.schema_version, plan.pass_through, plan.source_columns), (1, (), ("amount",)))
        check_output_columns(plan, ["amount", "_quarantine_reason"])


class MissingSourceColumnTests(unittest.TestCase):
    def test_sources_absent_from_the_raw_files_are_listed_once_compared_like_spark(self):
        plan = load(source_columns=["VendorID", "congestion_surcharge", "airport_fee", "AIRPORT_FEE"])
        self.assertEqual(missing_source_columns(plan, ["vendorid", "fare_amount"]), ["congestion_surcharge", "airport_fee"])
        self.assertEqual(missing_source_columns(plan, ["VENDORID", "Congestion_Surcharge", "airport_fee"]), [])
        self.assertEqual(missing_source_columns(load(), ["anything"]), [])


class OutputColumnTests(unittest.TestCase):
    COLUMNS = ["vendor_id", "pickup_at", "fare_amount", "pickup_year", "pickup_month", "_quarantine_reason"]

    def test_complete_output_passes_and_names_compare_like_spark(self):
        check_output_columns(load(), self.COLUMNS)
        check_output_columns(load(), [c.upper() for c in self.COLUMNS])

    def test_missing_columns_are_all_named(self):
        with self.assertRaises(PlanError) as caught:
            check_output_columns(load(), ["vendor_id", "pickup_at", "fare_amount", "pickup_year"])
        self.assertIn("return column(s) _quarantine_reason, pickup_month:", str(caught.exception))

    def test_passed_through_columns_must_come_back(self):
        plan = load(pass_through=[RAW_VALUES_COLUMN])
        with self.assertRaisesRegex(PlanError, RAW_VALUES_COLUMN):
            check_output_columns(plan, self.COLUMNS)

    def test_good_rows_lose_the_reason_and_the_job_columns(self):
        plan = load(pass_through=[RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN])
        columns = self.COLUMNS + [RAW_OBJECT_COLUMN, RAW_VALUES_COLUMN]
        self.assertEqual(good_row_columns(plan, columns),
                         ["vendor_id", "pickup_at", "fare_amount", "pickup_year", "pickup_month"])


if __name__ == "__main__":
    unittest.main()
