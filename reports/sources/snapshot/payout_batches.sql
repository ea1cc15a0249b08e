-- one row per written batch; written_at as China Standard Time text
select
    cycle_id,
    pay_date,
    strftime(timezone('Asia/Shanghai', written_at), '%Y-%m-%d %H:%M:%S') as written_at,
    lines,
    payable_gross,
    payable_fee,
    payable_net,
    paid_total,
    sha256,
from read_parquet('snapshot/payout_batches.parquet')
