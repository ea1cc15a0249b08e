-- one row per finding
select * from read_parquet('snapshot/data_quality_flags.parquet')
