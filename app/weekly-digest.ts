import type { KnownPerson, PeopleStore } from '../domain/known-people';
import type {
  BoardChannel,
  BoardChannelStore,
  DigestLedger,
  ReminderLedger,
  WeekLease,
} from '../domain/digest-ports';
import { isoWeekOf } from '../domain/digest/iso-week';
import type { StatusService } from './status-service';
import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { buildDigest, type Digest } from '../views/digest-view';
import type { DigestHistory } from './digest-snapshots';
import { LeaseKeeper } from './lease-keeper';
import type { Escalations, EscalationRunResult } from './escalations';
import type { Log } from './log';
import { UnconfirmedPostError, type Messenger, type PostedResult, type PostResult } from './messenger';
import { notice } from './notices';
import { sourcesOfStatuses, type NoteSource } from '../domain/posted-copies';
import type { RedactionSweep } from './redaction-sweep';
import { remindOwners } from './owner-reminders';

export type DigestRunResult =
  | {
      kind: 'posted';
      week: string;
      conversationId: string;
      activityId?: string;
      reminders: number;
      escalations?: EscalationRunResult;
    }
  /** This week's digest is already in the channel, posted by an earlier run. */
  | { kind: 'alreadyPosted'; week: string }
  /** Never set, or inactive since the bot was removed; nothing was posted anywhere. */
  | { kind: 'noBoardChannel'; reason: string; adminsTold: number }
  | { kind: 'botRemoved'; status: number }
  /** Another run is posting this week's digest and did not finish within the wait. */
  | { kind: 'inProgressElsewhere'; week: string; claimant: string; leaseUntil: string };

export interface WeeklyDigestParts {
  plan: Plan;
  statusService: StatusService;
  boardChannels: BoardChannelStore;
  ledger: DigestLedger;
  reminders: ReminderLedger;
  peopleStore: PeopleStore;
  messenger: Messenger;
  logger: Log;
  clock: () => Date;
  staleDays: number;
  timeZone: string;
  /** The admins' emails (BOARD_ADMINS): told in their personal chats when there is no board channel. */
  boardAdmins: readonly string[];
  /** Names this process in the week's claim, for the record. */
  instanceId: string;
  /** How long a week's claim lasts unless renewed; renewed every third of it while posting. */
  leaseMs: number;
  /** Pause between reminders: well under Teams' per-app and per-conversation limits. */
  reminderGapMs?: number;
  /** The snapshots of digests already posted: direction of travel and "Needs the board's attention". */
  digestHistory: DigestHistory;
  /** Silent actions raised with the business manager: run before the digest, which then shows them. */
  escalations?: Pick<Escalations, 'run' | 'marks' | 'warning'>;
  /** Where a posted digest meets a redaction committed while it was being drawn or posted. */
  redactionSweep: RedactionSweep;
}

export interface DigestRunOptions {
  /** Post even if this week's digest is out, recorded as an extra digest; no claim. */
  force?: boolean;
  /** How long to wait for another run that holds this week's claim; two leases by default. */
  waitMs?: number;
}

/** Builds the weekly digest from stored state and posts it once per ISO week to the board channel. */
export class WeeklyDigest {
  constructor(private readonly parts: WeeklyDigestParts) {}

  /** The digest as it would be posted now (preview and --dry-run); posts and records nothing. */
  async prepare(): Promise<{ digest: Digest; answer: Answer }> {
    const { plan, statusService, digestHistory, peopleStore, clock, staleDays, timeZone } = this.parts;
    const [previous, pastDigests, statuses, people, escalations] = await Promise.all([
      digestHistory.previous(),
      digestHistory.all(),
      statusService.currentStatuses(),
      peopleStore.all(),
      this.parts.escalations?.marks(),
    ]);
    const reachable = new Set(
      people.filter((person) => person.personalConversation).map((person) => person.email),
    );
    const owners = [...statuses.values()]
      .map((status) => status.ownerEmail)
      .filter((email): email is string => !!email);
    const digest = buildDigest({
      plan,
      statuses,
      previous,
      pastDigests,
      now: clock(),
      staleDays,
      timeZone,
      unreachableOwners: new Set(owners.filter((email) => !reachable.has(email))),
      escalations,
    });
    return {
      digest,
      answer: {
        summary: digest.summary,
        screen: { card: 'digest', view: digest.view },
        sources: sourcesOfStatuses(statuses.values()),
      },
    };
  }

