import { commandFamily, incomplete, type ParseReply } from './command-family';

/** Dates as typed ("1 Jan 2026", "2026-01-01"): read against today by the use case, which has the clock. */
export type BoardPackCommand =
  { kind: 'boardPack'; from?: string; to?: string; asAt?: string } | { kind: 'boardPacks' };

const BOARD_PACK = /^board ?packs?\b(.*)$/;
const AS_AT = /^(.*?)\s*\bas (?:at|of|on) (.+)$/;
const PACK_PERIOD = /^(?:from|since|between) (.+?)(?: (?:to|until|till|and) (.+))?$/;
const BOARD_PACK_EXAMPLE = 'board pack from 1 Jan 2026 to 31 Mar 2026';

export const boardPack = commandFamily<BoardPackCommand>({
  // A board pack only offers files: what the person accepts is recorded then, never by the command.
  changesRecord: { boardPack: false, boardPacks: false },
  parse: ({ simple }) => parseBoardPack(simple),
  help: [
    {
      command: 'board pack',
      description:
        'Word and Excel board pack since the last one; "board pack from 1 Jan 2026 to 31 Mar 2026", "… as at 31 Mar 2026".',
      adminOnly: true,
    },
    { command: 'board packs', description: 'The board packs issued lately, and to whom.', adminOnly: true },
  ],
  nearMisses: [
    { canonical: 'board pack', heads: ['board pack'], keepsArguments: true },
    { canonical: 'board packs', heads: ['board packs'], keepsArguments: false },
  ],
  menu: [
    {
      title: 'board pack',
      description: 'Admins: the board pack as Word and Excel files, sent to your OneDrive',
      scopes: ['personal'],
    },
  ],
});

/**
 * "board pack", "board pack from 1 Jan 2026 to 31 Mar 2026", "board pack as at 31 Mar 2026" (either order),
 * "board packs". The dates are kept as typed; the use case reads them against today.
 */
function parseBoardPack(simple: string): BoardPackCommand | ParseReply | undefined {
  const pack = BOARD_PACK.exec(simple);
  if (!pack) return undefined;
  const rest = pack[1].trim();
  if (/^board ?packs\b/.test(simple)) {
    return rest === '' ? { kind: 'boardPacks' } : undefined;
  }
  if (rest === '') return { kind: 'boardPack' };
  const asAt = AS_AT.exec(rest);
  const periodText = (asAt ? asAt[1] : rest).trim();
  const command: Extract<BoardPackCommand, { kind: 'boardPack' }> = { kind: 'boardPack' };
  if (asAt) command.asAt = asAt[2].trim();
  if (periodText === '') return command;
  const period = PACK_PERIOD.exec(periodText);
  if (!period) {
    return incomplete(
      'I read a board pack\'s dates like "from 1 Jan 2026 to 31 Mar 2026" or "as at 31 Mar 2026".',
      BOARD_PACK_EXAMPLE,
    );
  }
  command.from = period[1].trim();
  if (period[2] !== undefined) command.to = period[2].trim();
  return command;
}
