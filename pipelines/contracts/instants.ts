/**
 * Epoch microseconds of a checked contract timestamp (`YYYY-MM-DDTHH:MM:SS[.f]±HH:MM`),
 * exact to the microsecond, independent of the machine's time zone.
 */
export function instantMicros(text: string): bigint {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(
      text,
    );
  if (!match) throw new Error(`Failed to read instant: \`${text}\` is not a contract timestamp`);
  const [, y, mo, d, h, mi, s, frac = '', zone, sign, oh = '0', om = '0'] = match;
  const seconds = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!) / 1000;
  const offset = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (+oh * 3600 + +om * 60);
  return BigInt(seconds - offset) * 1_000_000n + BigInt(frac.padEnd(6, '0'));
}
