import { RULES } from '../config.js';

/** The values models may name as `{{ name }}`: every rate comes from RULES (config.ts). */
export const MODEL_VARIABLES: Record<string, string> = {
  funded_rate_pct: String(RULES.fundedRatePct),
  service_fee_rate: RULES.serviceFeeRate,
  mini_program_fee_rate: RULES.miniProgramFeeRate,
  specified_target_limit: String(RULES.targetLimits.specified),
  batch_target_limit: String(RULES.targetLimits.batch),
  release_after_days: String(RULES.releaseAfterDays),
};

/** Fills `{{ name }}` placeholders; an unknown name is a defect in the model. */
export function renderModel(name: string, sql: string): string {
  return sql.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    const value = MODEL_VARIABLES[key];
    if (value === undefined)
      throw new Error(`Failed to render model ${name}: no variable \`${key}\``);
    return value;
  });
}
