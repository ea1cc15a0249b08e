-- one row per event kind and reason
select * from read_parquet('snapshot/unattributed_by_reason.parquet')
