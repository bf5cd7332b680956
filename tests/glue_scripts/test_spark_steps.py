"""etl_job's DataFrame steps against a tiny recording fake of pyspark.sql.functions and DataFrame.
Real Spark semantics are checked by glue-scripts/smoke in the Glue image; this checks, without
Spark, which columns each step asks for and under which names."""

import sys
import types
import unittest
from unittest import mock

import etl_job
from fakes import job_options, plan_text
from lake_glue.args import parse_job_args
from lake_glue.plan import load_plan


class Col:
    """An expression as readable text, e.g. cast(col(`a`), string) AS a."""

    def __init__(self, text, name=None):
        self.text, self.name = text, name

    def cast(self, kind):
        return Col(f"cast({self.text}, {kind})")

    def alias(self, name):
        return Col(self.text, name)

    def isNull(self):
        return Col(f"isnull({self.text})")

    def isNotNull(self):
        return Col(f"isnotnull({self.text})")

    def __repr__(self):
        return f"{self.text} AS {self.name}" if self.name else self.text


def _functions():
    F = types.ModuleType("pyspark.sql.functions")
    F.col = lambda name: Col(f"col({name})")
    F.lit = lambda value: Col(f"lit({value})")
    F.count = lambda c: Col(f"count({c.text})")
    F.when = lambda cond, value: Col(f"when({cond.text}, {value.text})")
    F.to_json = lambda c: Col(f"to_json({c.text})")
    F.input_file_name = lambda: Col("input_file_name()")
    F.struct = lambda *cs: Col("struct(" + ", ".join(repr(c) for c in cs) + ")")
    return F


class Field:
    def __init__(self, name, type_name):
        self.name = name
        self.dataType = types.SimpleNamespace(typeName=lambda: type_name)


class Writer:
    def __init__(self, log):
        self.log = log

    def mode(self, mode):
        self.log.append(("mode", mode))
        return self

    def option(self, key, value):
        self.log.append(("option", key, value))
        return self

    def json(self, uri):
        self.log.append(("json", uri))


AGGREGATES = []


class Frame:
    """Records the operations applied; `first` answers first(), `rows` answers collect()."""

    def __init__(self, fields=(), ops=(), first=None, rows=()):
        self.schema = types.SimpleNamespace(fields=list(fields))
        self.columns = [f.name for f in fields]
        self.ops, self._first, self.rows, self.log = list(ops), first, list(rows), []
        self.write = Writer(self.log)

    def _then(self, op):
        return Frame(self.schema.fields, self.ops + [op], self._first, self.rows)

    def select(self, *cols):
        return self._then(("select", [repr(c) for c in cols]))

    def where(self, cond):
        return self._then(("where", cond.text))

    def agg(self, *cols):
        op = ("agg", [repr(c) for c in cols])
        AGGREGATES.append(op)
        return self._then(op)

    def distinct(self):
        return self._then(("distinct",))

    def cache(self):
        return self._then(("cache",))

    def first(self):
        return self._first

    def collect(self):
        return self.rows


