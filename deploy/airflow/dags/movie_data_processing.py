"""Daily processing: Kafka -> bronze -> silver -> gold, then publishing to MongoDB (`movie_data_processing`)."""

from datetime import timedelta

from airflow import DAG

from movielake import DEFAULT_ARGS, START_DATE, pipeline_task

with DAG(
    dag_id="movie_data_processing",
    description="Bronze, silver and gold in one batch run, then the serving collections",
    default_args=DEFAULT_ARGS,
    schedule="0 0 * * *",
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    tags=["movielake", "processing"],
) as dag:
    process = pipeline_task("batch", "batch", timeout=timedelta(hours=3))
    publish = pipeline_task("publish", "publish", timeout=timedelta(hours=1))
    process >> publish
