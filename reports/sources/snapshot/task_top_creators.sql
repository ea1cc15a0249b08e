-- one row per task and creator, by commission
select * from read_parquet('snapshot/task_top_creators.parquet')
