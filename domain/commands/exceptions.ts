import { commandFamily } from './command-family';

export type ExceptionsCommand = { kind: 'exceptions' };

export const exceptions = commandFamily<ExceptionsCommand>({
  changesRecord: { exceptions: false },
  parse: ({ simple }) =>
    /^(?:show )?(?:the )?exceptions?(?: report)?$/.test(simple) ? { kind: 'exceptions' } : undefined,
  help: [
    {
      command: 'exceptions',
      description:
        "What needs the board's attention: red, stuck amber, overdue, stale and never-updated actions.",
      adminOnly: false,
    },
  ],
  nearMisses: [{ canonical: 'exceptions', heads: ['exceptions', 'show exceptions'], keepsArguments: false }],
  menu: [
    {
      title: 'exceptions',
      description:
        "What needs the board's attention: red, stuck amber, overdue and stale actions by priority",
      scopes: ['personal', 'team', 'groupChat'],
    },
  ],
});
