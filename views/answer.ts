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

/** Which card to draw, and its view-model. */
export type Screen =
  | { card: 'notice'; view: NoticeView }
  | { card: 'help'; view: HelpView }
  | { card: 'plan'; view: PlanOverviewView }
  | { card: 'aim'; view: AimView }
  | { card: 'priority'; view: PriorityView }
  | { card: 'action'; view: ActionView }
  | { card: 'myActions'; view: MyActionsView }
  | { card: 'history'; view: HistoryView }
  | { card: 'personalDataCheck'; view: PersonalDataCheckView }
  | { card: 'digest'; view: DigestView }
  | { card: 'exceptions'; view: ExceptionsView }
  | { card: 'agency'; view: AgencyView }
  | { card: 'escalations'; view: EscalationsView };

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
