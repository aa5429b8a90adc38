import { move } from 'piscina';
import { renderBoardPackDocx } from '../documents/board-pack-docx';
import { renderBoardPackXlsx } from '../documents/board-pack-xlsx';
import { renderYearlyReportDocx } from '../documents/yearly-report-docx';
import type { DrawingJob } from './drawing-job';

/** Runs in a worker thread: one file drawn from its view, its bytes moved (not copied) back. */
export default async function drawFile(job: DrawingJob): Promise<Uint8Array> {
  const bytes =
    job.format === 'yearlyReport'
      ? await renderYearlyReportDocx(job.view)
      : job.format === 'docx'
        ? await renderBoardPackDocx(job.view)
        : await renderBoardPackXlsx(job.view);
  const owned = new Uint8Array(bytes.byteLength);
  owned.set(bytes);
  return move(owned) as Uint8Array;
}
