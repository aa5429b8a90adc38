import { RAG_LABELS } from '../domain/rag-status';
import { plural } from '../domain/wording';
import type { Answer } from '../views/answer';
import type { BoardPackView } from '../views/board-pack-view-model';
import type { BoardPackParams } from './board-pack-params';
import type { BoardPackFormat } from './board-pack-ports';
import { notice } from './notices';

/** What the person is told as a board-pack file is offered, sent, refused or lost on the way. */

const FILE_NOUNS: Record<BoardPackFormat, string> = {
  docx: 'Word report',
  xlsx: 'Excel workbook',
};

/** "The Word report". */
export function fileWords(format: BoardPackFormat): string {
  return `The ${FILE_NOUNS[format]}`;
}

/** Why an upload did not arrive, in words for the person (never the upload address). */
export type UploadProblem =
  | { kind: 'refused'; status: number }
  | { kind: 'timedOut'; seconds: number }
  | { kind: 'unreachable' }
  | { kind: 'incomplete' };

function problemWords(problem: UploadProblem): string {
  switch (problem.kind) {
    case 'refused':
      return `OneDrive refused it (HTTP ${problem.status})`;
    case 'timedOut':
      return `OneDrive did not answer within ${plural(problem.seconds, 'second')}`;
    case 'unreachable':
      return 'I could not reach OneDrive';
    case 'incomplete':
      return 'OneDrive did not confirm that it received the whole file';
  }
}

/** A failed upload: said plainly, with a button that only offers the same file again. */
export function uploadFailed(
  params: BoardPackParams,
  format: BoardPackFormat,
  name: string,
  problem: UploadProblem,
): Answer {
  return notice(
    'attention',
    `${fileWords(format)} was not sent`,
    `${name} did not reach your OneDrive: ${problemWords(problem)}. Nothing was recorded as issued. ` +
      'Offer it again and accept to retry.',
    [],
    { fileOffers: [{ title: `Offer the ${FILE_NOUNS[format]} again`, params, format }] },
  );
}

/** The yearly report did not arrive: it is asked for again by its command, so no retry button. */
export function yearlyReportNotSent(name: string, problem: UploadProblem): Answer {
  return notice(
    'attention',
    'The yearly report was not sent',
    `${name} did not reach your OneDrive: ${problemWords(problem)}. Type "yearly report" with the year again and accept to retry.`,
    [],
  );
}

/** The file sent is not the one offered: the record changed in between (a redaction always wins). */
export function fileRedrawn(format: BoardPackFormat, name: string): Answer {
  return notice(
    'default',
    `${fileWords(format)} was redrawn`,
    `The record changed after it was offered (for example a note was redacted), so ${name} was drawn ` +
      'again from the record as it is now: its size differs from the one offered.',
    [],
  );
}

export function declined(format: BoardPackFormat | undefined): Answer {
  const what = format ? fileWords(format) : 'The file';
  return notice('default', `${what} was not sent`, 'Not sent; nothing was kept.', []);
}

/** Larger than one upload to OneDrive may carry. */
export function fileTooLarge(format: BoardPackFormat, name: string, size: number, limit: number): Answer {
  const mebibytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return notice(
    'attention',
    `${fileWords(format)} is too large to send in Teams`,
    `${name} is ${mebibytes(size)}; Teams can send a bot's file of at most ${mebibytes(limit)}. ` +
      'Use npm run board-pack on the server for this one. Nothing was sent.',
    [],
  );
}

/** The file reached OneDrive but the record of it could not be written. */
export function sentNotRecorded(name: string): Answer {
  return notice(
    'warning',
    'Sent, but not recorded',
    `${name} is in your OneDrive, but I could not record it as issued just now, so "board packs" will not list it and the next pack's period will not start from it.`,
    [],
  );
}

/** An accept or a button that cannot be read (a forged or damaged context): nothing is sent. */
export function fileOfferNotRead(): Answer {
  return notice(
    'warning',
    'That file offer could not be read',
    'It sent something I did not expect, so nothing was sent. Type "board pack" to be offered the files again.',
    [],
  );
}

/** Files from a bot go to one person's OneDrive, so they are offered only in a personal chat. */
export function filesOnlyInPersonalChat(): Answer {
  return notice(
    'warning',
    'Ask me in a personal chat',
    'Files from me go to your own OneDrive, so I can only send them in a personal chat with me.',
    [],
  );
}

/** Other files are being drawn first: said before the wait, so the person knows the file is coming. */
export function fileWillFollow(format: BoardPackFormat, waiting: number): Answer {
  return notice(
    'default',
    `${fileWords(format)} will follow`,
    `I am busy drawing ${plural(waiting, 'other file')} first; your file will follow in this chat when it is ready.`,
    [],
  );
}

/** The drawing queue was full (nothing was drawn or sent), or the bot stopped before the file was drawn. */
export function drawingRefused(reason: 'busy' | 'stopping', format?: BoardPackFormat): Answer {
  const what = format ? fileWords(format) : 'The board pack';
  return reason === 'busy'
    ? notice(
        'warning',
        `${what} was not drawn: I am busy`,
        'Too many files are waiting to be drawn just now, so I did not queue another. Nothing was sent or recorded. Ask again in a minute.',
        ['board pack'],
      )
    : notice(
        'warning',
        `${what} was not sent: I was restarting`,
        'I stopped before your file was drawn, so nothing was sent or recorded. Ask again once I answer.',
        ['board pack'],
      );
}

/** Board packs go only to a personal chat. */
export function askInPersonalChat(): Answer {
  return notice(
    'default',
    'Ask me in a personal chat',
    'Files from a bot go to one person\'s OneDrive, so I send board packs only in a personal chat. Open a chat with me and type "board pack" there.',
    [],
  );
}

/** The summary card above the two files offered. */
export function offerSummary(view: BoardPackView): Answer {
  const counts = (['red', 'amber', 'green', 'complete', 'not_started'] as const)
    .map((rag) => `${RAG_LABELS[rag]} ${view.summary.overall[rag]}`)
    .join(', ');
  const exceptions = view.exceptions?.length ?? 0;
  return notice(
    'default',
    `Board pack as at ${view.asAt.label}`,
    `Period ${view.period.from.label} to ${view.period.to.label}. ${counts}. ` +
      `${plural(exceptions, 'exception')}, ${plural(view.changes.length, 'change')} in the period. ` +
      'Accept the two files below to save them to your OneDrive.',
    [],
  );
}
