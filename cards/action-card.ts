import { firstThatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import { cycleRuns } from './cycle-runs';
import { RAG_CHOICES, ragBadge, type TextRunData } from './rag-style';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/action.json';
import { evidenceButtonUrl, targetLine, type TargetLineData } from './target-line';
import { present } from './text';
import { toneStyle } from './tone-style';
import { EXECUTE_VERB, type UpdateStatusPayload } from './verbs';
import type { ActionView, RagStatus, StatusFormView } from '../views/view-models';

type ActionCardData = {
  id: string;
  title: string;
  description: string;
  priorityNumber: number;
  priorityTitle: string;
  owner: string | null;
  rag: TextRunData;
  note: string | null;
  impact: string | null;
  correctiveAction: string | null;
  evidenceUrl: string | null;
  target: TargetLineData | null;
  lead: string | null;
  updated: boolean;
  updatedAgo: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  cycle: TextRunData[];
  notice: { containerStyle: string; color: string; text: string } | null;
  form: {
    verb: string;
    /** The inputs "rag" and "note" are added to this when the button is pressed. */
    data: { actionId: string; baseVersion: number };
    submitLabel: string;
    choices: { title: string; value: string }[];
    selectedRag: string | null;
    draftNote: string | null;
    draftImpact: string | null;
    draftEvidenceLink: string | null;
    draftCorrectiveAction: string | null;
    /** Sends the checked note from the card's data, confirmed: the note that was checked is the one stored. */
    storeAsWritten: StoreAsWrittenPayload | null;
  } | null;
  refresh: { verb: string; data: { actionId: string }; userIds: string[] | null } | null;
  history: NavButtonData;
  showPriority: NavButtonData;
};

const render = compileCardTemplate<ActionCardData>(template);

export function buildActionCard(view: ActionView): AdaptiveCardJson {
  const updatedAgo = present(view.status.updatedAgo);
  const updatedAt = present(view.status.updatedAt);
  const updatedBy = present(view.status.updatedBy);
  const noticeText = present(view.notice?.text);
  const data: ActionCardData = {
    id: view.id,
    title: view.title,
    description: view.description,
    priorityNumber: view.priorityNumber,
    priorityTitle: view.priorityTitle,
    owner: present(view.owner),
    rag: ragBadge(view.status.rag),
    note: present(view.status.note),
    impact: present(view.status.impact),
    correctiveAction: present(view.status.correctiveAction),
    evidenceUrl: evidenceButtonUrl(view.status.evidenceUrl),
    target: targetLine(view.target),
    lead: present(view.lead),
    updated: updatedAgo !== null || updatedAt !== null || updatedBy !== null,
    updatedAgo,
    updatedAt,
    updatedBy,
    cycle: cycleRuns(view.cycle),
    notice: view.notice && noticeText !== null ? { ...toneStyle(view.notice.tone), text: noticeText } : null,
    form: view.form
      ? {
          verb: EXECUTE_VERB.updateStatus,
          data: { actionId: view.id, baseVersion: view.form.baseVersion },
          submitLabel: view.form.submitLabel,
          choices: [...RAG_CHOICES],
          selectedRag: selectableRag(view.form.selectedRag),
          draftNote: present(view.form.draftNote),
          draftImpact: present(view.form.draftImpact),
          draftEvidenceLink: present(view.form.draftEvidenceLink),
          draftCorrectiveAction: present(view.form.draftCorrectiveAction),
          storeAsWritten: storeAsWritten(view.id, view.form),
        }
      : null,
    // Teams refreshes a personal chat without userIds; in a group they name who gets their own view.
    refresh: view.refreshUserIds
      ? {
          verb: EXECUTE_VERB.refreshAction,
          data: { actionId: view.id },
          userIds: view.refreshUserIds.length > 0 ? [...view.refreshUserIds] : null,
        }
      : null,
    history: navButton('History', COMMANDS.history(view.id)),
    showPriority: navButton(
      `Show priority ${view.priorityNumber}`,
      COMMANDS.showPriority(view.priorityNumber),
    ),
  };
  // A draft far over the note limit (it can only come from a typed message) is the one thing let go.
  // With a form open, its boxes hold the person's words, so the status's details and note are given up
  // first; then the detail boxes (their "Store as written" button still carries what was checked), and
  // last a note draft far over the limit (only a typed message makes one).
  const withoutDetails = { ...data, impact: null, correctiveAction: null };
  const withoutStatusText = { ...withoutDetails, note: null };
  const detailDraftsDropped = data.form && {
    ...data.form,
    draftImpact: null,
    draftEvidenceLink: null,
    draftCorrectiveAction: null,
  };
  return firstThatFits([
    () => render(data),
    () => render(data.form ? withoutDetails : data),
    () => render(data.form ? withoutStatusText : data),
    () => render({ ...withoutStatusText, form: detailDraftsDropped }),
    () =>
      render({
        ...withoutStatusText,
        form: detailDraftsDropped && { ...detailDraftsDropped, draftNote: null },
      }),
  ]);
}

/** "Not started" is not a choice on the form, so it preselects nothing. */
function selectableRag(rag: RagStatus | undefined): RagStatus | null {
  return rag !== undefined && RAG_CHOICES.some((choice) => choice.value === rag) ? rag : null;
}

/** What "store as written" sends: every checked text of the form, confirmed. */
export type StoreAsWrittenPayload = Required<Omit<UpdateStatusPayload, 'list' | 'typed'>>;

/** After the personal-data check, the button that stores the checked texts as they were written. */
export function storeAsWritten(actionId: string, form: StatusFormView): StoreAsWrittenPayload | null {
  const rag = selectableRag(form.selectedRag);
  if (!form.check || !rag) return null;
  return {
    actionId,
    baseVersion: form.baseVersion,
    rag,
    note: form.check.note,
    impact: form.check.impact ?? '',
    evidenceLink: form.check.evidenceUrl ?? '',
    correctiveAction: form.check.correctiveAction ?? '',
    confirmPersonalData: true,
  };
}
