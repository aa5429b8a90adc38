import { HeadingLevel, Paragraph, TextRun, type Table } from 'docx';
import { RAG_LABELS } from '../views/view-models';
import type { ChangeRow } from '../views/board-pack-view-model';
import { TABLE_POINTS, docxTable, type DocxCell } from './docx-table';
import { fittedWidths } from './word-widths';

const HEADERS = ['When', 'Who', 'Change', 'Note'];
const WEIGHTS = [0, 1.2, 0.3, 3];

/** Changes of one action, oldest first, under the action's title. */
interface ActionChanges {
  actionId: string;
  actionTitle: string;
  changes: ChangeRow[];
}

/** Appendix: every change in the period, grouped by action (in plan order), the title once per action. */
export function changesAppendix(
  changes: readonly ChangeRow[],
  actionOrder: readonly string[],
  textWidth: number,
): (Paragraph | Table)[] {
  const heading = new Paragraph({
    heading: HeadingLevel.HEADING_1,
    pageBreakBefore: true,
    children: [new TextRun('Appendix: changes in the period')],
  });
  if (changes.length === 0) {
    return [heading, new Paragraph({ children: [new TextRun('No status changed in the period.')] })];
  }
  const groups = groupByAction(changes, actionOrder);
  const rows: (readonly DocxCell[] | { span: DocxCell })[] = groups.flatMap((group) => [
    { span: { text: `${group.actionId} ${group.actionTitle}`, bold: true, fill: 'DEEAF6' } },
    ...group.changes.map((change): DocxCell[] => [
      change.at.label,
      change.by,
      `${RAG_LABELS[change.from]} → ${RAG_LABELS[change.to]}`,
      change.note,
    ]),
  ]);
  const widths = fittedWidths(
    [
      { weight: WEIGHTS[0], texts: [HEADERS[0], ...changes.map((change) => change.at.label)], oneLine: true },
      { weight: WEIGHTS[1], texts: [HEADERS[1], ...changes.map((change) => change.by)], maxWidth: 2000 },
      {
        weight: WEIGHTS[2],
        texts: [HEADERS[2], ...changes.map((change) => `${RAG_LABELS[change.from]} →`)],
      },
      { weight: WEIGHTS[3], texts: [HEADERS[3], ...changes.map((change) => change.note)], maxWidth: 3000 },
    ],
    textWidth,
    TABLE_POINTS,
  );
  return [heading, docxTable(HEADERS, rows, widths)];
}

/** Actions in plan order (any the plan no longer has go last, by id); changes oldest first within each. */
export function groupByAction(
  changes: readonly ChangeRow[],
  actionOrder: readonly string[],
): ActionChanges[] {
  const groups = new Map<string, ActionChanges>();
  for (const change of changes) {
    let group = groups.get(change.actionId);
    if (!group) {
      group = { actionId: change.actionId, actionTitle: change.actionTitle, changes: [] };
      groups.set(change.actionId, group);
    }
    group.changes.push(change);
  }
  const rank = (id: string) => {
    const index = actionOrder.indexOf(id);
    return index < 0 ? actionOrder.length : index;
  };
  return [...groups.values()]
    .sort((a, b) => rank(a.actionId) - rank(b.actionId) || a.actionId.localeCompare(b.actionId))
    .map((group) => ({
      ...group,
      changes: group.changes.sort((a, b) => a.at.iso.localeCompare(b.at.iso)),
    }));
}
