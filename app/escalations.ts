import { statusOf, type ActionStatus } from '../domain/action-status';
import { formatCalendarDate, isoDateOf, todayIn } from '../domain/board-cycle/calendar-date';
import type { EscalationMark } from '../domain/board-cycle/exception-rules';
import { parseCommand } from '../domain/commands';
import type { ReminderCount, ReminderLedger } from '../domain/digest-ports';
import { localDaysBetween } from '../domain/digest/local-calendar';
import type { EscalationLedger, EscalationRecipient } from '../domain/escalation/escalation-ports';
import { decideEscalation, escalationDay, silentSince } from '../domain/escalation/escalation-rule';
import type { KnownPerson, PeopleStore } from '../domain/known-people';
import { isBoardAdmin, type Person } from '../domain/person';
import { findAction } from '../domain/plan-lookup';
import { joinWithAnd, plural } from '../domain/wording';
import type { Plan, PlanAction } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { escalatedActionView, type EscalationsView } from '../views/escalation-views';
import type { Tone } from '../views/view-models';
import { currentEscalations, factsOf, marksOf, type CurrentEscalation } from './standing-escalations';
import type { AssignOwner } from './assign-owner';
import type { EscalationRecord } from './board-state';
import type { Log } from './log';
import type { Messenger } from './messenger';
import { adminsOnly } from './refusals';

export interface EscalationParts {
  plan: Plan;
  statuses: { currentStatuses(): Promise<ReadonlyMap<string, ActionStatus>> };
  ledger: EscalationLedger;
  reminders: Pick<ReminderLedger, 'reminders'>;
  people: Pick<PeopleStore, 'findByEmail'>;
  messenger: Messenger;
  assignOwner: Pick<AssignOwner, 'assign'>;
  isAdmin: (person: Person) => boolean;
  log: Log;
  clock: () => Date;
  timeZone: string;
  /** ESCALATE_AFTER_DAYS. */
  afterDays: number;
  /** The business manager: ESCALATE_TO, or every board admin. */
  businessManagers: readonly string[];
  /** How long a claim whose run died before telling anyone holds the action's week. */
  claimLeaseMs: number;
  /** Beside the current statuses, so the exception report marks escalations in its one read. */
  record?: EscalationRecord;
}

/** An action the rule escalates now. */
export interface DueEscalation {
  action: PlanAction;
  status: ActionStatus;
  why: 'ownerSilent' | 'noOwner';
  silentSince: string;
  silentDays: number;
  reminders?: ReminderCount;
  /** Sign-in addresses told about it: the business manager(s) and the priority's lead. */
  recipients: string[];
}

export interface EscalationRunResult {
  /** The actions this run escalated (claimed for the week and told to someone). */
  escalated: string[];
  /** Cards sent, one per person told. */
  cards: number;
}

/**
 * Silent actions are raised with the business manager and the priority's lead, once a week per action
 * however many runs, restarts and instances there are (a claim per action and week in the table). An
 * update or a new owner ends the escalation by itself: silence then starts again after it.
 */
export class Escalations {
  constructor(private readonly parts: EscalationParts) {}

  /** What the rule escalates now (the weekly run and --dry-run); stores nothing. */
  async due(options: { planStart?: string } = {}): Promise<DueEscalation[]> {
    const { plan, statuses, reminders, clock, timeZone, afterDays } = this.parts;
    const now = clock();
    const planStart = options.planStart ?? (await this.parts.ledger.readPlanStart()) ?? now.toISOString();
    const current = await statuses.currentStatuses();
    const due: DueEscalation[] = [];
    for (const priority of plan.priorities) {
      for (const action of priority.actions) {
        const status = statusOf(current, action.id);
        const count = status.ownerEmail ? await reminders.reminders(status.ownerEmail, action.id) : undefined;
        const decision = decideEscalation(factsOf(status, count), { now, timeZone, afterDays, planStart });
        if (decision.kind !== 'escalate') continue;
        due.push({
          action,
          status,
          why: decision.why,
          silentSince: decision.silentSince,
          silentDays: decision.silentDays,
          reminders: count,
          recipients: this.recipientsFor(priority.lead),
        });
      }
    }
    return due;
  }

