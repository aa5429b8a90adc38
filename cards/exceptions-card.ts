import type { ExceptionsView } from '../views/board-cycle-view-model';
import { firstRows } from '../views/exception-views';
import { firstThatFits, showWhatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import { exceptionGroupData, type ExceptionGroupData, type RowStyle } from './exception-rows';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/exceptions.json';
import { joinWithAnd, plural } from './text';

type ExceptionsCardData = {
  title: string;
  basis: string;
  totalText: string;
  groups: ExceptionGroupData[];
  more: number;
  moreText: string;
  showPlan: NavButtonData;
};

const render = compileCardTemplate<ExceptionsCardData>(template);

/** Every row first, with its corrective action cut shorter; then fewer rows, the rest counted. */
const STYLES: readonly RowStyle[] = [
  { correctiveChars: 400, openButtons: true },
  { correctiveChars: 200, openButtons: true },
  { correctiveChars: 120, openButtons: false },
];

export function buildExceptionsCard(view: ExceptionsView): AdaptiveCardJson {
  const last = STYLES[STYLES.length - 1];
  const rows = Array.from({ length: view.total }, (_, index) => index);
  return firstThatFits([
    ...STYLES.map((style) => () => renderExceptions(view, view.total, style)),
    () => showWhatFits(rows, (shown) => renderExceptions(view, shown.length, last)),
  ]);
}

function renderExceptions(view: ExceptionsView, shownRows: number, style: RowStyle): AdaptiveCardJson {
  const more = view.total - shownRows;
  return render({
    title: view.title,
    basis: view.basis,
    totalText:
      view.total === 0
        ? 'Nothing needs the board’s attention: no action is red, stuck at amber, overdue, stale or never updated.'
        : `${plural(view.total, 'action', 'actions')}, by priority`,
    groups: exceptionGroupData(firstRows(view.groups, shownRows), style),
    more,
    moreText: moreText(view, shownRows),
    showPlan: navButton('Show plan', COMMANDS.showPlan()),
  });
}

/** "and 7 more actions, in priorities 6 and 8, do not fit on this card": honest about what is left off. */
function moreText(view: ExceptionsView, shownCount: number): string {
  const more = view.total - shownCount;
  const shown = firstRows(view.groups, shownCount);
  const shownRows = new Map(shown.map((group) => [group.priorityNumber, group.rows.length]));
  const hiddenPriorities = view.groups
    .filter((group) => (shownRows.get(group.priorityNumber) ?? 0) < group.rows.length)
    .map((group) => String(group.priorityNumber));
  const where =
    hiddenPriorities.length === 1
      ? `in priority ${hiddenPriorities[0]}`
      : `in priorities ${joinWithAnd(hiddenPriorities)}`;
  return `and ${plural(more, 'more action', 'more actions')}, ${where}, ${more === 1 ? 'does' : 'do'} not fit on this card (Teams limits a card's size).`;
}
