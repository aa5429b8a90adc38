import { changesRecord, parseCommand, type Command } from '../domain/commands';
import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { formOffer, notice, offerCommands, onlyShows } from './notices';

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** Answers to messages that are not (yet) a command: near misses, half commands, too long, not in the plan. */
export class CommandReplies {
  constructor(private readonly plan: Plan) {}

  notInPlan(command: CommandOf<'notInPlan'>): Answer {
    return notice('warning', 'Not in the plan', command.message, ['show plan', 'help']);
  }

  incomplete(command: CommandOf<'incomplete'>): Answer {
    // An example that only shows something may be a button; any other is text with placeholders.
    const asButton = onlyShows(parseCommand(command.example, this.plan));
    return notice('default', 'Almost', command.message, asButton ? [command.example] : [], {
      examples: asButton ? [] : [command.example],
      forms: command.draft ? [formOffer(command.draft)] : [],
    });
  }

  tooLong(command: CommandOf<'tooLong'>): Answer {
    return notice(
      'warning',
      'That message is too long for me',
      `I read commands of a few words, and messages up to ${command.maxLength.toLocaleString('en-GB')} characters. Nothing was saved.`,
      ['help'],
    );
  }

  unknown(command: CommandOf<'unknown'>): Answer {
    const offer = offerCommands(
      this.plan,
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

  /**
   * A card's button asked for a change. Buttons only show things: a command that would change the record
   * (an old card's "did you mean", a forged payload) is not run, however it got onto the card.
   */
  buttonAskedForChange(command: Command): Answer | undefined {
    if (!changesRecord(command)) return undefined;
    const actionId = 'actionId' in command ? command.actionId : undefined;
    return notice(
      'warning',
      'Nothing was changed',
      'Buttons only show things. To make a change, type the command yourself or save it on the action’s form.',
      actionId ? [`show action ${actionId}`] : ['help'],
    );
  }
}
