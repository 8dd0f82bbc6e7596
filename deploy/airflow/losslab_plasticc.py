"""Airflow DAG: ingest a PLAsTiCC drop into the losslab warehouse, then check the rejects.

Each task is one losslab command submitted with the Apache Spark provider's SparkSubmitOperator (the cluster,
deploy mode and queue come from the Airflow connection `spark_default`). The check is a Spark SQL query over the
tables the ingest wrote that raises an error, failing the task, when more than `max_reject_share` of the
observations were quarantined (the tables are replaced either way: a failed ingest leaves the previous tables, a
finished one with many rejects needs a human look at plasticc_rejects).

Airflow Variables used (with defaults), read when a task runs (Jinja), never when the DAG file is parsed:
  losslab_home           folder of the losslab checkout with jobs/target/losslab.jar built  (/opt/losslab)
  losslab_warehouse      warehouse URI                                                      (hdfs:///losslab/warehouse)
  plasticc_observations  observation files, folders or globs      (hdfs:///data/plasticc/incoming/training_set.csv)
  plasticc_metadata      metadata files of the same objects        (hdfs:///data/plasticc/incoming/training_set_metadata.csv)
  max_reject_share       share of observations that may be rejected                         (0.001)
"""
from datetime import datetime, timedelta

from airflow import DAG
from losslab_common import WAREHOUSE, losslab

OBSERVATIONS = "{{ var.value.get('plasticc_observations', 'hdfs:///data/plasticc/incoming/training_set.csv') }}"
METADATA = "{{ var.value.get('plasticc_metadata', 'hdfs:///data/plasticc/incoming/training_set_metadata.csv') }}"
MAX_REJECT_SHARE = "{{ var.value.get('max_reject_share', '0.001') }}"

# Fails (raise_error) when the observations rejected by the last ingest exceed the allowed share
CHECK_REJECTS = (
    "SELECT CASE WHEN r.n > " + MAX_REJECT_SHARE + " * (o.n + r.n) "
    "THEN raise_error(concat(r.n, ' of ', o.n + r.n, ' observations rejected (limit " + MAX_REJECT_SHARE + "); "
    "see plasticc_rejects')) "
    "ELSE concat(r.n, ' of ', o.n + r.n, ' observations rejected') END AS rejects "
    "FROM (SELECT count(*) AS n FROM plasticc_rejects WHERE target_table = 'plasticc_observations') r "
    "CROSS JOIN (SELECT count(*) AS n FROM plasticc_observations) o"
)

with DAG(
    dag_id="losslab_plasticc_ingest",
    start_date=datetime(2026, 1, 1),
    schedule="@daily",
    catchup=False,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["losslab"],
) as dag:
    ingest = losslab("ingest_plasticc", "--warehouse", WAREHOUSE, "--json", "ingest-plasticc",
                     "--observations", OBSERVATIONS, "--metadata", METADATA)
    check = losslab("check_rejects", "--warehouse", WAREHOUSE, "--json", "sql", CHECK_REJECTS)
    tables = losslab("list_tables", "--warehouse", WAREHOUSE, "--json", "tables")

    ingest >> check >> tables
