import type { Cell, Worksheet } from 'exceljs';
import { RAG_LABELS, type RagStatus } from '../views/view-models';
import type { BoardPackView } from '../views/board-pack-view-model';
import { directionText } from './direction-text';
import { excelDate } from './excel-date';
import { RAG_COLOURS, RAG_ORDER } from './rag-colours';
import { printSetUp } from './xlsx-print';
import { wrappedRowHeight } from './xlsx-row-height';

export const DAY_FORMAT = 'dd/mm/yyyy';
export const MOMENT_FORMAT = 'dd/mm/yyyy hh:mm';
/** A font set on a cell replaces the whole font, so the name and size are always given. */
const FONT = { name: 'Calibri', size: 11 };

type CellValue = string | number | Date | null;

interface Column {
  header: string;
  width: number;
  format?: string;
  /** Long text wraps within the column rather than running across the next ones. */
  wrap?: boolean;
  /** A short number (the aim) centred, so it does not run into the text beside it. */
  centred?: boolean;
}

type PackAction = BoardPackView['aims'][number]['priorities'][number]['actions'][number];
interface ActionRow {
  aim: number;
  priority: string;
  action: PackAction;
}

/**
 * An action's fields are printed on two sheets, each fitted to a landscape page at a legible scale (all
 * fifteen on one sheet printed at about 40%): Actions holds the progress a board reads, Action details
 * the rest. Both start with the action's number and title, one row per action in the same order.
 */
export function fillActionsSheet(sheet: Worksheet, view: BoardPackView): void {
  const columns: Column[] = [
    { header: 'Action', width: 7 },
    { header: 'Title', width: 32, wrap: true },
    { header: 'Owner', width: 22, wrap: true },
    { header: 'Status', width: 11 },
    { header: 'Direction of travel', width: 16, wrap: true },
    { header: 'Target date', width: 11, format: DAY_FORMAT },
    { header: 'Revised date', width: 11, format: DAY_FORMAT },
    { header: 'Latest progress', width: 40, wrap: true },
    { header: 'Corrective action', width: 26, wrap: true },
  ];
  const rows = actionRows(view);
  fillTable(
    sheet,
    columns,
    rows.map(({ action }) => [
      action.id,
      action.title,
      action.owner,
      RAG_LABELS[action.status],
      action.direction ? directionText(action.direction) : null,
      action.targetDate ? excelDate(action.targetDate.iso) : null,
      action.revisedDate ? excelDate(action.revisedDate.iso) : null,
      action.latestNote ?? null,
      action.correctiveAction ?? null,
    ]),
    view.marking,
  );
  rows.forEach((row, index) => paintStatus(sheet.getRow(index + 2).getCell(4), row.action.status));
}

/** The rest of each action's fields: where it sits in the plan, its lead agency, impact and evidence. */
export function fillActionDetailsSheet(sheet: Worksheet, view: BoardPackView): void {
  const columns: Column[] = [
    { header: 'Action', width: 7 },
    { header: 'Title', width: 32, wrap: true },
    { header: 'Aim', width: 5, centred: true },
    { header: 'Priority', width: 24, wrap: true },
    { header: 'Lead agency', width: 18, wrap: true },
    { header: 'Impact', width: 36, wrap: true },
    { header: 'Evidence', width: 30, wrap: true },
    { header: 'Last updated', width: 16, format: MOMENT_FORMAT },
  ];
  fillTable(
    sheet,
    columns,
    actionRows(view).map(({ aim, priority, action }) => [
      action.id,
      action.title,
      aim,
      priority,
      action.leadAgency ?? null,
      action.impact ?? null,
      action.evidenceUrl ?? null,
      action.lastUpdated ? excelDate(action.lastUpdated.iso) : null,
    ]),
    view.marking,
  );
}

function actionRows(view: BoardPackView): ActionRow[] {
  return view.aims.flatMap((aim) =>
    aim.priorities.flatMap((priority) =>
      priority.actions.map((action) => ({
        aim: aim.number,
        priority: `${priority.number}. ${priority.title}`,
        action,
      })),
    ),
  );
}

/** Every status change in the period, oldest first. */
export function fillChangesSheet(sheet: Worksheet, view: BoardPackView): void {
  const columns: Column[] = [
    { header: 'When', width: 17, format: MOMENT_FORMAT },
    { header: 'Who', width: 28, wrap: true },
    { header: 'Action', width: 8 },
    { header: 'Title', width: 40, wrap: true },
    { header: 'From', width: 12 },
    { header: 'To', width: 12 },
    { header: 'Note', width: 80, wrap: true },
  ];
  fillTable(
    sheet,
    columns,
    view.changes.map((change) => [
      excelDate(change.at.iso),
      change.by,
      change.actionId,
      change.actionTitle,
      RAG_LABELS[change.from],
      RAG_LABELS[change.to],
      change.note,
    ]),
    view.marking,
  );
  view.changes.forEach((change, index) => {
    const row = sheet.getRow(index + 2);
    paintStatus(row.getCell(5), change.from);
    paintStatus(row.getCell(6), change.to);
  });
}

