"""Airflow DAG: run a grokking sweep, check it, measure it, and plot it.

The sweep is resumable (finished runs are skipped, failed ones retried), so a retried or re-triggered DAG run
continues where the last one stopped. Each task is one losslab command submitted with the Apache Spark provider's
SparkSubmitOperator (cluster settings from the Airflow connection `spark_default`). The check is a Spark SQL query
over `runs` that raises an error, failing the task, when any run of the sweep failed; `grokking` then fills
grokking_metrics and grokking_regression, and `plot-grokking` writes the curves.

Airflow Variables used (with defaults), read when a task runs (Jinja), never when the DAG file is parsed:
  losslab_home       folder of the losslab checkout with jobs/target/losslab.jar built  (/opt/losslab)
  losslab_warehouse  warehouse URI                                                      (hdfs:///losslab/warehouse)
  grokking_spec      sweep spec, a path on the machine that runs spark-submit  (/opt/losslab/conf/sweeps/grokking-p97.conf)
  grokking_sweep_id  the spec's sweep.id                                                (grokking-p97)
  grokking_plots     folder for the SVG and PNG files                                   (/opt/losslab/work/plots)
"""
from datetime import datetime, timedelta

from airflow import DAG
from losslab_common import WAREHOUSE, losslab

SPEC = "{{ var.value.get('grokking_spec', '/opt/losslab/conf/sweeps/grokking-p97.conf') }}"
SWEEP_ID = "{{ var.value.get('grokking_sweep_id', 'grokking-p97') }}"
PLOTS = "{{ var.value.get('grokking_plots', '/opt/losslab/work/plots') }}"

# Fails (raise_error) when any run of the sweep failed, naming them
CHECK_SWEEP = (
    "SELECT CASE WHEN count_if(status = 'failed') > 0 "
    "THEN raise_error(concat(count_if(status = 'failed'), ' of ', count(*), ' runs failed: ', "
    "concat_ws('; ', collect_list(CASE WHEN status = 'failed' THEN concat(run_id, ': ', failure_reason) END)))) "
    "ELSE concat(count(*), ' runs, none failed') END AS runs "
    "FROM runs WHERE sweep_id = '" + SWEEP_ID + "'"
)

with DAG(
    dag_id="losslab_grokking",
    start_date=datetime(2026, 1, 1),
    schedule=None,
    catchup=False,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["losslab"],
) as dag:
    sweep = losslab("sweep", "--warehouse", WAREHOUSE, "--json", "sweep", "--spec", SPEC)
    check = losslab("check_sweep", "--warehouse", WAREHOUSE, "--json", "sql", CHECK_SWEEP)
    measure = losslab("grokking", "--warehouse", WAREHOUSE, "--json", "grokking", "--sweep", SWEEP_ID)
    plot = losslab("plot_grokking", "--warehouse", WAREHOUSE, "--json", "plot-grokking", "--sweep", SWEEP_ID,
                   "--out", PLOTS)

    sweep >> check >> measure >> plot
