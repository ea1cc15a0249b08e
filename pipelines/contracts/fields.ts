import { z } from 'zod';

/**
 * Field types of CONTRACTS.md ("Types"). Each is defined once, as an ordered list of
 * checks on the trimmed text; from that list come both the zod schema (for rows read in
 * JavaScript) and the SQL that checks a whole staged file inside DuckDB, so the two can
 * never disagree. The first failing check gives the row's reason.
 */
export interface Check {
  /** Why a value fails, after the column name: "`amount`: has more than 2 decimals". */
  message: string;
  /** RE2 and JavaScript compatible pattern the whole value must match. */
  pattern?: string;
  /** A SQL predicate on `v` (already trimmed, non-empty) that is true when valid. */
  sql?: (v: string) => string;
  /** The same predicate in JavaScript. */
  js?: (v: string) => boolean;
}

export type FieldKind =
  'id' | 'ts' | 'date' | 'money' | 'money6' | 'int' | 'list' | 'enum' | 'text';

export interface FieldSpec {
  kind: FieldKind;
  /** Column type in the landing table. */
  sqlType: string;
  required: boolean;
  checks: Check[];
  /**
   * A shortcut for bulk checking: when all of these pass, every check passes. Lets SQL
   * test a good value with one or two predicates and look for the reason only when it
   * fails. Defaults to `checks`.
   */
  fast?: Check[];
  /** SQL turning a checked, trimmed text `v` into the landing type. */
  cast: (v: string) => string;
  /** JavaScript turning a checked, trimmed text into the parsed value. */
  parse: (v: string) => unknown;
  enumValues?: readonly string[];
}

const TRIM_CHARS = ' \t\r\n';
/** The same characters as a SQL expression. */
export const SQL_TRIM_CHARS = `' ' || chr(9) || chr(13) || chr(10)`;

