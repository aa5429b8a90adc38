import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  TableOfContents,
  TextRun,
  type Table,
} from 'docx';
import type { YearlyReportView } from '../views/yearly-report-view-model';
import { PORTRAIT_TEXT_WIDTH, boardDocumentStyles, boardSection } from './board-pack-docx';
import { ragCell } from './docx-rag-cell';
import { TABLE_POINTS, docxTable, type DocxCell } from './docx-table';
import { fittedWidths } from './word-widths';

type Block = Paragraph | Table | TableOfContents;

/** The partners' yearly report as a Word document: seven sections, each from the record. */
export function renderYearlyReportDocx(view: YearlyReportView): Promise<Buffer> {
  const furniture = { marking: view.marking, draft: view.draft };
  return Packer.toBuffer(
    new Document({
      title: view.title,
      creator: view.generatedBy,
      lastModifiedBy: view.generatedBy,
      description: `As at ${view.asAt.label}${view.draft ? ' (draft)' : ''}`,
      features: { updateFields: true },
      styles: boardDocumentStyles(),
      sections: [
        boardSection(furniture, 'portrait', [
          ...titlePage(view),
          ...partnership(view),
          ...progress(view),
          ...impact(view),
          ...littleProgress(view),
          ...learning(view),
          ...nextYear(view),
          ...signOff(view),
        ]),
      ],
    }),
  );
}

function titlePage(view: YearlyReportView): Block[] {
  return [
    centred(view.marking, 32),
    ...(view.draft ? [centred('DRAFT', 48, 'C00000')] : []),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      spacing: { before: 2000 },
      children: [new TextRun(view.title)],
    }),
    new Paragraph({ spacing: { after: 480 }, children: [new TextRun({ text: view.planName, size: 32 })] }),
    line('Year', `${view.year.from.label} to ${view.year.to.label}`),
    line('As at', `${view.asAt.label}${view.draft ? ' (the year is still running: this is a draft)' : ''}`),
    line('Produced', `${view.generatedAt.label} by ${view.generatedBy}`),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ children: [new TextRun({ text: 'Contents', bold: true, size: 32 })] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
    new Paragraph({ pageBreakBefore: true, children: [] }),
  ];
}

function partnership(view: YearlyReportView): Block[] {
  const rows: DocxCell[][] = view.partners.map((partner) => [partner.agency, partner.person]);
  return [
    heading('1. The partnership'),
    rows.length === 0
      ? text('No lead safeguarding partners are configured (LEAD_PARTNERS).')
      : table(['Agency', 'Lead safeguarding partner'], rows, [1, 1]),
    text(
      view.scrutineer
        ? `Independent scrutineer: ${view.scrutineer}.`
        : 'No independent scrutineer is configured (SCRUTINEER).',
    ),
  ];
}

function progress(view: YearlyReportView): Block[] {
  return [
    heading('2. Progress against each priority'),
    ...view.priorities.flatMap((priority) => [
      heading(`Priority ${priority.number}: ${priority.title}`, 2),
      ...priority.actions.flatMap((action) => [
        heading(`${action.actionId} ${action.title}`, 3),
        table(
          null,
          [
            [bold('Owner'), action.owner],
            [bold('Status at year end'), ragCell(action.status)],
            [bold('Direction over the year'), action.direction ?? 'Never updated'],
            [bold('Impact recorded'), action.impact ?? 'None recorded'],
            [bold('Evidence'), action.evidence.length === 0 ? 'None recorded' : action.evidence.join('\n')],
            [
              bold('Progress notes'),
              action.notes.length === 0
                ? 'No update in the year'
                : action.notes.map((note) => `${note.at.label}: ${note.text}`).join('\n'),
            ],
          ],
          [1, 3],
          // One action's facts on one page, unless its notes alone are longer than a page.
          { keepTogether: action.notes.length < 20 },
        ),
      ]),
    ]),
  ];
}

function impact(view: YearlyReportView): Block[] {
  const { statements, without } = view.impact;
  const total = view.priorities.reduce((sum, priority) => sum + priority.actions.length, 0);
  return [
    heading('3. Evidence of impact'),
    statements.length === 0
      ? text('No impact was recorded in the year.')
      : table(
          ['Action', 'When', 'Impact', 'Evidence'],
          statements.map((row) => [
            `${row.actionId} ${row.title}`,
            row.at.label,
            row.impact,
            row.evidence ?? '',
          ]),
          [2, 1, 3, 2],
        ),
    text(
      without.length === 0
        ? `Every one of the ${total} actions recorded impact in the year.`
        : `${without.length} of ${total} actions recorded no impact in the year: ` +
            `${without.map((row) => `${row.actionId} ${row.title}`).join('; ')}.`,
    ),
  ];
}

