import { COMMANDS, navButton, type NavButtonData } from './commands';
import { ragCountRuns, type TextRunData } from './rag-style';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/aim.json';
import { present } from './text';
import type { AimView, RagCounts } from '../views/view-models';

type AimCardData = {
  number: number;
  title: string;
  summary: string;
  whyThesePriorities: string | null;
  priorities: {
    number: number;
    title: string;
    boardWill: string;
    ragRuns: TextRunData[];
    show: NavButtonData;
  }[];
  showPlan: NavButtonData;
};

const render = compileCardTemplate<AimCardData>(template);

export function buildAimCard(view: AimView): AdaptiveCardJson {
  return render({
    number: view.number,
    title: view.title,
    summary: view.summary,
    whyThesePriorities: present(view.whyThesePriorities),
    priorities: view.priorities.map((priority) => ({
      number: priority.number,
      title: priority.title,
      boardWill: priority.boardWill,
      ragRuns: countRuns(priority.ragCounts),
      show: navButton(`Show priority ${priority.number}`, COMMANDS.showPriority(priority.number)),
    })),
    showPlan: navButton('Show plan', COMMANDS.showPlan()),
  });
}

/** A priority with no actions still gets a line, rather than an empty one. */
function countRuns(counts: RagCounts): TextRunData[] {
  const runs = ragCountRuns(counts, { includeZero: false });
  return runs.length > 0 ? runs : [{ text: 'No actions', color: 'Default', isSubtle: true }];
}
