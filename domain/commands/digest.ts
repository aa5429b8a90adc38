import { commandFamily } from './command-family';

export type DigestCommand = { kind: 'previewDigest' } | { kind: 'postDigest' };

export const digest = commandFamily<DigestCommand>({
  changesRecord: { previewDigest: false, postDigest: true },
  parse: ({ simple }) => {
    if (/^preview (?:the )?digest$/.test(simple)) return { kind: 'previewDigest' };
    if (/^post (?:the )?digest$/.test(simple)) return { kind: 'postDigest' };
    return undefined;
  },
  help: [
    { command: 'preview digest', description: "See this week's digest before it goes out.", adminOnly: true },
    { command: 'post digest', description: 'Post the digest to the board channel now.', adminOnly: true },
  ],
  nearMisses: [
    { canonical: 'preview digest', heads: ['preview digest'], keepsArguments: false },
    { canonical: 'post digest', heads: ['post digest'], keepsArguments: false },
  ],
  menu: [
    {
      title: 'post digest',
      description: 'Admins: post the weekly digest to the board channel now',
      scopes: ['team'],
    },
  ],
});
