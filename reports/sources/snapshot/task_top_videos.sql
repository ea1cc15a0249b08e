-- one row per task and video, by commission
select * from read_parquet('snapshot/task_top_videos.parquet')
