// The named import: under NodeNext the default import types as the CommonJS namespace.
import { Decimal } from 'decimal.js';
import { instantMicros } from '../contracts/instants.js';

/** Exact yuan: 40 digits never round a sum of 2-decimal amounts; half away from zero (R12). */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export interface Recharge {
  developerId: string;
  /** Local date (R1). */
  date: string;
  amount: string;
  movementId: string;
}

export interface FundedTask {
  taskId: string;
  /** Null when the task's mini-program is not loaded (R21). */
  developerId: string | null;
  /** Local date of `created_at`: the budget is frozen then, approved or not (R21). */
  createdDate: string;
  /** ISO 8601 instant with an offset; orders the tasks created on one date (R24a). */
  createdAt: string;
  budget: string;
  /** R23, whole yuan amounts. */
  topup: { amount: string; triggerPct: number; cap: string } | null;
  /** Local date of the billing end + 10 days, or of `ends_at` + 10 if never approved (R24). */
  releaseDate: string;
}

export type LineSource = 'ad_share' | 'floor' | 'lead' | 'revenue_share';

export interface Line {
  taskId: string;
  videoId: string;
  source: LineSource;
  accrualDate: string;
  /** Computed amount (R14), >= 0, 2 decimals. */
  amount: string;
  /** False for void and withheld lines: they draw nothing and are never cut (R22). */
  draws: boolean;
}

export type LedgerKind = 'recharge' | 'freeze' | 'topup' | 'release';
export type RejectReason = 'insufficient_balance' | 'mini_program_not_loaded';

export interface ReplayResult {
  tasks: {
    taskId: string;
    accepted: boolean;
    reason: RejectReason | null;
    /** The initial budget frozen at creation; top-ups are in `toppedUp`. */
    frozen: string;
    topups: number;
    toppedUp: string;
    consumed: string;
    released: string;
  }[];
  draws: {
    taskId: string;
    videoId: string;
    source: LineSource;
    accrualDate: string;
    computed: string;
    drawn: string;
    cut: string;
  }[];
  /** `amount` is signed as it moves the balance: recharge and release +, freeze and topup −. */
  ledger: {
    developerId: string;
    date: string;
    kind: LedgerKind;
    taskId: string | null;
    amount: string;
    available: string;
  }[];
}

const SOURCES: LineSource[] = ['ad_share', 'floor', 'lead', 'revenue_share'];
const ZERO = new Money(0);

class TaskState {
  /** `pending` until its created date is replayed; `live` and `released` are accepted. */
  status: 'pending' | 'live' | 'released' | 'rejected' = 'pending';
  reason: RejectReason | null = null;
  budget = ZERO;
  topups = 0;
  toppedUp = ZERO;
  consumed = ZERO;
  released = ZERO;
  /** R23: B, the frozen total before the latest increase, and I, that increase. */
  base = ZERO;
  increase = ZERO;

  constructor(readonly task: FundedTask) {}

  get accepted(): boolean {
    return this.status === 'live' || this.status === 'released';
  }

  get total(): Decimal {
    return this.budget.plus(this.toppedUp);
  }

  /** R23: consumption has reached B + ratio × I. */
  get triggered(): boolean {
    const pct = this.task.topup?.triggerPct;
    return (
      pct !== undefined && this.consumed.gte(this.base.plus(this.increase.times(pct).div(100)))
    );
  }

  get totals(): ReplayResult['tasks'][number] {
    return {
      taskId: this.task.taskId,
      accepted: this.accepted,
      reason: this.reason,
      frozen: this.budget.toFixed(2),
      topups: this.topups,
      toppedUp: this.toppedUp.toFixed(2),
      consumed: this.consumed.toFixed(2),
      released: this.released.toFixed(2),
    };
  }
}

/**
 * Replays every developer's prepaid account from scratch, one local date at a time (R21–R24a):
 * freezes, top-ups and releases, and what each earning line of an accepted task drew.
 * Does not validate the rows (R4, R23 bounds are ingestion's job) and ignores lines whose task
 * is not given; lines of rejected tasks are left out of `draws` for the caller to report.
 * `asOf` (a local date) keeps releases dated after it from happening: they are still to come.
 */
export function replayAccounts(
  recharges: Recharge[],
  tasks: FundedTask[],
  lines: Line[],
  asOf?: string,
): ReplayResult {
  const replay = new AccountReplay(tasks, asOf);
  const ownLines = lines.filter((line) => replay.states.has(line.taskId));
  const states = [...replay.states.values()];
  const rechargesOn = byDate(recharges, (r) => r.date, byMovement);
  const releasesOn = byDate(states, (s) => s.task.releaseDate, byTaskId);
  const createdOn = byDate(states, (s) => s.task.createdDate, byCreation);
  const linesOn = byDate(ownLines, (l) => l.accrualDate, byLineOrder);
  const dates = new Set([
    ...recharges.map((r) => r.date),
    ...tasks.flatMap((t) => [t.createdDate, t.releaseDate]),
    ...ownLines.map((l) => l.accrualDate),
  ]);

  for (const date of [...dates].sort(byBytes)) {
    for (const { developerId, amount } of rechargesOn(date)) {
      replay.move(developerId, date, 'recharge', null, new Money(amount));
    }
    for (const state of releasesOn(date)) replay.release(state, date);
    for (const state of createdOn(date)) replay.create(state, date);
    for (const line of linesOn(date)) replay.draw(line, date);
  }

  return {
    tasks: tasks.map((task) => replay.states.get(task.taskId)!.totals),
    draws: replay.draws.filter((d) => d.state.accepted).map((d) => d.row),
    ledger: replay.ledger,
  };
}

