-- one row per written batch and payee
select * from read_parquet('snapshot/payout_batch_payees.parquet')
