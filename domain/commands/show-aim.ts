import type { Plan } from '../../plan/plan-schema';
import { findAim } from '../plan-lookup';
import { commandFamily, incomplete, type ParseReply } from './command-family';
import { notInPlan, planRange } from './plan-references';

export type ShowAimCommand = { kind: 'showAim'; aim: number };

export const showAim = commandFamily<ShowAimCommand>({
  changesRecord: { showAim: false },
  parse: ({ simple, plan }) => {
    const aim = /^(?:show )?aim(?: (.+))?$/.exec(simple);
    return aim ? aimCommand(aim[1], plan) : undefined;
  },
  help: [{ command: 'show aim 1', description: 'One aim and its priorities.', adminOnly: false }],
  nearMisses: [{ canonical: 'show aim', heads: ['show aim', 'aim'], keepsArguments: true }],
});

function aimCommand(asked: string | undefined, plan: Plan): ShowAimCommand | ParseReply {
  const range = planRange(plan.aims.length, 'aim', 'aims');
  if (asked === undefined || !/^\d+$/.test(asked)) {
    return incomplete(`Which aim? ${range}`, `show aim ${plan.aims[0].number}`);
  }
  const aim = findAim(plan, Number(asked));
  if (!aim) return notInPlan('aim', asked, range);
  return { kind: 'showAim', aim: aim.number };
}
