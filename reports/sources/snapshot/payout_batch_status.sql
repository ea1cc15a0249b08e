-- one row per written batch and status (carried: rows of earlier cycles)
select * from read_parquet('snapshot/payout_batch_status.parquet')
