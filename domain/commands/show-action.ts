import { commandFamily } from './command-family';
import { missingActionId, withAction } from './plan-references';

export type ShowActionCommand = { kind: 'showAction'; actionId: string };

export const showAction = commandFamily<ShowActionCommand>({
  changesRecord: { showAction: false },
  parse: ({ simple, plan }) => {
    const actionId = /^(?:show )?(?:(?:priority|p|action) ?)?(\d+\.\d+)$/.exec(simple);
    if (actionId) return withAction(actionId[1], plan, (id) => ({ kind: 'showAction', actionId: id }));
    const action = /^(?:show )?action(?: (.+))?$/.exec(simple);
    return action ? missingActionId('show action', plan, action[1]) : undefined;
  },
  help: [
    {
      command: 'show action 5.1',
      description: 'An action, its owner and its latest status.',
      adminOnly: false,
    },
  ],
  nearMisses: [{ canonical: 'show action', heads: ['show action', 'action'], keepsArguments: true }],
  menu: [
    {
      title: 'show action',
      description: 'An action, its owner and its latest status, e.g. show action 5.1',
      scopes: ['personal', 'team', 'groupChat'],
    },
  ],
});
