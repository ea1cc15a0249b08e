import { RULES } from '../config.js';
import type { ParsedRow } from './contracts.js';
import { instantMicros } from './instants.js';

/**
 * Rules across the fields of one row, checked after each field passed its own checks.
 * Each returns the reasons a row breaks them (empty when it is good).
 */
type RowRules = (row: ParsedRow) => string[];

const has = (value: unknown) => value !== undefined;
const between = (value: number, range: { min: number; max: number }) =>
  value >= range.min && value <= range.max;

/** R4, R5, R8, R9, R23, R25 on one task row. */
export const taskRules: RowRules = (row) => {
  const reasons: string[] = [];
  const rate = row.commission_rate_pct as number | undefined;
  const type = row.task_type as string;

  if (type === 'lead') {
    if (!has(row.lead_price)) reasons.push('`lead_price`: a lead task needs a price per lead (R4)');
    if (!has(row.lead_event)) reasons.push('`lead_event`: a lead task needs its lead event (R4)');
    if (has(rate))
      reasons.push('`commission_rate_pct`: a lead task is paid per lead, not a rate (R4)');
  } else {
    const range = type === 'ad_share' ? RULES.adShareRatePct : RULES.revenueShareRatePct;
    if (!has(rate)) reasons.push(`\`commission_rate_pct\`: a ${type} task needs a rate (R4)`);
    else if (!between(rate!, range)) {
      reasons.push(
        `\`commission_rate_pct\`: ${type} rate must be ${range.min}–${range.max} (got ${rate}) (R4)`,
      );
    }
    if (has(row.lead_price) || has(row.lead_event)) {
      reasons.push(`\`lead_price\`: only a lead task has a lead price or lead event (R4)`);
    }
  }

  const funded = type === 'lead' || (type === 'revenue_share' && (rate ?? 0) > RULES.fundedRatePct);
  const topups = [row.topup_amount, row.topup_trigger_pct, row.topup_cap].filter(has).length;
  if (funded && !has(row.budget)) reasons.push('`budget`: a funded task needs a budget (R5)');
  if (!funded && has(row.budget)) reasons.push('`budget`: an unfunded task carries no budget (R5)');
  if (!funded && topups > 0) {
    reasons.push('`topup_amount`: an unfunded task carries no top-up settings (R5)');
  } else if (topups > 0) {
    reasons.push(...topupReasons(row, topups));
  }

  const limit = row.per_creator_limit as number | undefined;
  if (has(limit) && limit! < 1) reasons.push('`per_creator_limit`: must be at least 1 (R8)');

  const tags = row.target_tags as string[] | undefined;
  if (row.targeting === 'tags' && !(tags && tags.length > 0)) {
    reasons.push('`target_tags`: a `tags` task must name at least one tag (R9)');
  }
  const min = row.min_followers as number | undefined;
  const max = row.max_followers as number | undefined;
  if (has(min) && has(max) && min! > max!) {
    reasons.push(`\`min_followers\`: ${min} is above \`max_followers\` ${max} (R9)`);
  }

  reasons.push(...uploadReasons(row));
  return reasons;
};

function topupReasons(row: ParsedRow, given: number): string[] {
  if (given < 3) {
    return ['`topup_amount`: smart top-up needs amount, trigger and cap together, or none (R23)'];
  }
  const amount = row.topup_amount as number;
  const trigger = row.topup_trigger_pct as number;
  const cap = row.topup_cap as number;
  const { topup } = RULES;
  const reasons: string[] = [];
  if (!between(amount, topup.amount)) {
    reasons.push(`\`topup_amount\`: must be ${topup.amount.min}–${topup.amount.max} yuan (R23)`);
  }
  if (!between(trigger, topup.triggerPct)) {
    reasons.push(
      `\`topup_trigger_pct\`: must be ${topup.triggerPct.min}–${topup.triggerPct.max} (R23)`,
    );
  }
  if (!between(cap, topup.cap)) {
    reasons.push(`\`topup_cap\`: must be ${topup.cap.min}–${topup.cap.max} yuan (R23)`);
  } else if (cap < amount) {
    reasons.push('`topup_cap`: must be at least `topup_amount` (R23)');
  }
  return reasons;
}

/** R25: what the upload form itself refuses. */
function uploadReasons(row: ParsedRow): string[] {
  const reasons: string[] = [];
  const title = row.title as string;
  const length = [...title].length;
  if (length > RULES.titleMaxChars) {
    reasons.push(`\`title\`: ${length} characters, at most ${RULES.titleMaxChars} (R25)`);
  }

  const videos = (row.reference_videos as string).split(/\s+/).filter((url) => url !== '');
  const { min, max } = RULES.referenceVideos;
  const pattern = new RegExp(RULES.referenceVideoPattern);
  if (videos.length < min || videos.length > max) {
    reasons.push(`\`reference_videos\`: ${videos.length} links, need ${min}–${max} (R25)`);
  } else {
    const bad = videos.find((url) => !pattern.test(url));
    if (bad) reasons.push(`\`reference_videos\`: \`${bad}\` is not https://v.kuaishou.com/… (R25)`);
  }

  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(row.page_path as string)) {
    reasons.push('`page_path`: must be a path inside the mini-program, not a URL (R25)');
  }
  if (instantMicros(row.starts_at as string) >= instantMicros(row.ends_at as string)) {
    reasons.push('`starts_at`: must be before `ends_at` (R25)');
  }
  return reasons;
}

/** CONTRACTS.md: an organisation's creator names its organisation (R18). */
export const creatorRules: RowRules = (row) =>
  row.kind !== 'natural' && !has(row.org_id)
    ? [`\`org_id\`: a ${row.kind} creator is paid through its organisation (R18)`]
    : [];

/** CONTRACTS.md: an audited video says when. */
export const videoRules: RowRules = (row) =>
  row.audit_status !== 'pending' && !has(row.audited_at)
    ? [`\`audited_at\`: a ${row.audit_status} video needs its audit time`]
    : [];

/** R26: a series may offer only its free first half. */
export const materialRules: RowRules = (row) => {
  const episode = row.episode as number | undefined;
  const episodes = row.series_episodes as number | undefined;
  if (!has(episode) || !has(episodes)) return [];
  const freeHalf = Math.floor(episodes! / 2);
  return episode! >= 1 && episode! <= freeHalf
    ? []
    : [`\`episode\`: ${episode} is outside the free first half 1–${freeHalf} of ${episodes} (R26)`];
};
