-- one row per contract and rejection reason
select * from read_parquet('snapshot/rejected_by_reason.parquet')
