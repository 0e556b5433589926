"""Airflow DAG: Weekly Iceberg maintenance, Sunday 2 AM (the seed's `iceberg_maintenance`, retries 2).

`maintain all --planned` runs only what each table needs (the plan: compaction of crowded
partitions, manifest rewrite, snapshot expiry, orphan removal), keeps compaction to partitions the
stream is not writing, and commits compaction in steps (partial progress), so a conflict with a
streaming commit loses one file group, not the run. `maintain report` then records the result.
"""

from datetime import timedelta

from movielake import pipeline_dag, pipeline_task

with pipeline_dag("iceberg_maintenance", "Regular Iceberg table maintenance", schedule="0 2 * * 0", retries=2,
                  tag="maintenance") as dag:
    maintain = pipeline_task("run_maintenance", "maintain all --planned", timeout=timedelta(hours=6))
    report = pipeline_task("maintenance_report", "maintain report", timeout=timedelta(minutes=30), trigger_rule="all_done")
    maintain >> report
