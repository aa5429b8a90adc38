import type { AgencyView } from '../views/board-cycle-view-model';
import { showWhatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import { cycleRuns } from './cycle-runs';
import { ragBadge, type TextRunData } from './rag-style';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/agency.json';
import { plural, present } from './text';

type AgencyCardData = {
  agency: string;
  countText: string;
  actions: {
    id: string;
    title: string;
    rag: TextRunData;
    owner: string | null;
    updated: string;
    cycle: TextRunData[];
    open: NavButtonData;
  }[];
  more: number;
  moreText: string;
  exceptions: NavButtonData;
  showPlan: NavButtonData;
};

const render = compileCardTemplate<AgencyCardData>(template);

export function buildAgencyCard(view: AgencyView): AdaptiveCardJson {
  return showWhatFits(view.actions, (shown, hidden) =>
    render({
      agency: view.agency,
      countText: `${plural(view.actions.length, 'action', 'actions')} in the plan`,
      actions: shown.map((action) => ({
        id: action.id,
        title: action.title,
        rag: ragBadge(action.rag),
        owner: present(action.owner),
        updated: action.updated,
        cycle: cycleRuns(action.cycle),
        open: navButton(`Open ${action.id}`, COMMANDS.showAction(action.id)),
      })),
      more: hidden,
      moreText: `and ${plural(hidden, 'more action', 'more actions')} not shown: the card would be too big for Teams.`,
      exceptions: navButton('Exceptions', COMMANDS.exceptions()),
      showPlan: navButton('Show plan', COMMANDS.showPlan()),
    }),
  );
}
