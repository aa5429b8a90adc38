import { DAY_MS } from '../domain/days';
import type { KnownPerson } from '../domain/known-people';
import { myActionsView } from '../views/action-views';
import type { Digest } from '../views/digest-view';
import type { PeopleStore } from '../domain/known-people';
import type { ReminderLedger } from '../domain/digest-ports';
import type { Plan } from '../plan/plan-schema';
import type { Escalations } from './escalations';
import type { Log } from './log';
import type { Messenger } from './messenger';
import type { StatusService } from './status-service';

/** What reminding owners needs of the weekly digest's parts. */
export interface ReminderParts {
  plan: Plan;
  statusService: Pick<StatusService, 'currentStatuses'>;
  peopleStore: Pick<PeopleStore, 'findByEmail'>;
  reminders: ReminderLedger;
  messenger: Messenger;
  logger: Log;
  clock: () => Date;
  staleDays: number;
  timeZone: string;
  escalations?: Pick<Escalations, 'warning'>;
  /** Pause between reminders: well under Teams' per-app and per-conversation limits. */
  reminderGapMs?: number;
}

/** One personal message per owner with a form for each of their stale actions, at most once per STALE_DAYS. */
export async function remindOwners(parts: ReminderParts, digest: Digest): Promise<number> {
  const { plan, statusService, peopleStore, reminders, messenger, logger, clock, staleDays, timeZone } =
    parts;
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
    const warning = await parts.escalations?.warning(actionIds, statuses);
    const view = myActionsView(
      plan,
      person.name,
      email,
      statuses,
      { now, timeZone },
      {
        withForms: true,
        only: new Set(actionIds),
        intro:
          `These actions have had no update for ${staleDays} days or more. Two taps here updates the board.` +
          (warning?.text ? ` ${warning.text}` : ''),
      },
    );
    try {
      const result = await messenger.sendToChat(person.personalConversation, {
        summary: 'Your plan actions need an update',
        screen: { card: 'myActions', view },
      });
      if (result.kind !== 'sent') continue;
      for (const actionId of actionIds)
        await reminders.recordReminded(
          email,
          actionId,
          now.toISOString(),
          warning?.silentSince.get(actionId),
        );
      sentCount += 1;
    } catch (error) {
      logger.warn({ err: error }, 'reminder not sent; it will be retried on the next run');
    }
    await new Promise((resolve) => setTimeout(resolve, parts.reminderGapMs ?? 300));
  }
  return sentCount;
}
