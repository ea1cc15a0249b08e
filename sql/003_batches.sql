-- Payout batches as written (R27): once a cycle's batch is stored here it is
-- closed, and writing it again reproduces it from these rows alone.

-- one row per written batch
create table if not exists payout_batches (
    cycle_id varchar primary key,
    pay_date date not null,
    written_at timestamptz not null,
    lines bigint not null,
    payable_gross decimal(18, 2) not null,
    payable_fee decimal(18, 2) not null,
    payable_net decimal(18, 2) not null,
    paid_total decimal(18, 2) not null,
    sha256 varchar not null,
    xlsx_sha256 varchar not null,
    build_id integer,
    source_loads varchar[] not null
);

-- one row per line of a written batch, exactly as in its CSV
create table if not exists payout_batch_lines (
    batch_cycle_id varchar not null,
    pay_date date not null,
    payee_kind varchar not null,
    payee_id varchar not null,
    creator_id varchar not null,
    task_id varchar not null,
    origin_cycle_id varchar not null,
    status varchar not null,
    gross decimal(18, 2) not null,
    service_fee decimal(18, 2) not null,
    net decimal(18, 2) not null
);

-- one row per payee of a written batch: the set-off of R27
create table if not exists payout_batch_payees (
    batch_cycle_id varchar not null,
    payee_kind varchar not null,
    payee_id varchar not null,
    lines bigint not null,
    payable_gross decimal(18, 2) not null,
    payable_fee decimal(18, 2) not null,
    payable_net decimal(18, 2) not null,
    carried_in decimal(18, 2) not null,
    paid decimal(18, 2) not null,
    carried_out decimal(18, 2) not null
);

-- one row per model build: what it was built from
create sequence if not exists build_id_seq start 1;
create table if not exists builds (
    build_id integer primary key,
    started_at timestamptz not null,
    finished_at timestamptz not null,
    last_load_id integer,
    batches bigint not null
);

-- one row per exception shown in a written batch's Exceptions sheet: lines
-- that are not payable, and earning lines cut by a budget (R22)
create table if not exists payout_batch_exceptions (
    batch_cycle_id varchar not null,
    kind varchar not null,
    payee_kind varchar not null,
    payee_id varchar not null,
    creator_id varchar not null,
    task_id varchar not null,
    video_id varchar,
    accrual_date date,
    source varchar,
    amount decimal(18, 2) not null,
    amount_cut decimal(18, 2)
);

-- one row per figure of a written batch's reconciliation (R28), as it stood
-- when the batch was written, so that its Reconciliation sheet is reproduced
-- byte for byte
create table if not exists payout_batch_reconciliation (
    batch_cycle_id varchar not null,
    position integer not null,
    figure varchar not null,
    amount decimal(18, 2) not null
);

-- each payee's balance after the latest batch before cycle c it appeared in
-- (R27)
create or replace macro payee_balances_before(c) as table
    select payee_kind, payee_id, carried_out as balance
    from payout_batch_payees
    where batch_cycle_id < c
    qualify row_number() over (
        partition by payee_kind, payee_id order by batch_cycle_id desc
    ) = 1;
