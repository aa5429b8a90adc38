import { commandFamily } from './command-family';

export type MyActionsCommand = { kind: 'myActions' };

export const myActions = commandFamily<MyActionsCommand>({
  changesRecord: { myActions: false },
  parse: ({ simple }) => (/^(?:show )?my actions$/.test(simple) ? { kind: 'myActions' } : undefined),
  help: [
    {
      command: 'my actions',
      description: 'The actions you own and how long since each was updated.',
      adminOnly: false,
    },
  ],
  nearMisses: [{ canonical: 'my actions', heads: ['my actions'], keepsArguments: false }],
  menu: [
    {
      title: 'my actions',
      description: 'The actions you own and how long since each was updated',
      scopes: ['personal', 'groupChat'],
    },
  ],
});
