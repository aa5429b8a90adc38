import { loadPlan } from '../../plan/load-plan';
import type { BoardPackView } from '../../views/board-pack-view-model';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import { sampleBoardPackView } from '../../scripts/support/sample-board-pack';

export { LITERAL_NOTE } from '../../scripts/support/sample-board-pack';

/** The shipped plan with three weeks of made-up weekly changes on every action, as at 2 Dec 2026. */
export function shippedPlanView(): BoardPackView {
  return sampleBoardPackView({
    plan: loadPlan(shippedPlanFile),
    asAt: new Date('2026-12-02T12:00:00Z'),
    weeksOfChanges: 3,
  });
}

export function allActions(view: BoardPackView) {
  return view.aims.flatMap((aim) => aim.priorities.flatMap((priority) => priority.actions));
}
