"""Airflow DAG: ingest a PLAsTiCC drop into the losslab warehouse, then check the rejects.

Each task runs one losslab command through deploy/spark-submit.sh with --json, so the task log ends with the
command's JSON result; the check task reads the ingest's JSON from XCom and fails the run when more than
`max_reject_share` of the observations were quarantined (the tables are replaced either way: a failed ingest
leaves the previous tables, a finished one with many rejects needs a human look at plasticc_rejects).

Airflow Variables used (with defaults):
  losslab_home         folder of the losslab checkout with jobs/target/losslab.jar built  (/opt/losslab)
  losslab_spark_args   spark-submit options                                                 (--master yarn --deploy-mode client)
  losslab_warehouse    warehouse URI                                                        (hdfs:///losslab/warehouse)
  plasticc_observations  observation files, folders or globs      (hdfs:///data/plasticc/incoming/training_set.csv)
  plasticc_metadata      metadata files of the same objects        (hdfs:///data/plasticc/incoming/training_set_metadata.csv)
  max_reject_share     share of observations that may be rejected                           (0.001)
"""
import json
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator


def _var(name, default):
    return Variable.get(name, default_var=default)


def _check_rejects(ti, **_):
    result = json.loads(ti.xcom_pull(task_ids="ingest_plasticc").strip().splitlines()[-1])
    observations = result["observations"]
    if observations["rows_in"] != observations["rows_written"] + observations["rows_rejected"]:
        raise ValueError(f"counts do not reconcile: {observations}")
    share = observations["rows_rejected"] / max(1, observations["rows_in"])
    limit = float(_var("max_reject_share", "0.001"))
    if share > limit:
        raise ValueError(
            f"{share:.4%} of observations rejected (limit {limit:.4%}): "
            f"{observations['rejects_by_reason']}; see table plasticc_rejects")
    print(f"rejected {share:.4%} of observations; by reason {observations['rejects_by_reason']}")


with DAG(
    dag_id="losslab_plasticc_ingest",
    start_date=datetime(2026, 1, 1),
    schedule="@daily",
    catchup=False,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["losslab"],
) as dag:
    home = _var("losslab_home", "/opt/losslab")
    submit = f"{home}/deploy/spark-submit.sh {_var('losslab_spark_args', '--master yarn --deploy-mode client')} --"
    warehouse = _var("losslab_warehouse", "hdfs:///losslab/warehouse")
    observations = _var("plasticc_observations", "hdfs:///data/plasticc/incoming/training_set.csv")
    metadata = _var("plasticc_metadata", "hdfs:///data/plasticc/incoming/training_set_metadata.csv")

    ingest = BashOperator(
        task_id="ingest_plasticc",
        bash_command=(
            f"{submit} ingest-plasticc --json --warehouse {warehouse} "
            f"--observations '{observations}' --metadata '{metadata}' | tail -n 1"),
        do_xcom_push=True,
    )

    check = PythonOperator(task_id="check_rejects", python_callable=_check_rejects)

    tables = BashOperator(
        task_id="list_tables",
        bash_command=f"{submit} tables --json --warehouse {warehouse}",
    )

    ingest >> check >> tables
