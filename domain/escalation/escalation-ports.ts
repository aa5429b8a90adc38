/** What escalation needs from storage: a claim per action and week, and the record of who was told. */

/** Someone told of an escalation: their sign-in address and the name the bot knows them by. */
export interface EscalationRecipient {
  email: string;
  name: string;
}

/** One action's escalation in one ISO week. */
export interface EscalationRecord {
  actionId: string;
  week: string;
  /** When it was raised (ISO 8601). */
  at: string;
  /** The start of the silence it was raised for (ISO 8601). */
  silentSince: string;
  ownerEmail?: string;
  ownerName?: string;
  /** Who was told; empty while the run that claimed it is still sending. */
  told: EscalationRecipient[];
}

export interface EscalationLedger {
  /**
   * Claims the action for this week: a conditional insert, so however many runs, instances and restarts,
   * exactly one caller gets true. A claim whose run died before telling anyone is taken over once
   * `leaseMs` has passed.
   */
  claim(record: Omit<EscalationRecord, 'told'>, leaseMs: number): Promise<boolean>;
  /** Records who was told for a claimed action and week. */
  recordTold(actionId: string, week: string, told: readonly EscalationRecipient[]): Promise<void>;
  /** Gives a claim back when nobody could be told, so the next run tries again. */
  release(actionId: string, week: string): Promise<void>;
  /** Every escalation with someone told, oldest first. */
  all(): Promise<EscalationRecord[]>;
  /**
   * When the bot began tracking the plan: stored the first time it is asked (`now`), the same answer
   * ever after, whichever instance asks. Silence is never counted from before it.
   */
  planStart(now: string): Promise<string>;
  /** The same, without storing: undefined before the first weekly run (previews and --dry-run). */
  readPlanStart(): Promise<string | undefined>;
}
