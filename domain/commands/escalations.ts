import { commandFamily } from './command-family';

/** "show escalations": admins only, decided by the use case. */
export type EscalationsCommand = { kind: 'showEscalations' };

export const escalations = commandFamily<EscalationsCommand>({
  changesRecord: { showEscalations: false },
  parse: ({ simple }) =>
    /^(?:show )?(?:the )?escalations?$/.test(simple) ? { kind: 'showEscalations' } : undefined,
  help: [
    {
      command: 'show escalations',
      description:
        'Actions escalated for silence after reminders (or with no owner): since when, and who was told.',
      adminOnly: true,
    },
  ],
  nearMisses: [
    { canonical: 'show escalations', heads: ['show escalations', 'escalations'], keepsArguments: false },
  ],
});
