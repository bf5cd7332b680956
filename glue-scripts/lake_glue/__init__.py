"""Pure helpers of the lake's Glue ETL job: job arguments, zone paths, typing plan, run summary.

Nothing here imports pyspark, awsglue or boto3, so the whole package runs (and is tested) with the
Python standard library alone; etl_job.py wires these helpers to Glue and Spark.
"""
