"""Shared settings of the movie lakehouse DAGs: each task runs one `pipeline` command.

The DAGs call the same commands as the built-in scheduler (`pipeline schedule list` shows them), so
a team can move between the two without changing what runs. Point PIPELINE_COMMAND at the launcher
on the Airflow workers (the repository's `./pipeline`, or the image's `/opt/movielake/bin/pipeline`);
the pipeline reads its configuration from the workers' environment or a `.env` file, as anywhere else.
"""

import os
import shlex
from datetime import datetime, timedelta

from airflow import DAG

try:  # Airflow 3
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator

PIPELINE_COMMAND = os.environ.get("PIPELINE_COMMAND", "pipeline")

DEFAULT_ARGS = {
    "owner": "data-team",
    "depends_on_past": False,
    "retries": 1,
    "retry_delay": timedelta(minutes=5),
}

# One start date in the past and no catch-up: a DAG switched on runs from its next slot, like the
# built-in scheduler.
START_DATE = datetime(2024, 1, 1)


def pipeline_dag(dag_id, description, schedule, retries=1, tag=None):
    """A DAG on a cron schedule with the shared defaults: no catch-up and never two runs at once."""
    return DAG(
        dag_id=dag_id,
        description=description,
        default_args={**DEFAULT_ARGS, "retries": retries},
        schedule=schedule,
        start_date=START_DATE,
        catchup=False,
        max_active_runs=1,
        tags=["movielake"] + ([tag] if tag else []),
    )


def pipeline_task(task_id, command, timeout, **kwargs):
    """A task running `pipeline <command>`; its exit code decides success, its output is the task log."""
    return BashOperator(
        task_id=task_id,
        bash_command=PIPELINE_COMMAND + " " + " ".join(shlex.quote(part) for part in command.split()),
        execution_timeout=timeout,
        **kwargs,
    )
