import { ragBadge, type TextRunData } from './rag-style';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/personal-data-check.json';
import { joinWithAnd } from './text';
import { EXECUTE_VERB, type UpdateStatusPayload } from './verbs';
import type { PersonalDataCheckView } from '../views/view-models';

type PersonalDataCheckCardData = {
  actionId: string;
  actionTitle: string;
  rag: TextRunData;
  note: string;
  findings: string;
  /** Sends the note from the card's data, not the input: the note that was checked is the one stored. */
  storeAsWritten: { verb: string; data: TypedCheckPayload & { note: string; confirmPersonalData: true } };
  /** The "note" input is added to this when the button is pressed. */
  rephrase: { verb: string; data: TypedCheckPayload };
};

/** This card checks a typed update, which has no detail boxes: `typed` says so (a red's note is its corrective action). */
type TypedCheckPayload = Pick<UpdateStatusPayload, 'actionId' | 'baseVersion' | 'rag'> & { typed: true };

const render = compileCardTemplate<PersonalDataCheckCardData>(template);

export function buildPersonalDataCheckCard(view: PersonalDataCheckView): AdaptiveCardJson {
  const update: TypedCheckPayload = {
    actionId: view.actionId,
    baseVersion: view.baseVersion,
    rag: view.rag,
    typed: true,
  };
  return render({
    actionId: view.actionId,
    actionTitle: view.actionTitle,
    rag: ragBadge(view.rag),
    note: view.note,
    findings: view.findings.length > 0 ? joinWithAnd(view.findings) : 'something that could identify someone',
    storeAsWritten: {
      verb: EXECUTE_VERB.updateStatus,
      data: { ...update, note: view.note, confirmPersonalData: true },
    },
    rephrase: { verb: EXECUTE_VERB.updateStatus, data: update },
  });
}
