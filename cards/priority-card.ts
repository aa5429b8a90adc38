import { actionSummaryData, type ActionSummaryData } from './action-summary';
import { firstThatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import { ragCountRuns, type TextRunData } from './rag-style';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/priority.json';
import type { PriorityView } from '../views/view-models';

/** The view's words as they are, and what the card draws from the rest. */
type PriorityCardData = Pick<
  PriorityView,
  'number' | 'title' | 'aimNumber' | 'aimTitle' | 'why' | 'boardWill'
> & {
  ragRuns: TextRunData[];
  actions: ActionSummaryData[];
  showAim: NavButtonData;
  showPlan: NavButtonData;
};

const render = compileCardTemplate<PriorityCardData>(template);

/** Notes are cut short here (the action card has them in full), shorter still if the card would be too big. */
const NOTE_CHARS = [300, 120, 0];

export function buildPriorityCard(view: PriorityView): AdaptiveCardJson {
  return firstThatFits(
    NOTE_CHARS.map(
      (noteChars) => () =>
        render({
          number: view.number,
          title: view.title,
          aimNumber: view.aimNumber,
          aimTitle: view.aimTitle,
          why: view.why,
          boardWill: view.boardWill,
          ragRuns: ragCountRuns(view.ragCounts, { includeZero: false }),
          actions: view.actions.map((action) => actionSummaryData(action, noteChars)),
          showAim: navButton(`Show aim ${view.aimNumber}`, COMMANDS.showAim(view.aimNumber)),
          showPlan: navButton('Show plan', COMMANDS.showPlan()),
        }),
    ),
  );
}
