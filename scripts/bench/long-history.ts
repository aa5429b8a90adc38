import { execFile } from 'node:child_process';
import path from 'node:path';

/** What long-history-child reports: one nine-year pack, drawn as the bot draws it. */
export interface LongHistoryFigures {
  changes: number;
  viewMs: number;
  drawMs: number;
  cpuMs: number;
  peakRssMb: number;
  worstLoopDelayMs: number;
  docxBytes: number;
  xlsxBytes: number;
}

/** Nine years of weekly changes on 64 actions (about 32,000), in a process of its own for its peak RSS. */
export function measureLongHistory(weeks = 500): Promise<LongHistoryFigures> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(__dirname, 'long-history-child.js'), String(weeks)],
      { timeout: 300_000, maxBuffer: 1024 * 1024 },
      (error, stdout) => {
        if (error) reject(error);
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as LongHistoryFigures);
      },
    );
  });
}

export function renderLongHistory(figures: LongHistoryFigures): string {
  const verdict = (met: boolean) => (met ? '**met**' : '**MISSED**');
  return (
    `- nine-year pack (${figures.changes.toLocaleString('en-GB')} changes, 64 actions; view built then both files ` +
    `drawn in the pool): ${figures.drawMs} ms wall (${figures.cpuMs} ms CPU in the process), view ${figures.viewMs} ms ` +
    `on the main thread, peak RSS ${figures.peakRssMb} MB, the event loop's worst wait ${figures.worstLoopDelayMs} ms; ` +
    `Word ${Math.round(figures.docxBytes / 1024)} KB, Excel ${Math.round(figures.xlsxBytes / 1024)} KB. ` +
    `Targets ≤ 15 s: ${verdict(figures.drawMs <= 15_000)}; ≤ 600 MB: ${verdict(figures.peakRssMb <= 600)}`
  );
}
