"""Airflow DAG: Daily processing: Kafka -> bronze -> silver -> gold, then publishing to MongoDB (`movie_data_processing`)."""

from datetime import timedelta

from movielake import pipeline_dag, pipeline_task

with pipeline_dag("movie_data_processing", "Bronze, silver and gold in one batch run, then the serving collections",
                  schedule="0 0 * * *", tag="processing") as dag:
    process = pipeline_task("batch", "batch", timeout=timedelta(hours=3))
    publish = pipeline_task("publish", "publish", timeout=timedelta(hours=1))
    process >> publish