  /**
   * The weekly run: claims each due action for the week, sends each person told one card listing theirs,
   * and records who was told. A claim nobody could be told about is given back for the next run.
   */
  async run(week: string): Promise<EscalationRunResult> {
    const { ledger, log, clock, claimLeaseMs } = this.parts;
    const at = clock().toISOString();
    const planStart = await ledger.planStart(at);
    const claimed: DueEscalation[] = [];
    for (const due of await this.due({ planStart })) {
      const record = {
        actionId: due.action.id,
        week,
        at,
        silentSince: due.silentSince,
        ...(due.status.ownerEmail ? { ownerEmail: due.status.ownerEmail } : {}),
        ...(due.status.ownerName ? { ownerName: due.status.ownerName } : {}),
      };
      if (await ledger.claim(record, claimLeaseMs)) claimed.push(due);
    }
    if (claimed.length === 0) return { escalated: [], cards: 0 };
    const told = new Map<string, EscalationRecipient[]>();
    let cards = 0;
    for (const email of [...new Set(claimed.flatMap((due) => due.recipients))]) {
      const theirs = claimed.filter((due) => due.recipients.includes(email));
      const person = await this.parts.people.findByEmail(email);
      if (!person?.personalConversation) {
        log.warn({ actions: theirs.length }, 'escalation not sent: the bot has not met this person yet');
        continue;
      }
      if (!(await this.send(person, theirs, this.parts.businessManagers.includes(email)))) continue;
      cards += 1;
      for (const due of theirs) {
        told.set(due.action.id, [...(told.get(due.action.id) ?? []), { email, name: person.name }]);
      }
    }
    const escalated: string[] = [];
    for (const due of claimed) {
      const recipients = told.get(due.action.id);
      if (recipients) {
        await ledger.recordTold(due.action.id, week, recipients);
        escalated.push(due.action.id);
      } else {
        await ledger.release(due.action.id, week);
      }
    }
    if (escalated.length > 0 && this.parts.record) {
      // Only this run's actions: another instance's run writes its own, so neither overwrites the other.
      const current = await this.current();
      const raised = escalated.flatMap((actionId) => current.get(actionId) ?? []);
      await this.parts.record.recordEscalations(planStart, raised);
    }
    log.info({ week, escalated: escalated.length, cards }, 'escalations sent');
    return { escalated, cards };
  }

  /** The business manager gets assign forms; a priority's lead is told who can assign instead. */
  private async send(person: KnownPerson, due: DueEscalation[], assignForms: boolean): Promise<boolean> {
    if (!person.personalConversation) return false;
    const facts = `${plural(due.length, 'action has', 'actions have')} had no update for ${this.parts.afterDays} days or more after ${due.length === 1 ? 'its owner was' : 'their owners were'} reminded, or no owner for that long.`;
    const managers = joinWithAnd(await this.namesOf(this.parts.businessManagers));
    const view = await this.view(due, {
      title: 'Actions escalated to you',
      intro: assignForms
        ? `${facts} Open one to see it, or assign it to someone who will answer.`
        : `${facts} Open one to see it. ${managers} or a board admin can assign ${due.length === 1 ? 'it' : 'them'} to someone who will answer.`,
      assignForms,
      ...(assignForms ? {} : { seeEvery: `${managers} can see every one with "show escalations".` }),
    });
    try {
      const sent = await this.parts.messenger.sendToChat(person.personalConversation, {
        summary: `${plural(due.length, 'plan action', 'plan actions')} escalated to you`,
        screen: { card: 'escalations', view },
      });
      return sent.kind === 'sent';
    } catch (error) {
      this.parts.log.warn({ err: error }, 'escalation card not sent; the next run tries again');
      return false;
    }
  }

