import { RAG_LABELS } from '../views/view-models';
import type { DirectionOfTravel } from '../views/board-pack-view-model';

const TREND_WORDS = { improving: 'Improving', worsening: 'Worsening', same: 'No change' } as const;

/** "Improving (was Red)". */
export function directionText(direction: DirectionOfTravel): string {
  return `${TREND_WORDS[direction.trend]} (was ${RAG_LABELS[direction.earlierStatus]})`;
}
