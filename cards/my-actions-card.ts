import { actionSummaryData, type ActionSummaryData } from './action-summary';
import { showWhatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/my-actions.json';
import { plural } from './text';
import type { MyActionsView } from './view-models';

type MyActionsCardData = {
  ownerName: string;
  actions: (ActionSummaryData & { priorityNumber: number })[];
  hidden: number;
  hiddenText: string;
  showPlan: NavButtonData;
};

const render = compileCardTemplate<MyActionsCardData>(template);

/** Notes are cut short, as on the priority card; the action card has them in full. */
const NOTE_CHARS = 200;

export function buildMyActionsCard(view: MyActionsView): AdaptiveCardJson {
  const actions = view.actions.map((action) => ({
    ...actionSummaryData(action, NOTE_CHARS),
    priorityNumber: action.priorityNumber,
  }));
  return showWhatFits(actions, (shown, hidden) =>
    render({
      ownerName: view.ownerName,
      actions: [...shown],
      hidden,
      hiddenText: `${plural(hidden, 'more action', 'more actions')} not shown: open a priority to see them.`,
      showPlan: navButton('Show plan', COMMANDS.showPlan()),
    }),
  );
}
