import { buildDigestCard, buildMyActionsCard, type AdaptiveCardJson } from '../cards';
import type { KnownPerson, PeopleStore } from '../domain/known-people';
import type { BoardChannelStore, DigestLedger, ReminderLedger } from '../domain/digest-ports';
import { buildDigest, type Digest } from '../domain/digest/build-digest';
import { parseDigestSnapshot } from '../domain/digest/digest-snapshot';
import { isoWeekOf } from '../domain/digest/iso-week';
import type { StatusService } from '../domain/status-service';
import { myActionsView } from '../domain/views/action-views';
import type { Plan } from '../plan/plan-schema';
import type { Logger } from './logger';
import type { ProactiveSender } from './proactive-sender';

export type DigestRunResult =
  | { kind: 'posted'; week: string; activityId?: string; reminders: number }
  | { kind: 'alreadyPosted'; week: string }
  | { kind: 'noBoardChannel' }
  | { kind: 'boardChannelInactive' }
  | { kind: 'botRemoved'; status: number };

export interface DigestRunnerParts {
  plan: Plan;
  statusService: StatusService;
  boardChannels: BoardChannelStore;
  ledger: DigestLedger;
  reminders: ReminderLedger;
  peopleStore: PeopleStore;
  sender: ProactiveSender;
  logger: Logger;
  clock: () => Date;
  staleDays: number;
  timeZone: string;
  /** Names this process in the week's claim, for the record. */
  instanceId: string;
  /** Pause between reminders: well under Teams' per-app and per-conversation limits. */
  reminderGapMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Builds the weekly digest from stored state and posts it once per ISO week to the board channel. */
export class DigestRunner {
  constructor(private readonly parts: DigestRunnerParts) {}

  /** The digest as it would be posted now (preview and --dry-run); posts and records nothing. */
  async prepare(): Promise<{ digest: Digest; card: AdaptiveCardJson }> {
    const { plan, statusService, boardChannels, ledger, peopleStore, clock, staleDays, timeZone } =
      this.parts;
    const channel = await boardChannels.get();
    const latest = channel ? await ledger.latest(channel.conversationId) : undefined;
    const [statuses, people] = await Promise.all([statusService.currentStatuses(), peopleStore.all()]);
    const reachable = new Set(
      people.filter((person) => person.personalConversation).map((person) => person.email),
    );
    const owners = [...statuses.values()]
      .map((status) => status.ownerEmail)
      .filter((email): email is string => !!email);
    const digest = buildDigest({
      plan,
      statuses,
      previous: latest ? parseDigestSnapshot(JSON.parse(latest.snapshot)) : undefined,
      now: clock(),
      staleDays,
      timeZone,
      unreachableOwners: new Set(owners.filter((email) => !reachable.has(email))),
    });
    return { digest, card: buildDigestCard(digest.view) };
  }

  /**
   * The scheduled digest: claims the week first (a conditional insert), so however many instances run,
   * one posts. `force` posts anyway, recorded as an extra digest. A failed post gives the claim back.
   */
  async run(options: { force?: boolean } = {}): Promise<DigestRunResult> {
    const { boardChannels, ledger, sender, logger, clock, timeZone, instanceId } = this.parts;
    const channel = await boardChannels.get();
    if (!channel) return { kind: 'noBoardChannel' };
    if (!channel.active) return { kind: 'boardChannelInactive' };
    const now = clock();
    const week = isoWeekOf(now, timeZone);
    if (!options.force) {
      const claim = await ledger.claimWeek(channel.conversationId, week, instanceId, now.toISOString());
      if (claim === 'alreadyClaimed') return { kind: 'alreadyPosted', week };
    }
    let sent;
    let digest: Digest;
    try {
      const prepared = await this.prepare();
      digest = prepared.digest;
      sent = await sender.sendCard(channel.reference, prepared.card, digest.summary);
    } catch (error) {
      if (!options.force) await ledger.releaseWeek(channel.conversationId, week);
      throw error;
    }
    if (sent.kind === 'notInConversation') {
      logger.warn(
        { status: sent.status },
        'the bot is no longer in the board channel; digests stop until it is set again',
      );
      await boardChannels.markInactive(
        channel.conversationId,
        `Teams answered ${sent.status}`,
        now.toISOString(),
      );
      if (!options.force) await ledger.releaseWeek(channel.conversationId, week);
      return { kind: 'botRemoved', status: sent.status };
    }
    await ledger.recordPosted(
      channel.conversationId,
      {
        week,
        postedAt: now.toISOString(),
        activityId: sent.activityId,
        snapshot: JSON.stringify(digest.snapshot),
      },
      options.force === true,
    );
    logger.info({ week, extra: options.force === true }, 'digest posted');
    const reminders = await this.remindOwners(digest);
    return { kind: 'posted', week, activityId: sent.activityId, reminders };
  }

  /** One personal message per owner with a form for each of their stale actions, at most once per STALE_DAYS. */
  async remindOwners(digest: Digest): Promise<number> {
    const { plan, statusService, peopleStore, reminders, sender, logger, clock, staleDays, timeZone } =
      this.parts;
    const now = clock();
    const byOwner = new Map<string, string[]>();
    for (const stale of digest.staleActions) {
      if (!stale.ownerEmail) continue;
      const last = await reminders.lastReminded(stale.ownerEmail, stale.actionId);
      if (last && now.getTime() - new Date(last).getTime() < staleDays * DAY_MS) continue;
      byOwner.set(stale.ownerEmail, [...(byOwner.get(stale.ownerEmail) ?? []), stale.actionId]);
    }
    if (byOwner.size === 0) return 0;
    const statuses = await statusService.currentStatuses();
    let sentCount = 0;
    for (const [email, actionIds] of byOwner) {
      const person: KnownPerson | undefined = await peopleStore.findByEmail(email);
      if (!person?.personalConversation) continue;
      const view = myActionsView(
        plan,
        person.name,
        email,
        statuses,
        { now, timeZone },
        {
          withForms: true,
          only: new Set(actionIds),
          intro: `These actions have had no update for ${staleDays} days or more. Two taps here updates the board.`,
        },
      );
      try {
        const result = await sender.sendCard(
          person.personalConversation,
          buildMyActionsCard(view),
          'Your plan actions need an update',
        );
        if (result.kind !== 'sent') continue;
        for (const actionId of actionIds) await reminders.recordReminded(email, actionId, now.toISOString());
        sentCount += 1;
      } catch (error) {
        logger.warn({ err: error }, 'reminder not sent; it will be retried on the next run');
      }
      await new Promise((resolve) => setTimeout(resolve, this.parts.reminderGapMs ?? 300));
    }
    return sentCount;
  }
}