class SparkStepTests(unittest.TestCase):
    def setUp(self):
        sql = types.ModuleType("pyspark.sql")
        sql.functions = _functions()
        patcher = mock.patch.dict(sys.modules, {"pyspark": types.ModuleType("pyspark"), "pyspark.sql": sql,
                                                "pyspark.sql.functions": sql.functions})
        patcher.start()
        self.addCleanup(patcher.stop)
        AGGREGATES.clear()
        self.plan = load_plan(plan_text(pass_through=["_raw_object", "_raw_values"]))
        self.bare_plan = load_plan(plan_text())

    def test_raw_columns_become_text_under_their_own_names_plus_source_file_and_raw_values(self):
        df = Frame([Field("VendorID", "long"), Field("trip.distance", "double"), Field("extra", "struct")])
        (op, cols), = etl_job.raw_text_frame(df, self.plan).ops
        self.assertEqual(op, "select")
        self.assertEqual(cols[:3], [
            "cast(col(`VendorID`), string) AS VendorID",
            "cast(col(`trip.distance`), string) AS trip.distance",
            "to_json(col(`extra`)) AS extra",
        ])
        self.assertEqual(cols[3], "input_file_name() AS _raw_object")
        self.assertTrue(cols[4].startswith("struct(cast(col(`VendorID`), string) AS VendorID, "), cols[4])
        self.assertTrue(cols[4].endswith(" AS _raw_values"), cols[4])

    def test_source_columns_the_files_lack_are_added_as_null_text_outside_the_raw_values(self):
        plan = load_plan(plan_text(source_columns=["VendorID", "tpep_pickup_datetime", "congestion_surcharge"]))
        (_, cols), = etl_job.raw_text_frame(Frame([Field("vendorid", "long")]), plan).ops
        self.assertEqual(cols[:3], ["cast(col(`vendorid`), string) AS vendorid",
                                    "cast(lit(None), string) AS tpep_pickup_datetime",
                                    "cast(lit(None), string) AS congestion_surcharge"])
        self.assertEqual(cols[4], "struct(cast(col(`vendorid`), string) AS vendorid) AS _raw_values")

    def test_the_plan_runs_over_the_named_view_and_is_cached(self):
        registered, queries = [], []
        raw = types.SimpleNamespace(createOrReplaceTempView=registered.append)
        spark = types.SimpleNamespace(sql=lambda text: queries.append(text) or Frame())
        typed = etl_job.apply_plan(spark, raw, self.plan)
        self.assertEqual(registered, ["raw_rows"])
        self.assertEqual(queries, [self.plan.sql])
        self.assertEqual(typed.ops, [("cache",)])

    def test_counts_come_from_one_aggregate_and_raw_objects_skip_blanks(self):
        typed = Frame(first={"rows_in": 5, "rows_out": 3, "rows_quarantined": 2},
                      rows=[("s3://raw/tripdata/a.csv",), ("",), (None,)])
        counts = etl_job.count_rows(typed, self.plan)
        self.assertEqual((counts.rows_in, counts.rows_out, counts.rows_quarantined), (5, 3, 2))
        self.assertEqual(counts.raw_objects, ("s3://raw/tripdata/a.csv",))
        aggregate = "agg", ["count(lit(1)) AS rows_in",
                            "count(when(isnull(col(`_quarantine_reason`)), lit(1))) AS rows_out",
                            "count(col(`_quarantine_reason`)) AS rows_quarantined"]
        self.assertEqual(AGGREGATES, [aggregate])
        AGGREGATES.clear()
        bare = etl_job.count_rows(Frame(first={"rows_in": 1, "rows_out": 1, "rows_quarantined": 0}), self.bare_plan)
        self.assertEqual(bare.raw_objects, ())

    def test_good_rows_are_reason_null_with_only_the_written_columns(self):
        ops = etl_job.good_rows(Frame(), self.plan, ["vendor_id", "pickup_year"]).ops
        self.assertEqual(ops, [("where", "isnull(col(`_quarantine_reason`))"),
                               ("select", ["col(`vendor_id`)", "col(`pickup_year`)"])])

    def test_bad_rows_carry_raw_object_reason_and_raw_values(self):
        ops = etl_job.bad_rows(Frame(), self.plan, ["vendor_id"]).ops
        self.assertEqual(ops[0], ("where", "isnotnull(col(`_quarantine_reason`))"))
        self.assertEqual(ops[1][1], ["col(`_raw_object`) AS raw_object", "col(`_quarantine_reason`) AS reason",
                                     "col(`_raw_values`) AS values"])

    def test_without_pass_through_bad_rows_carry_the_plans_columns_as_text(self):
        ops = etl_job.bad_rows(Frame(), self.bare_plan, ["vendor_id", "pickup_at"]).ops
        self.assertEqual(ops[1][1], [
            "cast(lit(None), string) AS raw_object", "col(`_quarantine_reason`) AS reason",
            "struct(cast(col(`vendor_id`), string) AS vendor_id, cast(col(`pickup_at`), string) AS pickup_at) AS values",
        ])

    def test_quarantine_json_keeps_null_fields(self):
        frame = Frame()
        etl_job.write_json_lines(frame, "s3://q/tripdata/run=1/_staging/")
        self.assertEqual(frame.log, [("mode", "overwrite"), ("option", "ignoreNullFields", "false"),
                                     ("json", "s3://q/tripdata/run=1/_staging/")])

    def test_a_frame_without_columns_is_empty_without_touching_data(self):
        self.assertTrue(etl_job.is_empty_frame(types.SimpleNamespace(columns=[])))
        self.assertFalse(etl_job.is_empty_frame(types.SimpleNamespace(columns=["a"], isEmpty=lambda: False)))
        self.assertTrue(etl_job.is_empty_frame(types.SimpleNamespace(columns=["a"], isEmpty=lambda: True)))



