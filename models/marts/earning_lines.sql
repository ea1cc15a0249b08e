-- one row per (video, accrual date, source): the creator's earning line, at
-- the amount its task's budget could pay (R14, R18, R19, R20, R22)
with computed as (
    select * from int_earning_lines_computed
),

draws as (
    select * from int_budget_draws
),

funding as (
    select * from int_task_funding
),

creators as (
    select * from stg_creators
),

final as (
    select
        computed.video_id,
        computed.task_id,
        computed.creator_id,
        computed.accrual_date,
        computed.source,
        computed.events,
        computed.basis,
        -- R22: what the budget paid; unfunded tasks pay what was computed
        coalesce(draws.drawn, computed.amount) as amount,
        computed.amount as amount_computed,
        coalesce(draws.cut, 0) as amount_cut,
        coalesce(draws.cut, 0) > 0 as cut_by_budget,
        computed.cycle_id,
        cycle_pay_date(computed.cycle_id) as pay_date,
        -- R19, R20, R27: a line both void and withheld is rejected
        case
            when computed.is_void then 'rejected'
            when computed.is_withheld then 'withheld'
            when computed.audit_status = 'passed' then 'payable'
            else 'held'
        end as status,
        -- R19: payable in the later of its cycle and the cycle of the audit
        -- pass
        if(
            computed.audit_status = 'passed'
            and not computed.is_void
            and not computed.is_withheld,
            greatest(
                computed.cycle_id,
                cycle_of(cst_date(computed.audited_at))
            ),
            null
        ) as payable_cycle_id,
        -- R18
        creators.payee_kind,
        creators.payee_id
    from computed
    inner join creators on computed.creator_id = creators.creator_id
    left join funding on computed.task_id = funding.task_id
    left join draws
        on computed.video_id = draws.video_id
        and computed.accrual_date = draws.accrual_date
        and computed.source = draws.source
    -- R21: a funded task rejected for its budget never went live
    where funding.task_id is null or funding.accepted
)

select * from final