function littleProgress(view: YearlyReportView): Block[] {
  return [
    heading('4. Where there has been little or no progress'),
    view.littleProgress.length === 0
      ? text('Every action made progress in the year.')
      : table(
          ['Action', 'Owner', 'Status', 'Why', 'Corrective action'],
          view.littleProgress.map((row) => [
            `${row.actionId} ${row.title}`,
            row.owner,
            ragCell(row.status),
            row.why.join('\n'),
            row.correctiveAction,
          ]),
          [2.4, 1.6, 0, 1.4, 2],
        ),
  ];
}

function learning(view: YearlyReportView): Block[] {
  return [
    heading('5. Learning from reviews'),
    view.learning.length === 0
      ? text('The plan marks no action as learning from child safeguarding practice reviews.')
      : table(
          ['Action', 'Learning it answers', 'Status', 'Latest progress'],
          view.learning.map((row) => [
            `${row.actionId} ${row.title}`,
            row.learning,
            ragCell(row.status),
            row.latestNote ?? 'No update yet',
          ]),
          [2, 2.4, 0, 2.4],
        ),
  ];
}

function nextYear(view: YearlyReportView): Block[] {
  return [
    heading('6. Next year'),
    view.nextYear.length === 0
      ? text('Every action is complete.')
      : table(
          ['Action', 'Status', 'Target date'],
          view.nextYear.map((row) => [
            `${row.actionId} ${row.title}`,
            ragCell(row.status),
            row.targetDate?.label ?? 'None set',
          ]),
          [4, 0, 0],
        ),
  ];
}

function signOff(view: YearlyReportView): Block[] {
  return [
    heading('7. Sign-off'),
    text(
      `Content fingerprint ${view.fingerprint}: it changes when the record behind this report changes ` +
        '(a late update dated inside the year, or a redaction), so a sign-off names the content it was for.',
    ),
    view.signOffs.length === 0
      ? text('No lead safeguarding partners are configured (LEAD_PARTNERS).')
      : table(
          ['Agency', 'Lead safeguarding partner', 'Sign-off'],
          view.signOffs.map((row) => [row.agency, row.person, row.state]),
          [1.2, 1.4, 2],
        ),
    heading('Comments from the independent scrutineer', 2),
    ...(view.comments.length === 0
      ? [text('No comment recorded.')]
      : view.comments.map(
          (comment) =>
            new Paragraph({
              spacing: { before: 120, after: 120 },
              children: [
                new TextRun({ text: `${comment.by}, ${comment.at.label}: `, bold: true }),
                new TextRun(comment.text),
              ],
            }),
        )),
    new Paragraph({
      spacing: { before: 0, after: 0, line: 20 },
      children: [new TextRun({ text: '', size: 2 })],
    }),
  ];
}

/** A table whose widths keep every word whole; `weights` share the width left over. */
function table(
  headers: string[] | null,
  rows: DocxCell[][],
  weights: number[],
  options: { keepTogether?: boolean } = {},
): Table {
  const cells = (index: number): DocxCell[] => [
    ...(headers ? [{ text: headers[index], bold: true }] : []),
    ...rows.map((row) => row[index]),
  ];
  const widths = fittedWidths(
    weights.map((weight, index) => ({
      weight,
      texts: cells(index).map(cellText),
      bold: cells(index).map(
        (cell) => typeof cell === 'object' && !(cell instanceof Paragraph) && cell.bold === true,
      ),
      oneLine: weight === 0,
      maxWidth: 3600,
    })),
    PORTRAIT_TEXT_WIDTH,
    TABLE_POINTS,
  );
  return docxTable(headers, rows, widths, options);
}

function cellText(cell: DocxCell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (cell instanceof Paragraph) return '';
  return cell.text;
}

function bold(label: string): DocxCell {
  return { text: label, bold: true };
}

function heading(title: string, level: 1 | 2 | 3 = 1): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 };
  return new Paragraph({ heading: levels[level], children: [new TextRun(title)] });
}

function text(value: string): Paragraph {
  return new Paragraph({ spacing: { before: 120, after: 120 }, children: [new TextRun(value)] });
}

function centred(value: string, size: number, color?: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 240 },
    children: [new TextRun({ text: value, bold: true, size, color })],
  });
}

function line(label: string, value: string): Paragraph {
  return new Paragraph({
    spacing: { after: 120 },
    children: [
      new TextRun({ text: `${label}: `, bold: true, size: 26 }),
      new TextRun({ text: value, size: 26 }),
    ],
  });
}
