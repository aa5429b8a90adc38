import { navButton, type NavButtonData } from './commands';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/notice.json';
import { present } from './text';
import { toneStyle } from './tone-style';
import {
  EXECUTE_VERB,
  MAX_NOTE_PAYLOAD,
  SUBMIT_VERB,
  type OfferBoardPackFilePayload,
  type OpenFormPayload,
} from './verbs';
import type { NoticeView } from '../views/view-models';

type NoticeCardData = {
  containerStyle: string;
  color: string;
  title: string;
  text: string | null;
  examples: { label: string; command: string }[];
  forms: { title: string; verb: string; data: OpenFormPayload }[];
  suggestions: NavButtonData[];
  fileOffers: { title: string; data: OfferBoardPackFilePayload }[];
};

const render = compileCardTemplate<NoticeCardData>(template);

/** Hosts show at most five buttons in a row (Microsoft's SDK rejects more). */
const MAX_SUGGESTIONS = 5;

export function buildNoticeCard(view: NoticeView): AdaptiveCardJson {
  return render({
    ...toneStyle(view.tone),
    title: view.title,
    text: present(view.text),
    examples: (view.examples ?? []).map((command, index) => ({
      label: index === 0 ? 'For example: ' : 'or: ',
      command,
    })),
    forms: (view.forms ?? []).slice(0, MAX_SUGGESTIONS).map(({ title, actionId, rag, note }) => ({
      title,
      verb: EXECUTE_VERB.openForm,
      // A note too long to carry would not fit on a card; the form then opens without it.
      data: {
        actionId,
        ...(rag ? { rag } : {}),
        ...(note && note.length <= MAX_NOTE_PAYLOAD ? { note } : {}),
      },
    })),
    suggestions: view.suggestions
      .slice(0, MAX_SUGGESTIONS)
      .map((suggestion) => navButton(suggestion.title, suggestion.command)),
    fileOffers: (view.fileOffers ?? []).slice(0, MAX_SUGGESTIONS).map(({ title, params, format }) => ({
      title,
      data: { verb: SUBMIT_VERB.offerBoardPackFile, params, format },
    })),
  });
}
