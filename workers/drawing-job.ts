import type { BoardPackFormat } from '../app/board-pack-ports';
import type { BoardPackView } from '../views/board-pack-view-model';

/** What crosses to a drawing thread: plain data, copied by structured clone. */
export interface DrawingJob {
  view: BoardPackView;
  format: BoardPackFormat;
}
