import type { NoteSource } from '../domain/posted-copies';
import type { AgencyView, ExceptionsView } from './board-cycle-view-model';
import type { DigestView } from './digest-view-model';
import type { EscalationsView } from './escalation-views';
import type {
  ActionView,
  AimView,
  HelpView,
  HistoryView,
  MyActionsView,
  NoticeView,
  PersonalDataCheckView,
  PlanOverviewView,
  PriorityView,
} from './view-models';

/** Each card the bot draws, by name, and the view-model it is drawn from. */
interface CardViews {
  notice: NoticeView;
  help: HelpView;
  plan: PlanOverviewView;
  aim: AimView;
  priority: PriorityView;
  action: ActionView;
  myActions: MyActionsView;
  history: HistoryView;
  personalDataCheck: PersonalDataCheckView;
  digest: DigestView;
  exceptions: ExceptionsView;
  agency: AgencyView;
  escalations: EscalationsView;
}

/** Which card to draw, and its view-model. */
export type Screen = { [Card in keyof CardViews]: { card: Card; view: CardViews[Card] } }[keyof CardViews];

/** What the bot says back: the card to show, and one line for notifications and the activity's summary. */
export interface Answer {
  summary: string;
  screen: Screen;
  /**
   * The notes the card was drawn from (which change, which words): kept beside a card posted where others
   * read it, so a redaction can find it. Only answers that show notes carry them.
   */
  sources?: NoteSource[];
}
