import type { Plan } from '../../plan/plan-schema';
import { findPriority } from '../plan-lookup';
import { commandFamily, incomplete, type ParseReply } from './command-family';
import { notInPlan, priorityRange } from './plan-references';

/** Also what a keyword search ("show neglect") finds: see keyword-search.ts, the parser's last resort. */
export type ShowPriorityCommand = { kind: 'showPriority'; priority: number };

export const showPriority = commandFamily<ShowPriorityCommand>({
  changesRecord: { showPriority: false },
  parse: ({ simple, plan }) => {
    const asked = /^(?:show )?(?:priority|p) ?(\d+)$/.exec(simple) ?? /^show (\d+)$/.exec(simple);
    if (asked) return priorityCommand(asked[1], plan);
    if (/^(?:show )?priority$/.test(simple)) {
      return incomplete(
        `Which priority? ${priorityRange(plan)}`,
        `show priority ${plan.priorities[0].number}`,
      );
    }
    return undefined;
  },
  help: [
    {
      command: 'show priority 5',
      description: 'A priority and its actions. "p5" or a keyword such as "show neglect" works too.',
      adminOnly: false,
    },
  ],
  nearMisses: [
    { canonical: 'show priority', heads: ['show priority', 'priority'], keepsArguments: true },
    { canonical: 'show', heads: ['show'], keepsArguments: true },
  ],
  menu: [
    {
      title: 'show priority',
      description:
        'A priority and its actions, e.g. show priority 5 (a keyword such as show neglect works too)',
      scopes: ['personal', 'team', 'groupChat'],
    },
  ],
});

function priorityCommand(asked: string, plan: Plan): ShowPriorityCommand | ParseReply {
  const priority = findPriority(plan, Number(asked));
  if (!priority) return notInPlan('priority', asked, priorityRange(plan));
  return { kind: 'showPriority', priority: priority.number };
}
