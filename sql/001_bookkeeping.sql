-- The warehouse's own bookkeeping: what was loaded, and every row that was not.
-- Landing tables (schema `landing`) are created from the contracts in
-- pipelines/contracts/contracts.ts, so their columns cannot drift from the
-- zod schemas.

create sequence if not exists load_id_seq start 1;

-- one row per ingested file
create table if not exists loads (
    load_id integer primary key,
    file_name varchar not null,
    path varchar not null,
    contract varchar not null,
    format varchar not null,
    sha256 varchar not null unique,
    size_bytes bigint not null,
    rows_read bigint not null,
    rows_loaded bigint not null,
    rows_skipped bigint not null,
    rows_rejected bigint not null,
    ignored_columns varchar[] not null,
    loaded_at timestamptz not null
);

-- one row per rejected input row
create table if not exists rejected_rows (
    load_id integer not null,
    file_name varchar not null,
    contract varchar not null,
    line bigint not null,
    reason varchar not null,
    raw varchar not null
);

-- one row per file that could not be loaded at all (unreadable, unknown name,
-- missing column); nothing of it is in the warehouse
create table if not exists load_failures (
    file_name varchar not null,
    path varchar not null,
    sha256 varchar,
    error varchar not null,
    failed_at timestamptz not null
);

create schema if not exists landing;