/** Counts per priority and per RAG, coloured as in the Word report, with a total row. */
export function fillSummarySheet(sheet: Worksheet, view: BoardPackView): void {
  const columns: Column[] = [
    { header: 'Priority', width: 60, wrap: true },
    ...RAG_ORDER.map((rag) => ({ header: RAG_LABELS[rag], width: 12 })),
    { header: 'Total', width: 10 },
  ];
  const counted = [
    ...view.summary.byPriority.map((priority) => ({
      label: `${priority.priorityNumber}. ${priority.priorityTitle}`,
      counts: priority.counts,
    })),
    { label: 'All priorities', counts: view.summary.overall },
  ];
  fillTable(
    sheet,
    columns,
    counted.map(({ label, counts }) => [
      label,
      ...RAG_ORDER.map((rag) => counts[rag]),
      RAG_ORDER.reduce((sum, rag) => sum + counts[rag], 0),
    ]),
    view.marking,
  );
  RAG_ORDER.forEach((rag, index) => paintStatus(sheet.getRow(1).getCell(index + 2), rag));
  counted.forEach(({ counts }, rowIndex) => {
    const row = sheet.getRow(rowIndex + 2);
    RAG_ORDER.forEach((rag, index) => {
      if (counts[rag] > 0) paintStatus(row.getCell(index + 2), rag);
    });
  });
  sheet.getRow(counted.length + 1).font = { ...FONT, bold: true };
}

/** The exception report: the same rows and reasons as the Word report. */
export function fillExceptionsSheet(sheet: Worksheet, view: BoardPackView): void {
  const columns: Column[] = [
    { header: 'Action', width: 8 },
    { header: 'Title', width: 40, wrap: true },
    { header: 'Owner', width: 26, wrap: true },
    { header: 'Lead agency', width: 18, wrap: true },
    { header: 'Status', width: 12 },
    { header: 'Why', width: 24, wrap: true },
    { header: 'Direction of travel', width: 22, wrap: true },
    { header: 'Target date', width: 12, format: DAY_FORMAT },
    { header: 'Corrective action', width: 36, wrap: true },
  ];
  const rows = view.exceptions ?? [];
  fillTable(
    sheet,
    columns,
    rows.map((row) => [
      row.actionId,
      row.actionTitle,
      row.owner,
      row.leadAgency ?? null,
      RAG_LABELS[row.status],
      (row.reasons ?? []).join('\n'),
      row.direction && row.daysSinceUpdate !== undefined ? directionText(row.direction) : null,
      row.targetDate ? excelDate(row.targetDate.iso) : null,
      row.correctiveAction ?? null,
    ]),
    view.marking,
  );
  rows.forEach((row, index) => paintStatus(sheet.getRow(index + 2).getCell(5), row.status));
  if (rows.length === 0) sheet.addRow(['No action is an exception.']);
}

/** What the workbook is: plan, period, when and by whom it was produced. One printed page, nothing cut off. */
export function fillAboutSheet(sheet: Worksheet, view: BoardPackView): void {
  const columns = [{ width: 20 }, { width: 70, wrap: true }];
  sheet.columns = columns;
  const rows: [string, CellValue, string?][] = [
    ['Report', view.title],
    ['Plan', view.planName],
    ['As at', excelDate(view.asAt.iso), DAY_FORMAT],
    ['Period from', excelDate(view.period.from.iso), DAY_FORMAT],
    ['Period to', excelDate(view.period.to.iso), DAY_FORMAT],
    ['Generated at', excelDate(view.generatedAt.iso), MOMENT_FORMAT],
    ['Generated by', view.generatedBy],
    ['Protective marking', view.marking],
  ];
  for (const [label, value, format] of rows) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { ...FONT, bold: true };
    row.getCell(1).alignment = { vertical: 'top' };
    if (format) row.getCell(2).numFmt = format;
    row.getCell(2).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    const height = wrappedRowHeight([label, value], columns);
    if (height !== undefined) row.height = height;
  }
  printSetUp(sheet, view.marking, { onePage: true });
}

function fillTable(
  sheet: Worksheet,
  columns: readonly Column[],
  rows: readonly CellValue[][],
  marking: string,
): void {
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: {
      ...(column.format ? { numFmt: column.format } : {}),
      alignment: {
        vertical: 'top' as const,
        ...(column.wrap ? { wrapText: true } : {}),
        ...(column.centred ? { horizontal: 'center' as const } : {}),
      },
    },
  }));
  const header = sheet.getRow(1);
  header.font = { ...FONT, bold: true };
  // Headings wrap in their column ("Direction of travel"), so a narrow column does not cut them off.
  header.alignment = { vertical: 'bottom', wrapText: true };
  const headerHeight = wrappedRowHeight(
    columns.map((column) => column.header),
    columns.map((column) => ({ ...column, wrap: true })),
  );
  if (headerHeight !== undefined) header.height = headerHeight;
  for (const values of rows) {
    const row = sheet.addRow([...values]);
    const height = wrappedRowHeight(values, columns);
    if (height !== undefined) row.height = height;
  }
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, rows.length + 1), column: columns.length },
  };
  printSetUp(sheet, marking, { headerRow: true });
}

function paintStatus(cell: Cell, status: RagStatus): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${RAG_COLOURS[status].fill}` } };
  cell.font = { ...FONT, bold: true, color: { argb: `FF${RAG_COLOURS[status].text}` } };
}
