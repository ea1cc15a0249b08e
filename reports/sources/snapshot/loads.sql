-- one row per ingested file; loaded_at as China Standard Time text
select
    load_id,
    file_name,
    contract,
    format,
    rows_read,
    rows_loaded,
    rows_skipped,
    rows_rejected,
    strftime(timezone('Asia/Shanghai', loaded_at), '%Y-%m-%d %H:%M:%S') as loaded_at,
from read_parquet('snapshot/loads.parquet')
