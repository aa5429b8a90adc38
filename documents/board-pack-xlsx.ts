import { Workbook } from 'exceljs';
import type { BoardPackView } from '../views/board-pack-view-model';
import { excelDate } from './excel-date';
import { stableZip } from './stable-zip';
import {
  fillAboutSheet,
  fillActionDetailsSheet,
  fillActionsSheet,
  fillChangesSheet,
  fillExceptionsSheet,
  fillSummarySheet,
} from './board-pack-xlsx-sheets';

/** The board pack as a workbook: "Summary", "Exceptions", "Actions", "Changes" and "About". */
export async function renderBoardPackXlsx(view: BoardPackView): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = view.generatedBy;
  workbook.title = `${view.title}: ${view.planName}`;
  // Stamped from the view, not the clock, so the same view always gives the same workbook properties.
  workbook.created = excelDate(view.generatedAt.iso);
  workbook.modified = workbook.created;
  fillSummarySheet(workbook.addWorksheet('Summary'), view);
  fillExceptionsSheet(workbook.addWorksheet('Exceptions'), view);
  fillActionsSheet(workbook.addWorksheet('Actions'), view);
  fillActionDetailsSheet(workbook.addWorksheet('Action details'), view);
  fillChangesSheet(workbook.addWorksheet('Changes'), view);
  fillAboutSheet(workbook.addWorksheet('About'), view);
  // exceljs zips with the clock's time on every entry: re-stamped, so the same view gives the same bytes.
  // Its own zip is stored, not deflated: the re-zip compresses anyway, and exceljs deflates in JavaScript.
  const written = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return stableZip(new Uint8Array(written), view.producedAt);
}