  /**
   * The scheduled digest: claims the week first (a leased conditional insert), so however many instances
   * run, one posts; a run that finds the week claimed waits for that run to finish or its lease to run
   * out. `force` posts anyway, recorded as an extra digest. A failed post gives the claim back.
   */
  async run(options: DigestRunOptions = {}): Promise<DigestRunResult> {
    const { boardChannels, clock, timeZone } = this.parts;
    const channel = await boardChannels.get();
    const week = isoWeekOf(clock(), timeZone);
    if (!channel || !channel.active) {
      const reason = channel
        ? `the bot is no longer in the board channel (${channel.inactiveReason ?? 'removed'})`
        : 'no board channel has been set';
      // Without a board channel the business manager must still hear of silent actions.
      if (!options.force) await this.escalate(week);
      const adminsTold = options.force ? 0 : await this.tellAdminsNoBoardChannel(week, reason);
      return { kind: 'noBoardChannel', reason, adminsTold };
    }
    if (options.force) return this.post(channel, week, undefined);
    const claim = await this.claim(channel.conversationId, week, options.waitMs ?? 2 * this.parts.leaseMs);
    if (claim.kind === 'alreadyPosted') {
      // A rerun in the same week: escalations its run did not get through are tried again (each action
      // is claimed for the week, so nothing already sent goes twice).
      await this.escalate(week);
      return claim;
    }
    if (claim.kind !== 'claimed') return claim;
    // Before the digest, so that this week's digest says what was escalated.
    const escalations = await this.escalate(week);
    const result = await this.post(channel, week, claim.lease);
    return result.kind === 'posted' && escalations ? { ...result, escalations } : result;
  }

  /** The week's escalations; a failure is logged and left to the next run, never blocking the digest. */
  private async escalate(week: string): Promise<EscalationRunResult | undefined> {
    try {
      return await this.parts.escalations?.run(week);
    } catch (error) {
      this.parts.logger.warn({ err: error, week }, 'escalations not sent; the next run tries again');
      return undefined;
    }
  }

