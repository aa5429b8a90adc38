import { HeadingLevel, Paragraph, TextRun, type Table } from 'docx';
import { RAG_LABELS } from '../views/view-models';
import type { ChangeRow } from '../views/board-pack-view-model';
import { docxTable } from './docx-table';

const HEADERS = ['When', 'Who', 'Action', 'Change', 'Note'];
const WIDTHS = [1500, 1300, 1900, 1400, 2926];

/** Appendix: every status change in the period, oldest first. */
export function changesAppendix(changes: readonly ChangeRow[]): (Paragraph | Table)[] {
  const heading = new Paragraph({
    heading: HeadingLevel.HEADING_1,
    pageBreakBefore: true,
    children: [new TextRun('Appendix: changes in the period')],
  });
  if (changes.length === 0) {
    return [heading, new Paragraph({ children: [new TextRun('No status changed in the period.')] })];
  }
  return [
    heading,
    docxTable(
      HEADERS,
      changes.map((change) => [
        change.at.label,
        change.by,
        `${change.actionId} ${change.actionTitle}`,
        `${RAG_LABELS[change.from]} → ${RAG_LABELS[change.to]}`,
        change.note,
      ]),
      WIDTHS,
    ),
  ];
}
