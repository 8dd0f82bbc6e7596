"""Airflow DAG: run a grokking sweep, measure it, and plot it.

The sweep is resumable (finished runs are skipped, failed ones retried), so a retried or re-triggered DAG run
continues where the last one stopped. The check task reads the sweep's JSON from XCom and fails when any run
failed; `grokking` then fills grokking_metrics and grokking_regression, and `plot-grokking` writes the curves.

Airflow Variables used (with defaults):
  losslab_home         folder of the losslab checkout with jobs/target/losslab.jar built  (/opt/losslab)
  losslab_spark_args   spark-submit options                                                 (--master yarn --deploy-mode client)
  losslab_warehouse    warehouse URI                                                        (hdfs:///losslab/warehouse)
  grokking_spec        sweep spec, a path on the machine that runs spark-submit  (/opt/losslab/conf/sweeps/grokking-p97.conf)
  grokking_sweep_id    the spec's sweep.id                                                   (grokking-p97)
  grokking_plots       folder for the SVG and PNG files                                      (/opt/losslab/work/plots)
"""
import json
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator


def _var(name, default):
    return Variable.get(name, default_var=default)


def _check_sweep(ti, **_):
    result = json.loads(ti.xcom_pull(task_ids="sweep").strip().splitlines()[-1])
    failed = [o for o in result["outcomes"] if o["status"] == "failed"]
    if failed:
        raise ValueError(f"{len(failed)} of {result['runs']} runs failed: "
                         + "; ".join(f"{o['run_id']}: {o['failure_reason']}" for o in failed))
    print(f"{result['finished']} runs trained, {result['skipped']} finished before")


with DAG(
    dag_id="losslab_grokking",
    start_date=datetime(2026, 1, 1),
    schedule=None,
    catchup=False,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["losslab"],
) as dag:
    home = _var("losslab_home", "/opt/losslab")
    submit = f"{home}/deploy/spark-submit.sh {_var('losslab_spark_args', '--master yarn --deploy-mode client')} --"
    warehouse = _var("losslab_warehouse", "hdfs:///losslab/warehouse")
    spec = _var("grokking_spec", f"{home}/conf/sweeps/grokking-p97.conf")
    sweep_id = _var("grokking_sweep_id", "grokking-p97")
    plots = _var("grokking_plots", f"{home}/work/plots")

    sweep = BashOperator(
        task_id="sweep",
        bash_command=f"{submit} sweep --json --warehouse {warehouse} --spec '{spec}' | tail -n 1",
        do_xcom_push=True,
    )
    check = PythonOperator(task_id="check_sweep", python_callable=_check_sweep)
    measure = BashOperator(
        task_id="grokking",
        bash_command=f"{submit} grokking --json --warehouse {warehouse} --sweep {sweep_id}",
    )
    plot = BashOperator(
        task_id="plot_grokking",
        bash_command=f"{submit} plot-grokking --json --warehouse {warehouse} --sweep {sweep_id} --out '{plots}'",
    )

    sweep >> check >> measure >> plot
