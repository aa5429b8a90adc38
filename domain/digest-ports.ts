/** What the digest job needs from storage; the board channel's conversation reference is opaque here. */

export interface BoardChannel {
  conversationId: string;
  reference: Record<string, unknown>;
  active: boolean;
  setAt: string;
  setBy: string;
  inactiveReason?: string;
}

export interface BoardChannelStore {
  get(): Promise<BoardChannel | undefined>;
  set(channel: BoardChannel): Promise<void>;
  markInactive(conversationId: string, reason: string, at: string): Promise<void>;
}

export interface PostedDigest {
  week: string;
  postedAt: string;
  /** The new post's own conversation (`<channel id>;messageid=<activity id>`), for updating it in place. */
  conversationId?: string;
  activityId?: string;
  /**
   * The card as posted (JSON) and the new post's conversation reference: kept so that a redaction can
   * rewrite it and update it in place.
   */
  card?: string;
  reference?: Record<string, unknown>;
  /** The DigestSnapshot taken when it was posted, JSON. */
  snapshot: string;
}

/**
 * A short lease on one channel's week, renewed while the digest is being posted: a run that dies stops
 * renewing and another run takes the week over once the lease has run out. `token` is the storage's
 * optimistic-concurrency tag; only the holder of the current token can renew, release or hand it over.
 */
export interface WeekLease {
  conversationId: string;
  week: string;
  claimant: string;
  leaseUntil: string;
  token: string;
}

export type ClaimResult =
  | { kind: 'claimed'; lease: WeekLease }
  | { kind: 'posted' }
  /** Another run holds the week and its lease has not run out. */
  | { kind: 'held'; claimant: string; leaseUntil: string };

export interface DigestLedger {
  /**
   * Claims the week for this channel: a conditional insert, or a takeover (guarded by the claim's tag) of
   * a claim whose lease ran out. Exactly one concurrent caller gets 'claimed'.
   */
  claimWeek(
    conversationId: string,
    week: string,
    claimant: string,
    now: Date,
    leaseMs: number,
  ): Promise<ClaimResult>;
  /** Extends the lease; undefined when it was lost (taken over or released meanwhile). */
  renew(lease: WeekLease, now: Date, leaseMs: number): Promise<WeekLease | undefined>;
  /** Gives a claimed week back after a failed post, so the next run retries it at once. */
  release(lease: WeekLease): Promise<void>;
  /** Records a posted digest: the week's row (scheduled) or an extra row, and `latest`. */
  recordPosted(conversationId: string, digest: PostedDigest, extra: boolean): Promise<void>;
  latest(conversationId: string): Promise<PostedDigest | undefined>;
  /**
   * Notes that the admins were told this week that there is no board channel; false when that was
   * already done (by this or another run), so they are told once a week, not on every restart.
   */
  claimNoChannelNotice(week: string, at: string): Promise<boolean>;
}

/** One digest the bot posted, with where it is in Teams. */
export interface PostedDigestRecord extends PostedDigest {
  /** The board channel it was posted to. */
  channelId: string;
  /** An extra digest (`post digest`, `--force`) rather than the week's scheduled one. */
  extra: boolean;
}

/** Every digest the bot posted and kept the ids of, so a card can be updated in place later (redaction). */
export interface PostedDigests {
  list(): Promise<PostedDigestRecord[]>;
}

/** The reminders one owner got about one action since its silence began. */
export interface ReminderCount {
  /** The latest reminder (ISO 8601). */
  lastAt: string;
  /** How many reminders since `since`: the first reminder about this silence. */
  count: number;
  since: string;
}

export interface ReminderLedger {
  lastReminded(email: string, actionId: string): Promise<string | undefined>;
  /**
   * Records a reminder. Reminders sent since `silentSince` are counted together; an older one starts the
   * count again (the action was updated, or the owner changed, since).
   */
  recordReminded(email: string, actionId: string, at: string, silentSince?: string): Promise<void>;
  reminders(email: string, actionId: string): Promise<ReminderCount | undefined>;
}

/** A digest card the bot posted, as stored: what a redaction must find and update in place. */
export interface PostedDigestCopy {
  /** Opaque to the domain: which stored row this is. */
  id: string;
  activityId?: string;
  reference?: Record<string, unknown>;
  /** The card as posted, JSON. */
  card?: string;
}

export interface PostedDigestCopies {
  /** Every stored copy of a posted digest's card (a digest may be stored under more than one row). */
  list(): Promise<PostedDigestCopy[]>;
  replaceCard(id: string, card: string): Promise<void>;
}

/** Updates a message the bot posted, in place (Teams' update activity). */
export interface PostedCardUpdater {
  updateCard(
    reference: Record<string, unknown>,
    activityId: string,
    card: Record<string, unknown>,
  ): Promise<'updated' | 'failed'>;
}
