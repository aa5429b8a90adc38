import { HeadingLevel, Paragraph, TextRun, type Table } from 'docx';
import { RAG_LABELS } from '../views/view-models';
import type { ExceptionRow } from '../views/board-pack-view-model';
import { directionText } from './direction-text';
import { ragCell } from './docx-rag-cell';
import { TABLE_POINTS, docxTable, type DocxCell } from './docx-table';
import { fittedWidths, type ColumnNeed } from './word-widths';

const HEADERS = [
  'Action',
  'Owner',
  'Lead agency',
  'Status',
  'Why',
  'Direction',
  'Target date',
  'Corrective action',
];
/** Shares of the width left once every column holds its longest word. */
const WEIGHTS = [4, 1.6, 1, 0, 1, 0.4, 0, 2.6];
/** An address in the owner column may wrap rather than squeeze the action's title. */
const OWNER_MAX = 2600;

/** The actions the board should look at first, and why; nothing when the view has no rows. */
export function exceptionsSection(
  rows: readonly ExceptionRow[] | undefined,
  textWidth: number,
): (Paragraph | Table)[] {
  if (rows === undefined || rows.length === 0) return [];
  const cells = rows.map((row): DocxCell[] => [
    `${row.actionId} ${row.actionTitle}`,
    row.owner,
    row.leadAgency ?? '',
    ragCell(row.status),
    (row.reasons ?? []).join('\n'),
    // Never updated: there is no travel to describe.
    row.direction && row.daysSinceUpdate !== undefined ? directionText(row.direction) : '',
    row.targetDate?.label ?? '',
    row.correctiveAction ?? '',
  ]);
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Exception report')] }),
    new Paragraph({
      spacing: { after: 120 },
      children: [
        new TextRun(
          'Actions that are red, amber for 3 digests or more, past their target date, without an update for ' +
            'a while, or never updated. Complete actions are never exceptions.',
        ),
      ],
    }),
    docxTable(HEADERS, cells, exceptionWidths(rows, textWidth)),
  ];
}

/** Widths from the rows themselves, so the shipped titles, long names and agencies keep their words whole. */
export function exceptionWidths(rows: readonly ExceptionRow[], textWidth: number): number[] {
  const column = (index: number, texts: string[], extra: Partial<ColumnNeed> = {}): ColumnNeed => ({
    weight: WEIGHTS[index],
    texts: [HEADERS[index], ...texts],
    bold: [true],
    ...extra,
  });
  return fittedWidths(
    [
      column(
        0,
        rows.map((row) => `${row.actionId} ${row.actionTitle}`),
      ),
      column(
        1,
        rows.map((row) => row.owner),
        { maxWidth: OWNER_MAX },
      ),
      column(
        2,
        rows.map((row) => row.leadAgency ?? ''),
      ),
      column(
        3,
        rows.map((row) => RAG_LABELS[row.status]),
        { oneLine: true, bold: rows.map(() => true) },
      ),
      column(
        4,
        rows.map((row) => (row.reasons ?? []).join('\n')),
        { oneLine: true, maxWidth: 2400 },
      ),
      column(
        5,
        rows.map((row) => (row.direction ? directionText(row.direction) : '')),
      ),
      column(
        6,
        rows.map((row) => row.targetDate?.label ?? ''),
        { oneLine: true },
      ),
      column(
        7,
        rows.map((row) => row.correctiveAction ?? ''),
      ),
    ],
    textWidth,
    TABLE_POINTS,
  );
}
