-- one row per written batch and reconciliation figure
select * from read_parquet('snapshot/payout_reconciliation.parquet')
