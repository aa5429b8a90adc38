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
  activityId?: string;
  /** The DigestSnapshot taken when it was posted, JSON. */
  snapshot: string;
}

export type ClaimResult = 'claimed' | 'alreadyClaimed';

export interface DigestLedger {
  /** Claims the week for this channel with a conditional insert; exactly one caller gets 'claimed'. */
  claimWeek(conversationId: string, week: string, claimant: string, at: string): Promise<ClaimResult>;
  /** Gives a claimed week back after a failed post, so the next run retries it. */
  releaseWeek(conversationId: string, week: string): Promise<void>;
  recordPosted(conversationId: string, digest: PostedDigest, extra: boolean): Promise<void>;
  latest(conversationId: string): Promise<PostedDigest | undefined>;
}

export interface ReminderLedger {
  lastReminded(email: string, actionId: string): Promise<string | undefined>;
  recordReminded(email: string, actionId: string, at: string): Promise<void>;
}
