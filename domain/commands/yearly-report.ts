import { commandFamily, incomplete, type ParseReply } from './command-family';

/** The year as typed ("2026-27"): the use case reads it against REPORT_YEAR_START_MONTH. */
export type YearlyReportCommand =
  | { kind: 'yearlyReport'; year: string }
  | { kind: 'signOffYearlyReport'; year: string }
  | { kind: 'scrutineerComment'; year: string; text: string };

const YEARLY_REPORT = /^yearly report\b\s*(.*)$/;
const SIGN_OFF = /^sign[- ]?off (?:the )?yearly report\b\s*(.*)$/;
const COMMENT = /^scrutineer comment\b[ \t]*(?:on )?(?:the )?(?:yearly report\b[ \t]*)?(\S*)\s*([\s\S]*)$/i;
const EXAMPLE_YEAR = '2026-27';

export const yearlyReport = commandFamily<YearlyReportCommand>({
  // The report only offers a file; a sign-off and a comment are rows kept for ever.
  changesRecord: { yearlyReport: false, signOffYearlyReport: true, scrutineerComment: true },
  parse: ({ simple, message }) => parseYearly(simple, message),
  help: [
    {
      command: 'yearly report 2026-27',
      description:
        "The partners' yearly report as a Word file, sent to your OneDrive (DRAFT while the year runs).",
      adminOnly: true,
    },
    {
      command: 'sign off yearly report 2026-27',
      description: 'Lead safeguarding partners: sign the yearly report as it stands, in a personal chat.',
      adminOnly: false,
    },
    {
      command: 'scrutineer comment <year> <note>',
      description:
        'The independent scrutineer\'s comment in the yearly report: "scrutineer comment yearly report 2026-27 …".',
      adminOnly: false,
    },
  ],
  nearMisses: [
    { canonical: 'yearly report', heads: ['yearly report'], keepsArguments: true },
    { canonical: 'sign off yearly report', heads: ['sign off yearly report'], keepsArguments: true },
    { canonical: 'scrutineer comment', heads: ['scrutineer comment'], keepsArguments: true },
  ],
});

function parseYearly(simple: string, message: string): YearlyReportCommand | ParseReply | undefined {
  const comment = COMMENT.exec(message.trim());
  if (comment) {
    const [, year, text] = comment;
    if (year === '' || text.trim() === '') {
      return incomplete(
        'Type the year, then your comment, e.g. scrutineer comment yearly report 2026-27 followed by the comment.',
        `scrutineer comment yearly report ${EXAMPLE_YEAR} <your comment>`,
      );
    }
    return { kind: 'scrutineerComment', year, text };
  }
  const signOff = SIGN_OFF.exec(simple);
  if (signOff) {
    if (signOff[1] === '')
      return incomplete(
        'Which year? e.g. sign off yearly report 2026-27.',
        `sign off yearly report ${EXAMPLE_YEAR}`,
      );
    return { kind: 'signOffYearlyReport', year: signOff[1] };
  }
  const report = YEARLY_REPORT.exec(simple);
  if (!report) return undefined;
  if (report[1] === '')
    return incomplete('Which year? e.g. yearly report 2026-27.', `yearly report ${EXAMPLE_YEAR}`);
  return { kind: 'yearlyReport', year: report[1] };
}