class Sink:
    def __init__(self, log, options):
        self.log = log
        log.append(("getSink", options))

    def setFormat(self, fmt):
        self.log.append(("setFormat", fmt))

    def setCatalogInfo(self, **info):
        self.log.append(("setCatalogInfo", info))

    def writeFrame(self, frame):
        self.log.append(("writeFrame", frame))


class GlueIOTests(unittest.TestCase):
    """GlueJobIO's Glue calls: the catalog read with its bookmark context and the catalog-updating sink."""

    def setUp(self):
        sql = types.ModuleType("pyspark.sql")
        sql.functions = _functions()
        dynamicframe = types.SimpleNamespace(DynamicFrame=types.SimpleNamespace(
            fromDF=lambda df, glue, name: ("dynamic", df, name)))
        patcher = mock.patch.dict(sys.modules, {
            "pyspark": types.ModuleType("pyspark"), "pyspark.sql": sql, "pyspark.sql.functions": sql.functions,
            "awsglue": types.ModuleType("awsglue"), "awsglue.dynamicframe": dynamicframe})
        patcher.start()
        self.addCleanup(patcher.stop)
        self.log = []
        self.glue = types.SimpleNamespace(getSink=lambda **options: Sink(self.log, options))
        self.args = parse_job_args(job_options())
        self.io = etl_job.GlueJobIO(self.glue, None, None, self.args, None)

    def test_raw_rows_are_read_from_the_catalog_with_a_stable_bookmark_context_and_made_text(self):
        reads, choices = [], []
        frame = types.SimpleNamespace(
            resolveChoice=lambda choice: choices.append(choice) or frame,
            toDF=lambda: Frame([Field("VendorID", "long")]))
        self.glue.create_dynamic_frame = types.SimpleNamespace(from_catalog=lambda **kw: reads.append(kw) or frame)
        raw = self.io.read_raw(load_plan(plan_text()))
        self.assertEqual(reads, [{"database": "socar_lake_dev_raw", "table_name": "tripdata",
                                  "transformation_ctx": "raw_tripdata"}])
        self.assertEqual(choices, ["cast:string"])
        self.assertEqual(raw.ops[0][1][0], "cast(col(`VendorID`), string) AS VendorID")

    def test_good_rows_go_to_partitioned_glueparquet_with_catalog_update(self):
        plan = load_plan(plan_text())
        files = self.io.write_good(Frame(), plan, ["vendor_id", "pickup_year", "pickup_month"])
        self.assertEqual(files, [])
        (_, options), fmt, info, (_, written) = self.log
        self.assertEqual(options, {
            "connection_type": "s3", "path": "s3://socar-lake-dev-processed/tripdata/", "enableUpdateCatalog": True,
            "updateBehavior": "UPDATE_IN_DATABASE", "partitionKeys": ["pickup_year", "pickup_month"],
            "transformation_ctx": "processed_tripdata"})
        self.assertEqual(fmt, ("setFormat", "glueparquet"))
        self.assertEqual(info, ("setCatalogInfo", {"catalogDatabase": "socar_lake_dev_processed",
                                                   "catalogTableName": "tripdata"}))
        self.assertEqual(written[0], "dynamic")
        self.assertEqual(written[1].ops[-1], ("select", ["col(`vendor_id`)", "col(`pickup_year`)", "col(`pickup_month`)"]))
        self.assertEqual(written[2], "processed_tripdata")


if __name__ == "__main__":
    unittest.main()