/** Trims like SQL `trim(v, ' \t\r\n')`: the same characters in both worlds. */
export function trimValue(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && TRIM_CHARS.includes(text[start]!)) start++;
  while (end > start && TRIM_CHARS.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

const matches = (pattern: string, v: string) => new RegExp(pattern).test(v);

function isCalendarDate(v: string): boolean {
  const [y, m, d] = v.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const calendarCheck: Check = {
  message: 'is not a real calendar date',
  sql: (v) => `try_cast(substr(${v}, 1, 10) as date) is not null`,
  js: isCalendarDate,
};

const TS_SHAPE = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?';
const TS_OFFSET = '(Z|[+-]\\d{2}:\\d{2})$';

const tsChecks: Check[] = [
  {
    message: 'is not a timestamp `YYYY-MM-DDTHH:MM:SS[.ffffff]±HH:MM`',
    pattern: `${TS_SHAPE}.*$`,
  },
  {
    message: 'has no offset; write `Z` or `±HH:MM` after the time (R1)',
    pattern: `${TS_SHAPE}(Z|[+-].*)$`,
  },
  {
    message: 'is not a timestamp `YYYY-MM-DDTHH:MM:SS[.ffffff]±HH:MM`',
    pattern: TS_SHAPE + TS_OFFSET,
  },
  {
    message: 'is not a real time of day or offset',
    pattern: '^.{10}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d[^Z+-]*(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$',
  },
  calendarCheck,
];

function moneyChecks(decimals: number): Check[] {
  return [
    {
      message:
        'is not an amount in yuan (digits, optional decimals; no sign, grouping or exponent)',
      pattern: '^\\d+(\\.\\d+)?$',
    },
    { message: `has more than ${decimals} decimals`, pattern: `^\\d+(\\.\\d{1,${decimals}})?$` },
    { message: 'is too large', pattern: `^0*\\d{1,${18 - decimals}}(\\.\\d+)?$` },
  ];
}

function field(spec: Omit<FieldSpec, 'required'>): FieldSpec {
  return { ...spec, required: true };
}

export const fields = {
  id: (): FieldSpec =>
    field({
      kind: 'id',
      sqlType: 'varchar',
      checks: [
        {
          message: 'is not an id (1–64 ASCII letters, digits and `_-.:`)',
          pattern: '^[A-Za-z0-9_.:-]{1,64}$',
        },
      ],
      cast: (v) => v,
      parse: (v) => v,
    }),
  ts: (): FieldSpec =>
    field({
      kind: 'ts',
      sqlType: 'timestamptz',
      checks: tsChecks,
      fast: [
        {
          message: 'is not a timestamp',
          pattern:
            '^\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,6})?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$',
        },
        calendarCheck,
      ],
      cast: (v) => `cast(${v} as timestamptz)`,
      parse: (v) => v,
    }),
  date: (): FieldSpec =>
    field({
      kind: 'date',
      sqlType: 'date',
      checks: [
        { message: 'is not a date `YYYY-MM-DD`', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        calendarCheck,
      ],
      cast: (v) => `cast(${v} as date)`,
      parse: (v) => v,
    }),
  /** Yuan with at most 2 decimals; `positive` adds the "> 0" rule of amounts. */
  money: (options: { positive?: boolean } = {}): FieldSpec => moneyField(2, options.positive),
  money6: (options: { positive?: boolean } = {}): FieldSpec => moneyField(6, options.positive),
  int: (): FieldSpec =>
    field({
      kind: 'int',
      sqlType: 'bigint',
      checks: [
        { message: 'is not a whole number (digits only)', pattern: '^\\d+$' },
        { message: 'is too large', pattern: '^0*\\d{1,15}$' },
      ],
      fast: [{ message: 'is not a whole number', pattern: '^0*\\d{1,15}$' }],
      cast: (v) => `cast(${v} as bigint)`,
      parse: (v) => Number(v),
    }),
  list: (): FieldSpec =>
    field({
      kind: 'list',
      sqlType: 'varchar[]',
      checks: [],
      cast: (v) =>
        `list_filter(list_transform(string_split(${v}, ';'), x -> trim(x, ${SQL_TRIM_CHARS})), x -> x <> '')`,
      parse: (v) =>
        v
          .split(';')
          .map(trimValue)
          .filter((item) => item !== ''),
    }),
  enum: (values: readonly string[]): FieldSpec =>
    field({
      kind: 'enum',
      sqlType: 'varchar',
      enumValues: values,
      checks: [
        {
          message: `is not one of ${values.map((value) => `\`${value}\``).join(', ')}`,
          sql: (v) => `${v} in (${values.map(sqlString).join(', ')})`,
          js: (v) => values.includes(v),
        },
      ],
      cast: (v) => v,
      parse: (v) => v,
    }),
  text: (pattern?: { pattern: string; message: string }): FieldSpec =>
    field({
      kind: 'text',
      sqlType: 'varchar',
      checks: pattern ? [pattern] : [],
      cast: (v) => v,
      parse: (v) => v,
    }),
};

function moneyField(decimals: number, positive = false): FieldSpec {
  const checks = moneyChecks(decimals);
  const valid: Check = {
    message: 'is not an amount',
    pattern: `^0*\\d{1,${18 - decimals}}(\\.\\d{1,${decimals}})?$`,
  };
  const fast = [valid];
  if (positive) {
    const nonZero: Check = { message: 'must be greater than 0', pattern: '^.*[1-9].*$' };
    checks.push(nonZero);
    fast.push(nonZero);
  }
  return field({
    fast,
    kind: decimals === 2 ? 'money' : 'money6',
    sqlType: `decimal(18, ${decimals})`,
    checks,
    cast: (v) => `cast(${v} as decimal(18, ${decimals}))`,
    parse: (v) => v,
  });
}

export function optional(spec: FieldSpec): FieldSpec {
  return { ...spec, required: false };
}

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The SQL predicate of one check on the expression `v`. */
export function checkSql(check: Check, v: string): string {
  if (check.pattern) return `regexp_full_match(${v}, ${sqlString(check.pattern)})`;
  if (check.sql) return check.sql(v);
  throw new Error(`Failed to compile check "${check.message}": it has neither pattern nor sql`);
}

/** Whether one check passes in JavaScript; the twin of `checkSql`. */
export function checkJs(check: Check, v: string): boolean {
  if (check.pattern) return matches(check.pattern, v);
  if (check.js) return check.js(v);
  throw new Error(`Failed to run check "${check.message}": it has neither pattern nor js`);
}

/**
 * The zod schema of one field: takes the text as read (string, null or undefined),
 * trims it, treats empty as absent and applies the checks in order.
 */
export function fieldSchema(spec: FieldSpec) {
  return z
    .string()
    .nullish()
    .transform((raw, context) => {
      const v = raw == null ? '' : trimValue(raw);
      if (v === '') {
        if (spec.required) context.addIssue({ code: 'custom', message: 'is missing' });
        return undefined;
      }
      const failed = spec.checks.find((check) => !checkJs(check, v));
      if (failed) {
        context.addIssue({ code: 'custom', message: `${failed.message} (\`${clip(v)}\`)` });
        return z.NEVER;
      }
      return spec.parse(v);
    });
}

/** Shortens a raw value for a reason message. */
export function clip(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
