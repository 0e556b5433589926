"""Airflow DAG: Data quality every 6 hours (`data_quality_monitoring`): scores per table, alerts through the webhook."""

from datetime import timedelta

from movielake import pipeline_dag, pipeline_task

with pipeline_dag("data_quality_monitoring", "Schema, freshness, volume, completeness and validity of every table",
                  schedule="0 */6 * * *", tag="quality") as dag:
    pipeline_task("quality", "quality", timeout=timedelta(hours=1))
