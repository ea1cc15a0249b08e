-- one row per creator: its current version (the last ingested) and its payee
with versions as (
    select * exclude (_load_id, _line)
    from landing.creators
    qualify row_number() over (
        partition by creator_id order by _load_id desc, _line desc
    ) = 1
),

final as (
    select
        *,
        -- R18: an MCN's or service provider's creator is paid through its
        -- organisation
        if(kind = 'natural', 'creator', 'org') as payee_kind,
        if(kind = 'natural', creator_id, org_id) as payee_id
    from versions
)

select * from final