  /** Every action escalated during its current silence; an update or a new owner ends it. */
  async current(): Promise<Map<string, CurrentEscalation>> {
    const [records, planStart, statuses] = await Promise.all([
      this.parts.ledger.all(),
      this.parts.ledger.readPlanStart(),
      this.parts.statuses.currentStatuses(),
    ]);
    return currentEscalations(records, statuses, planStart);
  }

  /** "escalated to Beth Manager on 7 December 2026", for the exception rules (digest, exceptions). */
  async marks(): Promise<Map<string, EscalationMark>> {
    return marksOf(await this.current(), this.parts.timeZone);
  }

  /**
   * The owner's warning, for a reminder about these actions: when each will be raised and with whom.
   * Undefined when there is nothing to warn of (completed, or nobody to raise it with).
   */
  async warning(
    actionIds: readonly string[],
    statuses: ReadonlyMap<string, ActionStatus>,
  ): Promise<{ text: string; silentSince: Map<string, string> } | undefined> {
    const { plan, clock, timeZone, afterDays } = this.parts;
    const planStart = (await this.parts.ledger.readPlanStart()) ?? clock().toISOString();
    const silence = new Map<string, string>();
    const lines: string[] = [];
    for (const actionId of actionIds) {
      const status = statusOf(statuses, actionId);
      const facts = factsOf(status, undefined);
      silence.set(actionId, silentSince(facts, planStart));
      if (status.rag === 'complete') continue;
      const priority = plan.priorities.find((candidate) =>
        candidate.actions.some((action) => action.id === actionId),
      );
      const names = await this.namesOf(this.recipientsFor(priority?.lead));
      if (names.length === 0) continue;
      const day = isoDateOf(escalationDay(facts, { timeZone, afterDays, planStart }));
      const when =
        day <= todayIn(clock(), timeZone) ? 'at the next weekly run' : `from ${formatCalendarDate(day)}`;
      lines.push(`${actionId} will be raised with ${joinWithAnd(names)} ${when}`);
    }
    if (lines.length === 0) return { text: '', silentSince: silence };
    return {
      text: `Without an update, ${joinWithAnd(lines)}.`,
      silentSince: silence,
    };
  }

  /** The business manager (ESCALATE_TO) may see and assign what is escalated, as admins may. */
  private isBusinessManager(by: Person): boolean {
    return isBoardAdmin(by, this.parts.businessManagers);
  }

  /** `show escalations`, for admins and the business manager: what is escalated, since when, who was told. */
  async show(by: Person): Promise<Answer> {
    if (!this.parts.isAdmin(by) && !this.isBusinessManager(by)) return adminsOnly();
    const current = await this.current();
    const view = await this.listView([...current.keys()], current, {
      tone: 'default',
      text: '',
    });
    return {
      summary:
        view.rows.length === 0
          ? 'Nothing is escalated'
          : `${plural(view.rows.length, 'action is', 'actions are')} escalated`,
      screen: { card: 'escalations', view },
    };
  }

  /**
   * The escalation card's assign form: rights first (a stranger sees no list), then the typed address,
   * read exactly as `assign` reads it. The business manager may assign only what is escalated.
   */
  async assign(request: {
    by: Person;
    actionId: string;
    address: string;
    list: readonly string[];
    delivery?: string;
  }): Promise<Answer> {
    const admin = this.parts.isAdmin(request.by);
    if (!admin && !this.isBusinessManager(request.by)) return adminsOnly();
    const current = await this.current();
    const message = await this.assignMessage(request, admin, current.get(request.actionId)?.lastAt);
    const after = message.changed ? await this.current() : current;
    const view = await this.listView(
      request.list.filter((actionId) => findAction(this.parts.plan, actionId)),
      after,
      { tone: message.tone, text: message.text },
    );
    return { summary: message.text, screen: { card: 'escalations', view } };
  }

