import { HeadingLevel, Paragraph, TextRun, type Table } from 'docx';
import type { ExceptionRow } from '../views/board-pack-view-model';
import { directionText } from './direction-text';
import { ragCell } from './docx-rag-cell';
import { docxTable } from './docx-table';

const HEADERS = [
  'Action',
  'Owner',
  'Lead agency',
  'Status',
  'Direction',
  'Days since update',
  'Target date',
  'Corrective action',
];
const WIDTHS = [1900, 1000, 1000, 900, 1100, 800, 1000, 1326];

/** The actions the board should look at first; nothing when the view has no exception report or no rows. */
export function exceptionsSection(rows: readonly ExceptionRow[] | undefined): (Paragraph | Table)[] {
  if (rows === undefined || rows.length === 0) return [];
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Exception report')] }),
    docxTable(
      HEADERS,
      rows.map((row) => [
        `${row.actionId} ${row.actionTitle}`,
        row.owner,
        row.leadAgency ?? '',
        ragCell(row.status),
        row.direction ? directionText(row.direction) : '',
        row.daysSinceUpdate === undefined ? '' : String(row.daysSinceUpdate),
        row.targetDate?.label ?? '',
        row.correctiveAction ?? '',
      ]),
      WIDTHS,
    ),
  ];
}
