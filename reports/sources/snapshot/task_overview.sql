-- one row per task
select * from read_parquet('snapshot/task_overview.parquet')
