"""Weekly Iceberg maintenance, Sunday 2 AM (the seed's `iceberg_maintenance`, retries 2).

`maintain all --planned` runs only what each table needs (the plan: compaction of crowded
partitions, manifest rewrite, snapshot expiry, orphan removal), keeps compaction to partitions the
stream is not writing, and commits compaction in steps (partial progress), so a conflict with a
streaming commit loses one file group, not the run. `maintain report` then records the result.
"""

from datetime import timedelta

from airflow import DAG

from movielake import DEFAULT_ARGS, START_DATE, pipeline_task

with DAG(
    dag_id="iceberg_maintenance",
    description="Regular Iceberg table maintenance",
    default_args={**DEFAULT_ARGS, "retries": 2},
    schedule="0 2 * * 0",
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    tags=["movielake", "maintenance"],
) as dag:
    maintain = pipeline_task("run_maintenance", "maintain all --planned", timeout=timedelta(hours=6))
    report = pipeline_task("maintenance_report", "maintain report", timeout=timedelta(minutes=30), trigger_rule="all_done")
    maintain >> report
