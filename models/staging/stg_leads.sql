-- one row per lead callback (lead, event), with its local date (R1, R11)
with leads as (
    select * from landing.leads
),

final as (
    select
        lead_id,
        event,
        video_id,
        mini_program_id,
        occurred_at,
        cst_date(occurred_at) as occurred_date
    from leads
)

select * from final
