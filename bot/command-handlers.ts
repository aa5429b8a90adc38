import type { TurnContext } from 'botbuilder';
import {
  buildAimCard,
  buildHelpCard,
  buildMyActionsCard,
  buildPersonalDataCheckCard,
  buildPlanCard,
  buildPriorityCard,
  type AdaptiveCardJson,
} from '../cards';
import { COMMAND_HELP, parseCommand, type Command } from '../domain/commands';
import type { Person } from '../domain/person';
import { findAction, findAim, findPriority } from '../domain/plan-lookup';
import { RAG_LABELS } from '../domain/rag-status';
import type { StatusUpdateOutcome } from '../domain/status-service';
import { myActionsView } from '../domain/views/action-views';
import { aimView, planOverviewView, priorityView } from '../domain/views/plan-views';
import type { ViewContext } from '../domain/views/view-context';
import type { BotDependencies } from './bot-dependencies';
import { actionCardFor } from './action-card-views';
import { changesRecord } from '../domain/command-effects';
import { joinWithAnd } from '../cards/text';
import { formOffer, notice, offerCommands, onlyShows } from './notices';
import { DigestCommands } from './digest-commands';
import { deliveryOf } from './delivery';
import { RecordCommands } from './record-commands';

export interface CommandReply {
  card: AdaptiveCardJson;
  summary: string;
}

/** One handler per command: ask the domain, build the view, return the card. */
export class CommandHandlers {
  private readonly digestCommands: DigestCommands;
  private readonly record: RecordCommands;

  constructor(private readonly deps: BotDependencies) {
    this.digestCommands = new DigestCommands(deps);
    this.record = new RecordCommands(deps);
  }

  get records(): RecordCommands {
    return this.record;
  }

  get digest(): DigestCommands {
    return this.digestCommands;
  }

  private viewContext(): ViewContext {
    return { now: this.deps.clock(), timeZone: this.deps.timeZone };
  }

  async handle(command: Command, context: TurnContext): Promise<CommandReply> {
    const { plan, statusService } = this.deps;
    switch (command.kind) {
      case 'help': {
        const person = await this.deps.people.identifyIfPossible(context);
        const isAdmin = statusService.isAdmin(person);
        return {
          summary: 'What I can do',
          card: buildHelpCard({
            isAdmin,
            commands: COMMAND_HELP.filter((item) => !item.adminOnly),
            adminCommands: isAdmin ? COMMAND_HELP.filter((item) => item.adminOnly) : [],
          }),
        };
      }
      case 'showPlan': {
        const statuses = await statusService.currentStatuses();
        return { summary: plan.title, card: buildPlanCard(planOverviewView(plan, statuses)) };
      }
      case 'showAim': {
        const aim = findAim(plan, command.aim);
        if (!aim)
          return notice('warning', 'Not in the plan', `The plan has aims 1–${plan.aims.length}.`, [
            'show plan',
          ]);
        const statuses = await statusService.currentStatuses();
        return {
          summary: `Aim ${aim.number}: ${aim.title}`,
          card: buildAimCard(aimView(plan, aim, statuses)),
        };
      }
      case 'showPriority': {
        const priority = findPriority(plan, command.priority);
        if (!priority) {
          return notice(
            'warning',
            'Not in the plan',
            `The plan has priorities 1–${plan.priorities.length}.`,
            ['show plan'],
          );
        }
        const statuses = await statusService.currentStatuses();
        return {
          summary: `Priority ${priority.number}: ${priority.title}`,
          card: buildPriorityCard(priorityView(plan, priority, statuses, this.viewContext())),
        };
      }
      case 'showAction': {
        const action = findAction(plan, command.actionId);
        if (!action)
          return notice('warning', 'Not in the plan', `There is no action ${command.actionId}.`, [
            'show plan',
          ]);
        const person = await this.deps.people.identifyIfPossible(context);
        const status = await statusService.currentStatus(action.id);
        return {
          summary: `Action ${action.id}: ${action.title}`,
          card: actionCardFor(this.deps, context, person, action, status),
        };
      }
      case 'history':
        return this.record.history(command.actionId, command.page ?? 1, context);
      case 'redact':
        return this.record.redact(command, context);
      case 'myActions':
        return this.myActions(context);
      case 'updateStatus': {
        const person = await this.deps.people.identify(context);
        const outcome = await statusService.updateStatus({
          actionId: command.actionId,
          ragWord: command.ragWord,
          note: command.note,
          by: person,
          delivery: deliveryOf(context),
        });
        if (outcome.kind === 'invalid') {
          // The form, filled in with what was typed, is the way on; never a button that saves other words.
          return notice('warning', 'Nothing was saved', outcome.problem, [], {
            forms: [formOffer(command)],
          });
        }
        return this.updateReply(outcome, person, context);
      }
      case 'assignOwner':
        return this.assignOwner(command.actionId, command.ownerEmail, context);
      case 'previewDigest':
        return this.digestCommands.preview(context);
      case 'postDigest':
        return this.digestCommands.post(context);
      case 'setBoardChannel':
        return this.digestCommands.setBoardChannel(context);
      case 'notInPlan':
        return notice('warning', 'Not in the plan', command.message, ['show plan', 'help']);
      case 'incomplete': {
        // An example that only shows something may be a button; any other is text with placeholders.
        const asButton = onlyShows(parseCommand(command.example, plan));
        return notice('default', 'Almost', command.message, asButton ? [command.example] : [], {
          examples: asButton ? [] : [command.example],
          forms: command.draft ? [formOffer(command.draft)] : [],
        });
      }
      case 'tooLong':
        return notice(
          'warning',
          'That message is too long for me',
          `I read commands of a few words, and messages up to ${command.maxLength.toLocaleString('en-GB')} characters. Nothing was saved.`,
          ['help'],
        );
      case 'unknown': {
        const offer = offerCommands(
          plan,
          command.suggestions.length > 0 ? command.suggestions : ['help', 'show plan'],
        );
        const writes = offer.examples.length > 0 || offer.forms.length > 0;
        return notice(
          'default',
          "Sorry, I didn't understand that",
          command.suggestions.length === 0
            ? 'Try one of these.'
            : writes
              ? 'Did you mean one of these? Anything that changes the plan has to be typed or saved on its form.'
              : 'Did you mean one of these?',
          offer.buttons,
          offer,
        );
      }
    }
  }

