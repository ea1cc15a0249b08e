import type { DuckDBConnection } from '@duckdb/node-api';
import type { Contract } from '../contracts/contracts.js';
import { ident } from './stage.js';

/**
 * Decides, for every good row of the file (temp table `typed`), whether it is loaded,
 * skipped as already held, or rejected as a conflict, following the contract's kind
 * (CONTRACTS.md, loading semantics), and inserts the loaded rows into its landing
 * table. Leaves the verdicts in the temp table `decided` (_line, _verdict, _conflict).
 */
export async function mergeIntoLanding(
  connection: DuckDBConnection,
  contract: Contract,
  loadId: number,
): Promise<void> {
  const sql = { event: eventVerdicts, reference: referenceVerdicts, set: setVerdicts }[
    contract.kind
  ];
  await connection.run(`create or replace temp table decided as ${sql(contract)}`);

  const columns = Object.keys(contract.columns).map(ident).join(', ');
  await connection.run(`
    insert into landing.${contract.name} (${columns}, _load_id, _line)
    select ${columns}, ${loadId}, _line
    from typed join decided using (_line)
    where _verdict = 'load'
    order by _line`);
}

const columnsOf = (contract: Contract) => Object.keys(contract.columns).map(ident);
const keyOf = (contract: Contract) => contract.key.map(ident);
const joinOn = (keys: string[], left: string, right: string) =>
  keys.map((key) => `${left}.${key} = ${right}.${key}`).join(' and ');
const same = (columns: string[], left: string, right: string) =>
  columns
    .map((column) => `${left}.${column} is not distinct from ${right}.${column}`)
    .join(' and ');
const differing = (columns: string[], left: string, right: string) =>
  `concat_ws(', ', ${columns
    .map(
      (column) =>
        `if(${left}.${column} is distinct from ${right}.${column}, '\`' || '${column.slice(1, -1)}' || '\`', null)`,
    )
    .join(', ')})`;

/** Events: one row per key for ever; the first line held wins, equal repeats are skipped. */
function eventVerdicts(contract: Contract): string {
  const columns = columnsOf(contract);
  const keys = keyOf(contract);
  return `
    with incoming as (
        select *, row_number() over (partition by ${keys.join(', ')} order by _line) as key_rank
        from typed
    )
    select
        incoming._line,
        case
            when held._line is not null then if(${same(columns, 'incoming', 'held')}, 'skip', 'reject')
            when incoming.key_rank = 1 then 'load'
            when ${same(columns, 'incoming', 'earlier')} then 'skip'
            else 'reject'
        end as _verdict,
        case
            when held._line is not null
                then 'conflicts with the row already loaded for this key (load '
                    || held._load_id || ', line ' || held._line || '): differs in '
                    || ${differing(columns, 'incoming', 'held')}  
            else 'conflicts with line ' || earlier._line || ' of this file, which has this key: differs in '
                || ${differing(columns, 'incoming', 'earlier')}  
        end as _conflict
    from incoming
    left join landing.${contract.name} as held on ${joinOn(keys, 'incoming', 'held')}
    left join (
        -- only keys repeated in the file need their first line: few rows
        select * from incoming
        where key_rank = 1
            and (${keys.join(', ')}) in (select (${keys.join(', ')}) from incoming where key_rank > 1)
    ) as earlier on ${joinOn(keys, 'incoming', 'earlier')}`;
}

/** Reference rows: each is a new version unless it repeats the version before it. */
function referenceVerdicts(contract: Contract): string {
  const columns = columnsOf(contract);
  const keys = keyOf(contract);
  const lags = columns.map(
    (column) => `lag(${column}) over versions as ${ident(`prev_${column.slice(1, -1)}`)}`,
  );
  const sameAsPrevious = columns
    .map((column) => `${column} is not distinct from ${ident(`prev_${column.slice(1, -1)}`)}`)
    .join(' and ');
  return `
    with current_versions as (
        select ${columns.join(', ')}, 0 as _line, true as is_held
        from landing.${contract.name}
        where exists (
            select 1 from typed where ${joinOn(keys, 'typed', `landing.${contract.name}`)})
        qualify row_number() over (
            partition by ${keys.join(', ')} order by _load_id desc, _line desc) = 1
    ),
    sequence as (
        select ${columns.join(', ')}, _line, false as is_held from typed
        union all
        select * from current_versions
    ),
    compared as (
        select *, ${lags.join(', ')}
        from sequence
        window versions as (partition by ${keys.join(', ')} order by is_held desc, _line)
    )
    select _line, if(${sameAsPrevious}, 'skip', 'load') as _verdict, null::varchar as _conflict
    from compared
    where not is_held`;
}

/** Sets: a pair is held once; repeats, in the file or across files, are skipped. */
function setVerdicts(contract: Contract): string {
  const keys = keyOf(contract);
  return `
    select
        typed._line,
        if(held._line is null
            and row_number() over (partition by ${keys.map((key) => `typed.${key}`).join(', ')} order by typed._line) = 1,
            'load', 'skip') as _verdict,
        null::varchar as _conflict
    from typed
    left join landing.${contract.name} as held on ${joinOn(keys, 'typed', 'held')}`;
}
