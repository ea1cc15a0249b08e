-- one row per mini-program: its current version (the last one ingested)
with versions as (
    select * exclude (_load_id, _line)
    from landing.mini_programs
    qualify row_number() over (
        partition by mini_program_id order by _load_id desc, _line desc
    ) = 1
),

final as (
    select * from versions
)

select * from final
