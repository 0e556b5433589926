"""Airflow DAG: Hourly TMDB ingestion into Kafka (the original `movie_data_ingestion` DAG, retries 3)."""

from datetime import timedelta

from movielake import pipeline_dag, pipeline_task

with pipeline_dag("movie_data_ingestion", "TMDB lists, details, credits, reviews and people into Kafka",
                  schedule="0 * * * *", retries=3, tag="ingestion") as dag:
    pipeline_task("ingest_batch", "ingest batch", timeout=timedelta(minutes=50))