  /**
   * A command sent by a card's button. Buttons only show things: a command that would change the record
   * (an old card's "did you mean", a forged payload) is not run, however it got onto the card.
   */
  async handleFromButton(command: Command, context: TurnContext): Promise<CommandReply> {
    if (!changesRecord(command)) return this.handle(command, context);
    this.deps.logger.warn({ command: command.kind }, 'a button asked for a change; not run');
    const actionId = 'actionId' in command ? command.actionId : undefined;
    return notice(
      'warning',
      'Nothing was changed',
      'Buttons only show things. To make a change, type the command yourself or save it on the action’s form.',
      actionId ? [`show action ${actionId}`] : ['help'],
    );
  }

  private async myActions(context: TurnContext): Promise<CommandReply> {
    const person = await this.deps.people.identify(context);
    if (!person.email) return noIdentityReply();
    const statuses = await this.deps.statusService.currentStatuses();
    const view = myActionsView(this.deps.plan, person.name, person.email, statuses, this.viewContext(), {
      withForms: true,
    });
    if (view.actions.length === 0) {
      return notice(
        'default',
        'No actions yet',
        `No actions are assigned to ${person.email}. A board admin can assign one with "assign 5.1 to ${person.email}".`,
        ['show plan'],
      );
    }
    return { summary: `${view.actions.length} actions owned by you`, card: buildMyActionsCard(view) };
  }

