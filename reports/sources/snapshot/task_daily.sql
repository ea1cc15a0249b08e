-- one row per task and local date
select * from read_parquet('snapshot/task_daily.parquet')
