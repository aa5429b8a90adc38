import { firstThatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import { ragCountRuns, type TextRunData } from './rag-style';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/plan.json';
import { plural } from './text';
import type { PlanOverviewView } from '../views/view-models';

type PlanCardData = Pick<PlanOverviewView, 'title' | 'period' | 'localContext'> & {
  totals: TextRunData[];
  aims: (Pick<PlanOverviewView['aims'][number], 'number' | 'title'> & {
    priorities: {
      number: number;
      title: string;
      actionsText: string;
      ragRuns: TextRunData[];
      show: NavButtonData;
    }[];
  })[];
  myActions: NavButtonData;
  help: NavButtonData;
};

const render = compileCardTemplate<PlanCardData>(template);

/** A plan with many priorities drops the per-priority counts before it gets too big for Teams. */
export function buildPlanCard(view: PlanOverviewView): AdaptiveCardJson {
  return firstThatFits([true, false].map((withCounts) => () => renderPlan(view, withCounts)));
}

function renderPlan(view: PlanOverviewView, withCounts: boolean): AdaptiveCardJson {
  return render({
    title: view.title,
    period: view.period,
    totals: ragCountRuns(view.totals, { includeZero: true }),
    localContext: view.localContext.map(({ label, value }) => ({ label, value })),
    aims: view.aims.map((aim) => ({
      number: aim.number,
      title: aim.title,
      priorities: aim.priorities.map((priority) => {
        const counts = withCounts ? ragCountRuns(priority.ragCounts, { includeZero: false }) : [];
        const separator =
          counts.length > 0 ? [{ text: ' · ', color: 'Default' as const, isSubtle: true }] : [];
        const runs = priority.travel ? [...counts, ...separator, travelText(priority.travel)] : counts;
        return {
          number: priority.number,
          title: priority.title,
          actionsText: `${plural(priority.actionCount, 'action', 'actions')}${runs.length > 0 ? ': ' : ''}`,
          ragRuns: runs,
          show: navButton(`Show priority ${priority.number}`, COMMANDS.showPriority(priority.number)),
        };
      }),
    })),
    myActions: navButton('My actions', COMMANDS.myActions()),
    help: navButton('Help', COMMANDS.help()),
  });
}

/** "↑ 1 improving · ↓ 2 worsening" since the last digest: the arrows and words carry it, not colour. */
function travelText(text: string): TextRunData {
  return { text, color: 'Default', isSubtle: false };
}
