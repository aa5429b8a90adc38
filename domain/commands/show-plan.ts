import { commandFamily } from './command-family';

export type ShowPlanCommand = { kind: 'showPlan' };

export const showPlan = commandFamily<ShowPlanCommand>({
  changesRecord: { showPlan: false },
  parse: ({ simple }) => (/^(?:show )?(?:the )?plan$/.test(simple) ? { kind: 'showPlan' } : undefined),
  help: [
    {
      command: 'show plan',
      description: 'The plan at a glance: aims, priorities and RAG totals.',
      adminOnly: false,
    },
  ],
  nearMisses: [{ canonical: 'show plan', heads: ['show plan', 'plan'], keepsArguments: false }],
  menu: [
    {
      title: 'show plan',
      description: 'The business plan: aims, priorities and RAG totals',
      scopes: ['personal', 'team', 'groupChat'],
    },
  ],
});
