-- one row per (batch cycle, payee, creator, task, origin cycle, status): what
-- the batch of each cycle holds if written now (R16, R18, R19, R27)
with lines as (
    select * from earning_lines
),

creators as (
    select * from stg_creators
),

paid_before as (
    select * from payout_batch_lines where status = 'payable'
),

cycle_bounds as (
    select
        min(cycle_id) as first_cycle,
        greatest(
            max(cycle_id),
            max(payable_cycle_id),
            (select next_cycle(max(batch_cycle_id)) from payout_batch_lines)
        ) as last_cycle
    from lines
),

batch_cycles as (
    -- every cycle from the first accrual to the latest one a line becomes
    -- payable in, and the one after the latest batch written
    with recursive walk(batch_cycle_id) as (
        select first_cycle from cycle_bounds
        union all
        select next_cycle(batch_cycle_id) from walk cross join cycle_bounds
        where batch_cycle_id < cycle_bounds.last_cycle
    )
    select batch_cycle_id from walk
),

accrued as (
    -- R27: earnings accrued in the batch's own cycle, with their status in it
    -- (R19)
    select
        cycle_id as batch_cycle_id,
        payee_kind,
        payee_id,
        creator_id,
        task_id,
        cycle_id as origin_cycle_id,
        case
            when status = 'payable' and payable_cycle_id = cycle_id
                then 'payable'
            when status = 'payable' then 'held'
            else status
        end as status,
        sum(amount) as gross
    from lines
    group by all
),

owed as (
    -- what is payable for an earlier origin cycle by each later batch, as
    -- known now
    select
        batch_cycles.batch_cycle_id,
        lines.creator_id,
        lines.task_id,
        lines.cycle_id as origin_cycle_id,
        sum(lines.amount) as owed
    from batch_cycles
    inner join lines
        on lines.cycle_id < batch_cycles.batch_cycle_id
        and lines.status = 'payable'
        and lines.payable_cycle_id <= batch_cycles.batch_cycle_id
    group by all
),

paid as (
    select
        batch_cycles.batch_cycle_id,
        paid_before.creator_id,
        paid_before.task_id,
        paid_before.origin_cycle_id,
        sum(paid_before.gross) as paid
    from batch_cycles
    inner join paid_before
        on paid_before.batch_cycle_id < batch_cycles.batch_cycle_id
        and paid_before.origin_cycle_id < batch_cycles.batch_cycle_id
    group by all
),

carried as (
    -- R27: the difference between what is owed now and what was paid, when
    -- not zero
    select
        batch_cycle_id,
        -- R18: under the creator's current payee
        creators.payee_kind,
        creators.payee_id,
        creator_id,
        task_id,
        origin_cycle_id,
        'payable' as status,
        coalesce(owed.owed, 0) - coalesce(paid.paid, 0) as gross
    from owed
    full outer join paid
        using (batch_cycle_id, creator_id, task_id, origin_cycle_id)
    inner join creators using (creator_id)
    where coalesce(owed.owed, 0) <> coalesce(paid.paid, 0)
),

rows as (
    select * from accrued
    union all
    select * from carried
),

final as (
    select
        batch_cycle_id,
        cycle_pay_date(batch_cycle_id) as pay_date,
        payee_kind,
        payee_id,
        creator_id,
        task_id,
        origin_cycle_id,
        status,
        cast(gross as decimal(18, 2)) as gross,
        -- R16: 10 % of the row's own gross, negative ones included
        cast(
            round(gross * {{ service_fee_rate }}, 2) as decimal(18, 2)
        ) as service_fee,
        cast(
            gross - round(gross * {{ service_fee_rate }}, 2) as decimal(18, 2)
        ) as net
    from rows
)

select * from final
