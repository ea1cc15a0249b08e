/**
 * Every rate and limit of RULES.md in one place. Code reads them from here; no rate is
 * written as a literal anywhere else.
 */
export const RULES = {
  /** R5: a revenue_share task with a rate above this is funded (a rate of exactly 28 is not). */
  fundedRatePct: 28,
  /** R4: ad_share rates. */
  adShareRatePct: { min: 70, max: 100 },
  /** R4: revenue_share rates. */
  revenueShareRatePct: { min: 1, max: 100 },
  /** R16: platform service fee on creator gross, as a decimal factor. */
  serviceFeeRate: '0.10',
  /** R17: mini-program platform fee on settlement, as a decimal factor. */
  miniProgramFeeRate: '0.02',
  /** R9: ids a targeting kind may name. */
  targetLimits: { specified: 20, batch: 500 },
  /** R25: title length in code points, reference videos per task. */
  titleMaxChars: 15,
  referenceVideos: { min: 1, max: 3 },
  referenceVideoPattern: '^https://v\\.kuaishou\\.com/[A-Za-z0-9]+$',
  /** R23: smart top-up bounds (whole yuan, percent). */
  topup: {
    amount: { min: 500, max: 100_000 },
    triggerPct: { min: 10, max: 70 },
    cap: { min: 10_000, max: 500_000 },
  },
  /** R24: days after the billing end on which an unconsumed budget is released. */
  releaseAfterDays: 10,
  /** R1: China Standard Time. */
  utcOffsetHours: 8,
} as const;
