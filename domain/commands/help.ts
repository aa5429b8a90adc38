import { commandFamily } from './command-family';

export type HelpCommand = { kind: 'help' };

export const help = commandFamily<HelpCommand>({
  changesRecord: { help: false },
  parse: ({ message, simple }) =>
    message === '' || message === '?' || /^(?:show )?help$/.test(simple) ? { kind: 'help' } : undefined,
  help: [{ command: 'help', description: 'What I can do.', adminOnly: false }],
  nearMisses: [{ canonical: 'help', heads: ['help'], keepsArguments: false }],
  menu: [
    {
      title: 'help',
      description: 'List what I can do, with examples',
      scopes: ['personal', 'team', 'groupChat'],
    },
  ],
});
