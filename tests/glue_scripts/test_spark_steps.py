"""etl_job's DataFrame steps against a recording fake of pyspark.sql: which reader options, columns
and writes each step asks for, under which names. What Spark then does with them is checked in the
Glue 5.0 image by glue-scripts/smoke; the options themselves follow Spark 3.5's data source docs
(CSV: header, enforceSchema, sep, quote, escape, multiLine, mode, columnNameOfCorruptRecord; JSON:
primitivesAsString) and its file metadata column (_metadata.file_path)."""

import sys
import types
import unittest
from unittest import mock

import etl_job
from fakes import plan_text
from lake_glue.plan import SourceFormat, load_plan
from lake_glue.runner import RawGroup


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
    F.create_map = lambda *cs: Col("map(" + ", ".join(c.text for c in cs) + ")")
    F.concat = lambda *cs: Col("concat(" + ", ".join(c.text for c in cs) + ")")
    F.substring = lambda c, pos, n: Col(f"substring({c.text}, {pos}, {n})")
    return F


def _types():
    T = types.ModuleType("pyspark.sql.types")
    T.StringType = lambda: "string"
    T.StructField = lambda name, kind, nullable: f"{name}:{kind}"
    T.StructType = lambda fields: list(fields)
    return T


class Field:
    def __init__(self, name, type_name):
        self.name = name
        self.dataType = types.SimpleNamespace(typeName=lambda: type_name)


class Recorder:
    """A reader or writer: every call is logged and the chain goes on."""

    def __init__(self, log):
        self.log = log

    def __getattr__(self, name):
        def call(*args, **kwargs):
            self.log.append((name, *args) + ((kwargs,) if kwargs else ()))
            return self
        return call


class Frame:
    def __init__(self, fields=(), ops=(), first=None, count=0):
        self.schema = types.SimpleNamespace(fields=list(fields))
        self.columns = [f.name for f in fields]
        self.ops, self._first, self._count, self.log = list(ops), first, count, []
        self.write = Recorder(self.log)

    def _then(self, op):
        return Frame(self.schema.fields, self.ops + [op], self._first, self._count)

    def select(self, *cols):
        return self._then(("select", [repr(c) for c in cols]))

    def where(self, cond):
        return self._then(("where", cond.text))

    def agg(self, *cols):
        return self._then(("agg", [repr(c) for c in cols]))

    def unionByName(self, other):
        return self._then(("unionByName", other.ops))

    def cache(self):
        return self._then(("cache",))

    def createOrReplaceTempView(self, name):
        self.log.append(("view", name, self.ops))

    def first(self):
        return self._first

    def count(self):
        return self._count


