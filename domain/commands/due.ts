import type { Plan } from '../../plan/plan-schema';
import { commandFamily, incomplete, type ParseReply } from './command-family';
import { afterSeparator } from './message-text';
import { afterActionId, echo } from './plan-references';

/** "due 5.1 31 March 2027 [because …]": the date is read by the use case, which knows today. */
export type DueCommand = { kind: 'setTarget'; actionId: string; dateText: string; reason?: string };

const DUE = /^due\b\s*([\s\S]*)$/i;
// The first "because" ends the date; everything after it is the reason, as typed.
const BECAUSE = /(?:^|\s)because\b\s*:?/i;

export const due = commandFamily<DueCommand>({
  changesRecord: { setTarget: true },
  parse: ({ message, plan }) => parseDue(message, plan),
  help: [
    {
      command: 'due 5.1 31 March 2027',
      description: 'Set or revise the target date (owner or admin); add "because <reason>" to a revision.',
      adminOnly: false,
    },
  ],
  nearMisses: [{ canonical: 'due', heads: ['due'], keepsArguments: true }],
  menu: [
    {
      title: 'due',
      description:
        'Owners and admins: set or revise a target date, e.g. due 5.1 31 March 2027 because the audit moved',
      scopes: ['personal', 'groupChat'],
    },
  ],
});

/** "due 5.1 31 March 2027", "due 5.1 30 June 2027 because the audit moved". */
function parseDue(message: string, plan: Plan): DueCommand | ParseReply | undefined {
  return afterActionId(
    message,
    DUE,
    plan,
    (example) =>
      incomplete(
        `Which action, and when is it due? e.g. due ${example} 31 March 2027.`,
        `due ${example} <date>`,
      ),
    (actionId, typed): DueCommand | ParseReply => {
      const rest = afterSeparator(typed, ':,').trim();
      const because = BECAUSE.exec(rest);
      const dateText = (because ? rest.slice(0, because.index) : rest).trim();
      if (dateText === '') {
        return incomplete(
          `When is ${actionId} due? Give a date, e.g. due ${actionId} 31 March 2027.`,
          `due ${actionId} <date>`,
        );
      }
      if (!because) return { kind: 'setTarget', actionId, dateText };
      const reason = rest.slice(because.index + because[0].length).trim();
      if (reason === '') {
        return incomplete(
          'Why is the date changing? Type the reason after "because", or leave "because" out.',
          `due ${actionId} ${echo(dateText)} because <reason>`,
        );
      }
      return { kind: 'setTarget', actionId, dateText, reason };
    },
  );
}
