-- R16, R28: gross = service fee + net on every payout row, fee 10 % of gross
select *
from payout_rows
where gross <> service_fee + net
    or service_fee <> round(gross * {{ service_fee_rate }}, 2)