  private async assignMessage(
    request: { by: Person; actionId: string; address: string; delivery?: string },
    admin: boolean,
    escalatedAt: string | undefined,
  ): Promise<{ tone: Tone; text: string; changed?: boolean }> {
    const nothing = 'Nothing was changed.';
    if (!findAction(this.parts.plan, request.actionId))
      return { tone: 'warning', text: `There is no action ${request.actionId} in the plan. ${nothing}` };
    if (!admin && escalatedAt === undefined)
      return {
        tone: 'warning',
        text: `${request.actionId} is no longer escalated: a board admin can assign it with "assign". ${nothing}`,
      };
    const command = parseCommand(`assign ${request.actionId} to ${request.address}`, this.parts.plan);
    if (command.kind === 'incomplete') return { tone: 'warning', text: `${command.message} ${nothing}` };
    if (command.kind !== 'assignOwner')
      return { tone: 'warning', text: `That is not an address I can read. ${nothing}` };
    const answer = await this.parts.assignOwner.assign({
      by: request.by,
      actionId: command.actionId,
      ownerEmail: command.ownerEmail,
      delivery: request.delivery,
      ...(admin ? {} : { escalatedAt }),
    });
    return { ...messageOf(answer), changed: true };
  }

  /** The card for listed actions still escalated; those no longer escalated drop out. */
  private async listView(
    actionIds: readonly string[],
    current: ReadonlyMap<string, CurrentEscalation>,
    message: { tone: Tone; text: string },
  ): Promise<EscalationsView> {
    const { plan, clock, timeZone } = this.parts;
    const statuses = await this.parts.statuses.currentStatuses();
    const planStart = (await this.parts.ledger.readPlanStart()) ?? clock().toISOString();
    const context = { now: clock(), timeZone };
    const rows = [];
    for (const actionId of actionIds) {
      const escalation = current.get(actionId);
      const action = findAction(plan, actionId);
      if (!escalation || !action) continue;
      const status = statusOf(statuses, actionId);
      const since = silentSince(factsOf(status, undefined), planStart);
      const reminders = status.ownerEmail
        ? await this.parts.reminders.reminders(status.ownerEmail, actionId)
        : undefined;
      rows.push(
        escalatedActionView(
          {
            action,
            status,
            silentSince: since,
            silentDays: localDaysBetween(new Date(since), context.now, timeZone),
            reminders,
            escalatedSince: escalation.since,
            told: joinWithAnd(escalation.told.map((recipient) => recipient.name)),
          },
          context,
        ),
      );
    }
    return {
      title: 'Escalated actions',
      intro:
        rows.length === 0
          ? 'Nothing is escalated: every action has had an update, or a new owner, since it was raised.'
          : `Actions raised with the business manager after ${this.parts.afterDays} days without an update, still silent.`,
      rows,
      assignForms: true,
      ...(message.text ? { message } : {}),
    };
  }

  private async view(due: DueEscalation[], heading: Omit<EscalationsView, 'rows'>): Promise<EscalationsView> {
    const context = { now: this.parts.clock(), timeZone: this.parts.timeZone };
    return {
      ...heading,
      rows: due.map((item) => escalatedActionView(item, context)),
    };
  }

  private recipientsFor(lead: string | undefined): string[] {
    return [...new Set([...this.parts.businessManagers, ...(lead ? [lead] : [])])];
  }

  /** Names as the bot knows them; an address it has not met stands for itself. */
  private async namesOf(emails: readonly string[]): Promise<string[]> {
    const people = await Promise.all(emails.map((email) => this.parts.people.findByEmail(email)));
    return emails.map((email, index) => people[index]?.name ?? email);
  }
}

function messageOf(answer: Answer): { tone: Tone; text: string } {
  if (answer.screen.card !== 'notice') return { tone: 'default', text: answer.summary };
  const { tone, title, text } = answer.screen.view;
  return { tone, text: `${title}. ${text}` };
}
