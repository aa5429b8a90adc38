import type { Plan } from '../../plan/plan-schema';
import { commandFamily, incomplete, type ParseReply } from './command-family';
import { afterSeparator } from './message-text';
import { afterActionId } from './plan-references';

/** "lead 5.1 Thames Valley Police": the agency as typed; the use case reads it. */
export type LeadCommand = { kind: 'setLead'; actionId: string; agency: string };

const LEAD = /^lead\b\s*([\s\S]*)$/i;

export const lead = commandFamily<LeadCommand>({
  changesRecord: { setLead: true },
  parse: ({ message, plan }) => parseLead(message, plan),
  help: [
    { command: 'lead 5.1 <agency>', description: 'Record which agency leads an action.', adminOnly: true },
  ],
  nearMisses: [{ canonical: 'lead', heads: ['lead'], keepsArguments: true }],
});

function parseLead(message: string, plan: Plan): LeadCommand | ParseReply | undefined {
  return afterActionId(
    message,
    LEAD,
    plan,
    (example) =>
      incomplete(
        `Which action, and which agency leads it? e.g. lead ${example} Thames Valley Police.`,
        `lead ${example} <agency>`,
      ),
    (actionId, typed): LeadCommand | ParseReply => {
      const agency = afterSeparator(typed, ':,').trim();
      if (agency === '') {
        return incomplete(
          `Which agency leads ${actionId}? e.g. lead ${actionId} Thames Valley Police.`,
          `lead ${actionId} <agency>`,
        );
      }
      return { kind: 'setLead', actionId, agency };
    },
  );
}
