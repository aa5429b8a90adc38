import { actionSummaryData, type ActionSummaryData } from './action-summary';
import { showWhatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/my-actions.json';
import { RAG_CHOICES } from './rag-style';
import { targetLine, type TargetLineData } from './target-line';
import { plural, present } from './text';
import { storeAsWritten } from './action-card';
import { toneStyle } from './tone-style';
import { EXECUTE_VERB, formInputIds, type FormList, type UpdateStatusPayload } from './verbs';
import type { MyActionsView } from '../views/view-models';

type FormData = {
  verb: string;
  data: { actionId: string; baseVersion: number; list: FormList };
  storeAsWritten: UpdateStatusPayload | null;
  ragInputId: string;
  noteInputId: string;
  impactInputId: string;
  evidenceInputId: string;
  correctiveInputId: string;
  draftImpact: string | null;
  draftEvidenceLink: string | null;
  draftCorrectiveAction: string | null;
  submitLabel: string;
  choices: { title: string; value: string }[];
  selectedRag: string | null;
  draftNote: string | null;
};

type MyActionsCardData = {
  ownerName: string;
  intro: string | null;
  actions: (ActionSummaryData & {
    priorityNumber: number;
    target: TargetLineData | null;
    form: FormData | null;
    notice: { containerStyle: string; color: string; text: string } | null;
  })[];
  hidden: number;
  hiddenText: string;
  showPlan: NavButtonData;
};

const render = compileCardTemplate<MyActionsCardData>(template);

/** Notes are cut short, as on the priority card; the action card has them in full. */
const NOTE_CHARS = 200;

export function buildMyActionsCard(view: MyActionsView): AdaptiveCardJson {
  const list = view.list ?? 'mine';
  const actions = view.actions.map((action) => ({
    ...actionSummaryData(action, NOTE_CHARS),
    priorityNumber: action.priorityNumber,
    target: targetLine(action.target),
    notice:
      action.notice && present(action.notice.text) !== null
        ? { ...toneStyle(action.notice.tone), text: action.notice.text }
        : null,
    form: action.form
      ? {
          verb: EXECUTE_VERB.updateStatus,
          data: { actionId: action.id, baseVersion: action.form.baseVersion, list },
          storeAsWritten: withList(storeAsWritten(action.id, action.form), list),
          ragInputId: formInputIds(action.id).rag,
          noteInputId: formInputIds(action.id).note,
          impactInputId: formInputIds(action.id).impact,
          evidenceInputId: formInputIds(action.id).evidenceLink,
          correctiveInputId: formInputIds(action.id).correctiveAction,
          draftImpact: present(action.form.draftImpact),
          draftEvidenceLink: present(action.form.draftEvidenceLink),
          draftCorrectiveAction: present(action.form.draftCorrectiveAction),
          submitLabel: action.form.submitLabel,
          choices: [...RAG_CHOICES],
          selectedRag:
            action.form.selectedRag && RAG_CHOICES.some((choice) => choice.value === action.form?.selectedRag)
              ? action.form.selectedRag
              : null,
          draftNote: present(action.form.draftNote),
        }
      : null,
  }));
  // When not all fit, the entry with an answer on it (a form just sent) is the last one to be left off.
  const answered = actions.filter((action) => action.notice !== null);
  const ranked = [...answered, ...actions.filter((action) => action.notice === null)];
  return showWhatFits(ranked, (shown, hidden) =>
    render({
      ownerName: view.ownerName,
      intro: present(view.intro),
      actions: actions.filter((action) => shown.includes(action)),
      hidden,
      hiddenText: `${plural(hidden, 'more action', 'more actions')} not shown: open a priority to see them.`,
      showPlan: navButton('Show plan', COMMANDS.showPlan()),
    }),
  );
}

function withList(payload: UpdateStatusPayload | null, list: FormList): UpdateStatusPayload | null {
  return payload ? { ...payload, list } : null;
}
