/** Event rows for scenarios, with the defaults of `scenario.ts` (mini-program mp1, video v1). */
export const impression = (id: string, at: string, revenue: string, video = 'v1', mp = 'mp1') => ({
  impression_id: id,
  video_id: video,
  mini_program_id: mp,
  occurred_at: at,
  ad_revenue: revenue,
});

export const payment = (id: string, at: string, amount: string, video = 'v1', mp = 'mp1') => ({
  payment_id: id,
  video_id: video,
  mini_program_id: mp,
  paid_at: at,
  amount,
});

export const settlement = (paymentId: string, at: string) => ({
  payment_id: paymentId,
  settled_at: at,
});

export const refund = (id: string, paymentId: string, at: string, amount: string) => ({
  refund_id: id,
  payment_id: paymentId,
  refunded_at: at,
  amount,
});

export const lead = (id: string, event: string, at: string, video = 'v1', mp = 'mp1') => ({
  lead_id: id,
  video_id: video,
  mini_program_id: mp,
  event,
  occurred_at: at,
});

export const recharge = (id: string, amount: string, at = '2025-03-30T09:00:00+08:00') => ({
  movement_id: id,
  developer_id: 'dev1',
  kind: 'recharge',
  amount,
  occurred_at: at,
});
