import { commandFamily } from './command-family';

export type BoardChannelCommand = { kind: 'setBoardChannel' };

export const boardChannel = commandFamily<BoardChannelCommand>({
  changesRecord: { setBoardChannel: true },
  parse: ({ simple }) =>
    /^set (?:the )?board channel(?: here)?$/.test(simple) ? { kind: 'setBoardChannel' } : undefined,
  help: [
    { command: 'set board channel', description: 'Post the weekly digest to this channel.', adminOnly: true },
  ],
  nearMisses: [{ canonical: 'set board channel', heads: ['set board channel'], keepsArguments: false }],
  menu: [
    {
      title: 'set board channel',
      description: 'Admins: post the weekly digest to this channel',
      scopes: ['team'],
    },
  ],
});
