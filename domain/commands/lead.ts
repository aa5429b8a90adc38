import type { Plan } from '../../plan/plan-schema';
import { commandFamily, type ParseReply } from './command-family';
import { afterSeparator } from './message-text';
import { firstActionId, LEADING_ACTION_ID, withAction } from './plan-references';

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
  const lead = LEAD.exec(message);
  if (!lead) return undefined;
  const target = LEADING_ACTION_ID.exec(lead[1].trim());
  if (!target) {
    const example = firstActionId(plan);
    return {
      kind: 'incomplete',
      message: `Which action, and which agency leads it? e.g. lead ${example} Thames Valley Police.`,
      example: `lead ${example} <agency>`,
    };
  }
  return withAction(target[1], plan, (actionId): LeadCommand | ParseReply => {
    const agency = afterSeparator(target[2], ':,').trim();
    if (agency === '') {
      return {
        kind: 'incomplete',
        message: `Which agency leads ${actionId}? e.g. lead ${actionId} Thames Valley Police.`,
        example: `lead ${actionId} <agency>`,
      };
    }
    return { kind: 'setLead', actionId, agency };
  });
}
