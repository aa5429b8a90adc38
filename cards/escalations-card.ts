import { COMMANDS, navButton, type NavButtonData } from './commands';
import { showWhatFits } from './card-size';
import { plural } from './text';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/escalations.json';
import { toneStyle } from './tone-style';
import { assignInputId, EXECUTE_VERB, type AssignOwnerPayload } from './verbs';
import type { EscalatedActionView, EscalationsView } from '../views/escalation-views';

type EscalationsCardData = {
  title: string;
  intro: string;
  message: { containerStyle: string; color: string; text: string } | null;
  hiddenText: string | null;
  /** A row as the view says it, with `since` null rather than left out, and its buttons. */
  rows: (Omit<EscalatedActionView, 'since'> & {
    since: string | null;
    open: NavButtonData;
    assign: { inputId: string; title: string; verb: string; data: AssignOwnerPayload } | null;
  })[];
};

const render = compileCardTemplate<EscalationsCardData>(template);

/**
 * Escalated actions, each with a button that opens it and (on the card sent to those told) a form to
 * assign it. Neither button changes anything by itself: the assignment is what the person types.
 */
export function buildEscalationsCard(view: EscalationsView): AdaptiveCardJson {
  const rows = (shown: readonly EscalationsView['rows'][number][], hidden: number) =>
    render({
      title: view.title,
      intro: view.intro,
      message: view.message ? { ...toneStyle(view.message.tone), text: view.message.text } : null,
      hiddenText:
        hidden > 0
          ? `and ${plural(hidden, 'more action', 'more actions')}: ${view.seeEvery ?? 'say "show escalations" to see every one.'}`
          : null,
      rows: rowData(shown, view.assignForms),
    });
  return showWhatFits(view.rows, rows);
}

function rowData(rows: readonly EscalationsView['rows'][number][], assignForms: boolean) {
  const list = rows.map((row) => row.actionId);
  return rows.map((row) => ({
    actionId: row.actionId,
    title: row.title,
    owner: row.owner,
    silence: row.silence,
    reminders: row.reminders,
    target: row.target,
    since: row.since ?? null,
    open: navButton(`Open ${row.actionId}`, COMMANDS.showAction(row.actionId)),
    assign: assignForms
      ? {
          inputId: assignInputId(row.actionId),
          title: `Assign ${row.actionId}`,
          verb: EXECUTE_VERB.assignOwner,
          data: { actionId: row.actionId, list },
        }
      : null,
  }));
}
