"""Data quality every 6 hours (`data_quality_monitoring`): scores per table, alerts through the webhook."""

from datetime import timedelta

from airflow import DAG

from movielake import DEFAULT_ARGS, START_DATE, pipeline_task

with DAG(
    dag_id="data_quality_monitoring",
    description="Schema, freshness, volume, completeness and validity of every table",
    default_args=DEFAULT_ARGS,
    schedule="0 */6 * * *",
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    tags=["movielake", "quality"],
) as dag:
    pipeline_task("quality", "quality", timeout=timedelta(hours=1))