class AccountReplay {
  readonly states = new Map<string, TaskState>();
  readonly ledger: ReplayResult['ledger'] = [];
  readonly draws: { state: TaskState; row: ReplayResult['draws'][number] }[] = [];
  private readonly available = new Map<string, Decimal>();

  constructor(
    tasks: FundedTask[],
    private readonly asOf?: string,
  ) {
    for (const task of tasks) {
      if (this.states.has(task.taskId))
        throw new Error(`replay: duplicate task \`${task.taskId}\``);
      this.states.set(task.taskId, new TaskState(task));
    }
  }

  move(developerId: string, date: string, kind: LedgerKind, taskId: string | null, by: Decimal) {
    const after = this.balance(developerId).plus(by);
    this.available.set(developerId, after);
    const [amount, available] = [by.toFixed(2), after.toFixed(2)];
    this.ledger.push({ developerId, date, kind, taskId, amount, available });
  }

  create(state: TaskState, date: string) {
    const { developerId, taskId, releaseDate } = state.task;
    const budget = new Money(state.task.budget);
    if (developerId === null || budget.gt(this.balance(developerId))) {
      state.status = 'rejected';
      state.reason = developerId === null ? 'mini_program_not_loaded' : 'insufficient_balance';
      return;
    }
    state.status = 'live';
    state.budget = state.increase = budget;
    this.move(developerId, date, 'freeze', taskId, budget.neg());
    // A release date not after creation (odd input) releases at once rather than never.
    if (releaseDate <= date) this.release(state, date);
  }

  release(state: TaskState, date: string) {
    const developerId = state.task.developerId;
    if (state.status !== 'live' || developerId === null) return;
    if (this.asOf !== undefined && date > this.asOf) return;
    state.status = 'released';
    state.released = state.total.minus(state.consumed);
    this.move(developerId, date, 'release', state.task.taskId, state.released);
  }

  draw(line: Line, date: string) {
    const state = this.states.get(line.taskId)!;
    const computed = new Money(line.amount);
    // A pending task (line before its created date) or a released one has no budget (R22, R24).
    const live = state.status === 'live';
    const drawn = !line.draws ? computed : live ? this.consume(state, computed, date) : ZERO;
    const { taskId, videoId, source, accrualDate } = line;
    const row = { taskId, videoId, source, accrualDate, computed: computed.toFixed(2) };
    const amounts = { drawn: drawn.toFixed(2), cut: computed.minus(drawn).toFixed(2) };
    this.draws.push({ state, row: { ...row, ...amounts } });
  }

  /** R23: tops up before the line draws, and again each time it runs short. */
  private consume(state: TaskState, need: Decimal, date: string): Decimal {
    let drawn = ZERO;
    for (;;) {
      while (this.topUp(state, date));
      const take = Money.min(need.minus(drawn), state.total.minus(state.consumed));
      state.consumed = state.consumed.plus(take);
      drawn = drawn.plus(take);
      if (drawn.eq(need) || !this.topUp(state, date)) return drawn;
    }
  }

  private topUp(state: TaskState, date: string): boolean {
    const { topup, developerId, taskId } = state.task;
    if (topup === null || developerId === null || !state.triggered) return false;
    const amount = new Money(topup.amount);
    if (amount.lte(0) || state.toppedUp.plus(amount).gt(topup.cap)) return false;
    if (amount.gt(this.balance(developerId))) return false;
    state.base = state.total;
    state.increase = amount;
    state.toppedUp = state.toppedUp.plus(amount);
    state.topups += 1;
    this.move(developerId, date, 'topup', taskId, amount.neg());
    return true;
  }

  private balance(developerId: string): Decimal {
    return this.available.get(developerId) ?? ZERO;
  }
}

function byDate<T>(items: T[], dateOf: (item: T) => string, order: (a: T, b: T) => number) {
  const groups = new Map<string, T[]>();
  for (const item of [...items].sort(order)) {
    const group = groups.get(dateOf(item));
    if (group) group.push(item);
    else groups.set(dateOf(item), [item]);
  }
  return (date: string) => groups.get(date) ?? [];
}

/** UTF-8 byte order, which is code point order: UTF-16 order differs above U+D7FF. */
function byBytes(a: string, b: string): number {
  const fix = (unit: number) =>
    unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit;
  for (let i = 0; i < a.length && i < b.length; i++) {
    const [x, y] = [a.charCodeAt(i), b.charCodeAt(i)];
    if (x !== y) return fix(x) - fix(y);
  }
  return a.length - b.length;
}

function byMovement(a: Recharge, b: Recharge): number {
  return byBytes(a.movementId, b.movementId);
}

function byTaskId(a: TaskState, b: TaskState): number {
  return byBytes(a.task.taskId, b.task.taskId);
}

function byCreation(a: TaskState, b: TaskState): number {
  const [x, y] = [instantMicros(a.task.createdAt), instantMicros(b.task.createdAt)];
  return x < y ? -1 : x > y ? 1 : byTaskId(a, b);
}

function byLineOrder(a: Line, b: Line): number {
  const source = SOURCES.indexOf(a.source) - SOURCES.indexOf(b.source);
  return byBytes(a.taskId, b.taskId) || byBytes(a.videoId, b.videoId) || source;
}
