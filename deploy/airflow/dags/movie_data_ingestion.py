"""Hourly TMDB ingestion into Kafka (the original `movie_data_ingestion` DAG, retries 3)."""

from datetime import timedelta

from airflow import DAG

from movielake import DEFAULT_ARGS, START_DATE, pipeline_task

with DAG(
    dag_id="movie_data_ingestion",
    description="TMDB lists, details, credits, reviews and people into Kafka",
    default_args={**DEFAULT_ARGS, "retries": 3},
    schedule="0 * * * *",
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    tags=["movielake", "ingestion"],
) as dag:
    pipeline_task("ingest_batch", "ingest batch", timeout=timedelta(minutes=50))
