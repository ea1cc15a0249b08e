-- one row per task, event kind and reason
select * from read_parquet('snapshot/task_unattributed.parquet')