  /** Claims the week, waiting (bounded) while another live run holds it. */
  private async claim(
    conversationId: string,
    week: string,
    waitMs: number,
  ): Promise<
    | { kind: 'claimed'; lease: WeekLease }
    | Extract<DigestRunResult, { kind: 'alreadyPosted' | 'inProgressElsewhere' }>
  > {
    const { ledger, logger, instanceId, leaseMs } = this.parts;
    const giveUpAt = Date.now() + waitMs;
    const pollMs = Math.max(100, Math.min(leaseMs / 8, 1000));
    let waiting = false;
    for (;;) {
      // Leases are wall-clock time across processes, whatever clock the digest's content uses.
      const claim = await ledger.claimWeek(conversationId, week, instanceId, new Date(), leaseMs);
      if (claim.kind === 'claimed') return claim;
      if (claim.kind === 'posted') return { kind: 'alreadyPosted', week };
      const remaining = giveUpAt - Date.now();
      if (remaining <= 0)
        return { kind: 'inProgressElsewhere', week, claimant: claim.claimant, leaseUntil: claim.leaseUntil };
      if (!waiting) {
        logger.info({ week, ...claim }, "another run is posting this week's digest; waiting for it");
        waiting = true;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, remaining)));
    }
  }

  private async post(
    channel: BoardChannel,
    week: string,
    lease: WeekLease | undefined,
  ): Promise<DigestRunResult> {
    const { ledger, boardChannels, messenger, logger, clock } = this.parts;
    const keeper = lease ? new LeaseKeeper(ledger, lease, this.parts.leaseMs, logger) : undefined;
    let sent: PostResult;
    let digest: Digest;
    let sources: NoteSource[] = [];
    // Before drawing: a redaction committing from now on waits for this post or is noticed by it.
    const posting = await this.parts.redactionSweep.beginPosting(
      lease ? `the digest for ${week} in the board channel` : 'an extra digest in the board channel',
    );
    try {
      const prepared = await this.prepare();
      digest = prepared.digest;
      sources = prepared.answer.sources ?? [];
      sent = await messenger.postToChannel(
        channel.reference,
        channel.conversationId,
        prepared.answer,
        (late) => this.recordLatePost(posting, late, sources),
      );
    } catch (error) {
      // A post Teams may have made stays on record (its card kept), so a redaction can name it.
      const kept =
        error instanceof UnconfirmedPostError
          ? this.parts.redactionSweep.unconfirmed(posting, error.card, sources)
          : this.parts.redactionSweep.abandon(posting.pendingId);
      await kept.catch((failure: unknown) =>
        logger.warn({ err: failure }, 'a failed digest post could not be recorded'),
      );
      await this.giveBack(keeper);
      throw error;
    }
    const held = await keeper?.stop();
    const now = clock();
    if (sent.kind === 'notInConversation') {
      logger.warn(
        { status: sent.status },
        'the bot is no longer in the board channel; digests stop until an admin sets one',
      );
      await boardChannels.markInactive(
        channel.conversationId,
        `Teams answered ${sent.status}`,
        now.toISOString(),
      );
      if (held) await ledger.release(held);
      await this.parts.redactionSweep.abandon(posting.pendingId);
      return { kind: 'botRemoved', status: sent.status };
    }
    await ledger.recordPosted(
      channel.conversationId,
      {
        week,
        postedAt: now.toISOString(),
        conversationId: sent.conversationId,
        activityId: sent.activityId,
        snapshot: JSON.stringify(digest.snapshot),
        card: sent.postedCard,
        reference: sent.postedReference,
      },
      lease === undefined,
    );
    if (sent.activityId) {
      await this.parts.redactionSweep.recordPosted(
        {
          what: posting.what,
          reference: sent.postedReference,
          activityId: sent.activityId,
          card: sent.postedCard,
        },
        sources,
        posting.tag,
        posting.pendingId,
      );
    } else {
      await this.parts.redactionSweep.abandon(posting.pendingId);
    }
    for (let attempt = 0; attempt < (sent.unconfirmedAttempts ?? 0); attempt++)
      await this.parts.redactionSweep
        .recordUnconfirmed(`${posting.what}, an earlier attempt`, sent.postedCard, sources, posting.tag)
        .catch((error: unknown) => logger.warn({ err: error }, 'an earlier digest attempt was not recorded'));
    logger.info({ week, extra: lease === undefined, conversationId: sent.conversationId }, 'digest posted');
    // The digest is in the channel: a failure now must not make the run look failed.
    const reminders = await remindOwners(this.parts, digest).catch((error: unknown) => {
      logger.warn({ err: error }, 'reminders not sent; the next digest run retries them');
      return 0;
    });
    return {
      kind: 'posted',
      week,
      conversationId: sent.conversationId,
      activityId: sent.activityId,
      reminders,
    };
  }

  /** Teams answered a post this run had stopped waiting for: recorded, and swept if a redaction came since. */
  private recordLatePost(
    posting: { pendingId: string; tag: string; what: string },
    late: PostedResult,
    sources: readonly NoteSource[],
  ): void {
    if (!late.activityId) return;
    const copy = {
      what: posting.what,
      reference: late.postedReference,
      activityId: late.activityId,
      card: late.postedCard,
    };
    this.parts.redactionSweep
      .recordPosted(copy, sources, posting.tag, posting.pendingId)
      .catch((error: unknown) =>
        this.parts.logger.warn({ err: error }, 'a late digest post was not recorded'),
      );
  }

  /** After a failed post: the week goes back at once, or, if even that fails, when its lease runs out. */
  private async giveBack(keeper: LeaseKeeper | undefined): Promise<void> {
    const held = await keeper?.stop();
    if (!held) return;
    try {
      await this.parts.ledger.release(held);
    } catch (error) {
      this.parts.logger.warn(
        { err: error, week: held.week },
        "could not give the week's claim back; it runs out",
      );
    }
  }

  /**
   * Nothing is posted anywhere without a board channel; the admins the bot can reach hear why and what to
   * do, once a week however many runs and restarts there are.
   */
  private async tellAdminsNoBoardChannel(week: string, reason: string): Promise<number> {
    const { boardAdmins, peopleStore, messenger, ledger, logger, clock } = this.parts;
    const admins = await Promise.all(boardAdmins.map((email) => peopleStore.findByEmail(email)));
    const reachable = admins.filter(
      (admin): admin is KnownPerson & { personalConversation: Record<string, unknown> } =>
        admin?.personalConversation !== undefined,
    );
    // Expected on a fresh install, so a warning saying what to do rather than an error.
    logger.warn(
      { week, reason, reachableAdmins: reachable.length },
      `no board channel yet, so this week's digest was not posted: a board admin should @mention the bot with "set board channel" in the board's team channel`,
    );
    if (reachable.length === 0) return 0;
    if (!(await ledger.claimNoChannelNotice(week, clock().toISOString()))) return 0;
    const message = notice(
      'warning',
      'No board channel: the weekly digest was not posted',
      `This week's digest has not gone out because ${reason}. In the board's team channel, @mention me with "set board channel" and the digest will be posted there.`,
      [],
    );
    let told = 0;
    for (const admin of reachable) {
      try {
        const sent = await messenger.sendToChat(admin.personalConversation, message);
        if (sent.kind === 'sent') told += 1;
      } catch (error) {
        logger.warn({ err: error }, 'an admin could not be told that there is no board channel');
      }
    }
    return told;
  }
}
