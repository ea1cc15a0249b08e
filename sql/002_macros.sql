-- Calendar helpers shared by the models and open to analysts. Every local
-- date is taken from the fixed +08:00 offset (R1), never from the session's
-- time zone: 28 800 000 000 microseconds are eight hours.

-- the local date (China Standard Time) of an instant (R1)
create or replace macro cst_date(ts) as
    cast(make_timestamp(epoch_us(ts) + 28800000000) as date);

-- an instant from epoch microseconds, exact, whatever the session's time zone
create or replace macro from_epoch_us(us) as
    timestamptz '1970-01-01 00:00:00+00' + to_microseconds(us);

-- R6: one calendar month after an instant, counted in local time; on a day
-- the next month lacks, its last day
create or replace macro plus_one_month(ts) as
    from_epoch_us(
        epoch_us(make_timestamp(epoch_us(ts) + 28800000000) + interval 1 month)
        - 28800000000
    );

-- R2: the payout cycle of a local accrual date
create or replace macro cycle_of(d) as
    case
        when day(d) >= 26 then strftime(d + interval 1 month, '%Y-%m') || '-A'
        when day(d) <= 10 then strftime(d, '%Y-%m') || '-A'
        else strftime(d, '%Y-%m') || '-B'
    end;

create or replace macro cycle_month(c) as
    make_date(
        cast(substr(c, 1, 4) as integer),
        cast(substr(c, 6, 2) as integer),
        1
    );

-- R2: the 16th of the month for an A cycle, the 1st of the next month for a
-- B cycle
create or replace macro cycle_pay_date(c) as
    case right(c, 1)
        when 'A' then cycle_month(c) + 15
        else cast(cycle_month(c) + interval 1 month as date)
    end;

-- R2: the first and last local accrual dates of a cycle
create or replace macro cycle_first_date(c) as
    case right(c, 1)
        when 'A' then cast(cycle_month(c) - interval 1 month as date) + 25
        else cycle_month(c) + 10
    end;

create or replace macro cycle_last_date(c) as
    case right(c, 1)
        when 'A' then cycle_month(c) + 9
        else cycle_month(c) + 24
    end;

-- the cycle after a cycle
create or replace macro next_cycle(c) as
    case right(c, 1)
        when 'A' then left(c, 8) || 'B'
        else strftime(cycle_month(c) + interval 1 month, '%Y-%m') || '-A'
    end;
