-- R17: for revenue-share days, settlement = creator commission + platform fee +
-- developer net; every day, the platform fee is 2 % of the settlement
select *
from developer_income
where (
        task_type = 'revenue_share'
        and settlement <> creator_commission + platform_fee + developer_net
    )
    or platform_fee <> round(settlement * {{ mini_program_fee_rate }}, 2)
