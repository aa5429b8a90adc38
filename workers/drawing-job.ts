import type { BoardPackFormat } from '../app/board-pack-ports';
import type { BoardPackView } from '../views/board-pack-view-model';
import type { YearlyReportView } from '../views/yearly-report-view-model';

/** What crosses to a drawing thread: plain data, copied by structured clone. */
export type DrawingJob =
  { view: BoardPackView; format: BoardPackFormat } | { view: YearlyReportView; format: 'yearlyReport' };
