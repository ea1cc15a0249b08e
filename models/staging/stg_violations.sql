-- one row per (creator, cycle) with a recorded violation (R20)
with violations as (
    select * from landing.violations
),

final as (
    select
        creator_id,
        cycle_id,
        reason,
        recorded_at
    from violations
)

select * from final