class SparkStepTests(unittest.TestCase):
    def setUp(self):
        sql = types.ModuleType("pyspark.sql")
        sql.functions, sql.types = _functions(), _types()
        patcher = mock.patch.dict(sys.modules, {"pyspark": types.ModuleType("pyspark"), "pyspark.sql": sql,
                                                "pyspark.sql.functions": sql.functions, "pyspark.sql.types": sql.types})
        patcher.start()
        self.addCleanup(patcher.stop)
        self.plan = load_plan(plan_text(pass_through=["_raw_object", "_raw_values"]))
        self.bare_plan = load_plan(plan_text())

    def reader(self):
        log = []
        return types.SimpleNamespace(read=Recorder(log)), log

    def test_csv_is_read_with_the_groups_header_as_an_all_text_schema_and_rfc4180_quoting(self):
        spark, log = self.reader()
        group = RawGroup(SourceFormat("csv", ";"), ("VendorID", "fare"), ("s3://raw/t/a.csv", "s3://raw/t/b.csv"))
        etl_job.read_group(spark, group)
        self.assertEqual(log[0], ("schema", ["VendorID:string", "fare:string", "_raw_malformed:string"]))
        options = {entry[1]: entry[2] for entry in log if entry[0] == "option"}
        self.assertEqual(options, {"header": "true", "enforceSchema": "true", "sep": ";", "quote": '"', "escape": '"',
                                   "multiLine": "false", "mode": "PERMISSIVE",
                                   "columnNameOfCorruptRecord": "_raw_malformed"})
        self.assertEqual(log[-1], ("csv", ["s3://raw/t/a.csv", "s3://raw/t/b.csv"]))
        self.assertNotIn("inferSchema", options, "inferring types would turn '007' into 7")

    def test_glob_characters_in_raw_keys_are_read_literally(self):
        spark, log = self.reader()
        etl_job.read_group(spark, RawGroup(SourceFormat("csv"), ("a",), ("s3://raw/t/d=1/a[1]{x}*?.csv",)))
        self.assertEqual(log[-1], ("csv", ["s3://raw/t/d=1/a\\[1\\]\\{x\\}\\*\\?.csv"]))

    def test_json_lines_keep_primitives_as_text(self):
        spark, log = self.reader()
        etl_job.read_group(spark, RawGroup(SourceFormat("jsonl"), (), ("s3://raw/r/a.json",)))
        options = {entry[1]: entry[2] for entry in log if entry[0] == "option"}
        self.assertEqual(options["primitivesAsString"], "true")
        self.assertEqual(options["columnNameOfCorruptRecord"], "_raw_malformed")
        self.assertEqual(log[-1], ("json", ["s3://raw/r/a.json"]))

    def test_raw_columns_become_text_with_the_file_of_every_row_from_spark_metadata(self):
        df = Frame([Field("VendorID", "string"), Field("trip.distance", "string"), Field("extra", "struct"),
                    Field("_raw_malformed", "string")])
        (op, cols), = etl_job.raw_text_frame(df, self.plan).ops
        self.assertEqual(op, "select")
        self.assertEqual(cols[:3], ["cast(col(`VendorID`), string) AS VendorID",
                                    "cast(col(`trip.distance`), string) AS trip.distance",
                                    "to_json(col(`extra`)) AS extra"])
        self.assertEqual(cols[-3], "col(_metadata.file_path) AS _raw_object",
                         "input_file_name() can be empty; the metadata column names every row's file")
        self.assertTrue(cols[-2].startswith("map(lit(VendorID), cast(col(`VendorID`), string), "), cols[-2])
        self.assertEqual(cols[-1], "col(`_raw_malformed`) AS _raw_malformed")

    def test_source_columns_the_files_lack_are_added_as_null_text_outside_the_raw_values(self):
        plan = load_plan(plan_text(source_columns=["VendorID", "tpep_pickup_datetime"]))
        (_, cols), = etl_job.raw_text_frame(Frame([Field("vendorid", "string")]), plan).ops
        self.assertEqual(cols[:2], ["cast(col(`vendorid`), string) AS vendorid",
                                    "cast(lit(None), string) AS tpep_pickup_datetime"])
        self.assertEqual(cols[3], "map(lit(vendorid), cast(col(`vendorid`), string)) AS _raw_values")
        self.assertEqual(cols[4], "cast(lit(None), string) AS _raw_malformed")

    def test_the_plan_runs_over_the_well_formed_rows_and_malformed_ones_are_kept_apart(self):
        queries = []
        raw = Frame([Field("a", "string")])
        spark = types.SimpleNamespace(sql=lambda text: queries.append(text) or Frame())
        typed = etl_job.apply_plan(spark, raw, self.plan)
        self.assertEqual(queries, [self.plan.sql])
        self.assertEqual(typed.rows.ops, [("cache",)])
        self.assertEqual(typed.malformed.ops, [("where", "isnotnull(col(`_raw_malformed`))")])

    def test_counts_come_from_one_aggregate_plus_the_malformed_rows(self):
        typed = etl_job.Typed(Frame(first={"rows_out": 3, "rows_quarantined": 2}), Frame(count=1))
        counts = etl_job.count_rows(typed, self.plan)
        self.assertEqual((counts.rows_in, counts.rows_out, counts.rows_quarantined), (6, 3, 3))

    def test_good_rows_are_reason_null_with_only_the_written_columns(self):
        ops = etl_job.good_rows(etl_job.Typed(Frame(), Frame()), self.plan, ["vendor_id", "pickup_year"]).ops
        self.assertEqual(ops, [("where", "isnull(col(`_quarantine_reason`))"),
                               ("select", ["col(`vendor_id`)", "col(`pickup_year`)"])])

    def test_bad_rows_carry_raw_object_reason_and_raw_values_and_malformed_lines_join_them(self):
        ops = etl_job.bad_rows(etl_job.Typed(Frame(), Frame()), self.plan, ["vendor_id"]).ops
        self.assertEqual(ops[0], ("where", "isnotnull(col(`_quarantine_reason`))"))
        self.assertEqual(ops[1][1], ["col(`_raw_object`) AS raw_object", "col(`_quarantine_reason`) AS reason",
                                     "col(`_raw_values`) AS values"])
        union, malformed = ops[2]
        self.assertEqual(union, "unionByName")
        self.assertIn("map(lit(_line), col(`_raw_malformed`)) AS values", malformed[0][1])

    def test_without_pass_through_bad_rows_carry_the_plans_columns_as_text(self):
        ops = etl_job.bad_rows(etl_job.Typed(Frame(), Frame()), self.bare_plan, ["vendor_id"]).ops
        self.assertEqual(ops[1][1][2], "map(lit(vendor_id), cast(col(`vendor_id`), string)) AS values")

    def test_staged_writes_replace_a_failed_attempts_leftovers_and_keep_null_fields(self):
        frame = Frame()
        etl_job.write_json_lines(frame, "s3://q/t/_staging/run=1/")
        self.assertEqual(frame.log, [("mode", "overwrite"), ("option", "ignoreNullFields", "false"),
                                     ("json", "s3://q/t/_staging/run=1/")])
        parquet = Frame()
        etl_job.write_parquet(parquet, ["pickup_year", "pickup_month"], "s3://p/_staging/t/run=1/")
        self.assertEqual(parquet.log, [("mode", "overwrite"), ("option", "compression", "snappy"),
                                       ("partitionBy", "pickup_year", "pickup_month"),
                                       ("parquet", "s3://p/_staging/t/run=1/")])

    def test_spark_is_set_to_quarantine_not_fail_on_datetimes_the_legacy_parser_read(self):
        conf = {}
        etl_job.configure_spark(types.SimpleNamespace(conf=types.SimpleNamespace(set=conf.__setitem__)))
        self.assertEqual(conf, {"spark.sql.legacy.timeParserPolicy": "CORRECTED", "spark.sql.session.timeZone": "UTC",
            "spark.sql.parquet.datetimeRebaseModeInWrite": "CORRECTED", "spark.sql.parquet.int96RebaseModeInWrite": "CORRECTED"})


if __name__ == "__main__":
    unittest.main()