  private async assignOwner(
    actionId: string,
    ownerEmail: string,
    context: TurnContext,
  ): Promise<CommandReply> {
    const person = await this.deps.people.identify(context);
    const known = await this.deps.peopleStore.findByEmail(ownerEmail);
    const outcome = await this.deps.statusService.assignOwner({
      actionId,
      ownerEmail,
      ownerName: known?.name,
      ownerTeamsUserId: known?.teamsUserId,
      ownerAadObjectId: known?.aadObjectId,
      by: person,
      delivery: deliveryOf(context),
    });
    switch (outcome.kind) {
      case 'assigned':
        return notice(
          'good',
          `Action ${outcome.action.id} assigned`,
          `${outcome.action.id} ${outcome.action.title} is now owned by ${ownerEmail}` +
            (outcome.previousOwnerEmail ? ` (was ${outcome.previousOwnerEmail}).` : '.'),
          [`show action ${outcome.action.id}`],
        );
      case 'unchanged':
        return notice(
          'default',
          'Nothing to change',
          `${outcome.action.id} is already owned by ${ownerEmail}.`,
          [],
        );
      case 'unknownAction':
        return notice('warning', 'Not in the plan', `There is no action ${actionId}.`, ['show plan']);
      case 'notAllowed':
        return notice(
          'warning',
          'Only board admins can assign owners',
          'Ask the board chair or business manager to assign this action. Nothing was changed.',
          [],
        );
      case 'busy':
        return busyReply(actionId);
    }
  }

  /** The reply to a typed status update. */
  updateReply(outcome: StatusUpdateOutcome, person: Person, context: TurnContext): CommandReply {
    switch (outcome.kind) {
      case 'saved': {
        const text = `Saved: ${RAG_LABELS[outcome.previous.rag]} → ${RAG_LABELS[outcome.current.rag]}.`;
        return {
          summary: `${outcome.action.id} is now ${RAG_LABELS[outcome.current.rag]}`,
          card: actionCardFor(this.deps, context, person, outcome.action, outcome.current, {
            tone: 'good',
            text,
          }),
        };
      }
      case 'checkPersonalData': {
        const action = findAction(this.deps.plan, outcome.current.actionId);
        return {
          summary: 'Please check your note before I store it',
          card: buildPersonalDataCheckCard({
            actionId: outcome.current.actionId,
            actionTitle: action?.title ?? '',
            rag: outcome.rag,
            note: outcome.note,
            baseVersion: outcome.current.version,
            findings: outcome.findings,
          }),
        };
      }
      default:
        return refusalReply(outcome);
    }
  }
}

/** Outcomes that store nothing and need only a short explanation. */
export function refusalReply(outcome: StatusUpdateOutcome): CommandReply {
  switch (outcome.kind) {
    case 'unknownAction':
      return notice('warning', 'Not in the plan', `There is no action ${outcome.actionId}.`, ['show plan']);
    case 'invalid':
      return notice('warning', 'Nothing was saved', outcome.problem, [
        `show action ${outcome.current.actionId}`,
      ]);
    case 'noIdentity':
      return noIdentityReply();
    case 'notAllowed':
      return notice(
        'warning',
        'Only the owner or a board admin can update this action',
        outcome.current.ownerEmail
          ? `${outcome.current.actionId} is owned by ${outcome.current.ownerEmail}. Nothing was saved.`
          : `${outcome.current.actionId} has no owner yet; a board admin can assign one. Nothing was saved.`,
        [`show action ${outcome.current.actionId}`],
      );
    case 'busy':
      return busyReply('this action');
    case 'changedSinceForm':
    case 'checkPersonalData':
    case 'saved':
      return notice('warning', 'Nothing was saved', 'Please open the action again and retry.', [
        `show action ${outcome.kind === 'saved' ? outcome.action.id : outcome.current.actionId}`,
      ]);
  }
}

/** What the personal-data check found, said beside the form that holds the note. */
export function personalDataNotice(findings: readonly string[]): string {
  const found = findings.length > 0 ? joinWithAnd(findings) : 'something that could identify someone';
  return (
    `Not saved yet: this note seems to contain ${found}. Do not include anything that could identify a ` +
    'child or family. Rephrase it below, or store it as written.'
  );
}

function noIdentityReply(): CommandReply {
  return notice(
    'warning',
    "I couldn't confirm who you are",
    'Teams did not tell me which work account you are signed in with, so I cannot record updates from you. Nothing was saved. If this keeps happening, ask a board admin.',
    [],
  );
}

function busyReply(what: string): CommandReply {
  return notice(
    'warning',
    'Please try again',
    `Several people are updating ${what} at this moment. Nothing was saved; please try again.`,
    [],
  );
}
