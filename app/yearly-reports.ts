import type { Result } from '../domain/result';
import { statusesAsAt } from '../domain/board-cycle/status-as-at';
import type { PeopleStore } from '../domain/known-people';
import { findAction } from '../domain/plan-lookup';
import { readReportYear, reportAsAt } from '../domain/yearly-report/report-year';
import type { Plan } from '../plan/plan-schema';
import { personLabel, type AgencyDomains } from '../views/person-label';
import type { YearlyReportView } from '../views/yearly-report-view-model';
import { yearlyReportView } from '../views/yearly-report-views';
import type { PlanHistory } from './board-pack-ports';
import { BoardPackNotAllowed, DEFAULT_MARKING } from './board-packs';
import { DrawingRefusedError } from './board-pack-ports';
import { drawingRefused } from './board-pack-file-answers';
import { notice } from './notices';
import { adminsOnly } from './refusals';
import type { Person } from '../domain/person';
import { plural } from '../domain/wording';
import type { Answer } from '../views/answer';
import type { YearlyReportRecords, YearlyReportRenderer } from './yearly-sign-off-ports';

export interface YearlyReportPorts {
  plan: Plan;
  history: PlanHistory;
  people?: Pick<PeopleStore, 'all'>;
  clock: () => Date;
  timeZone: string;
  staleDays: number;
  yearStartMonth: number;
  leadPartners: readonly { agency: string; upn: string }[];
  scrutineer?: string;
  agencyDomains?: AgencyDomains;
  marking?: string;
  /** A digest of the report's content (sha-256, wired in the composition root). */
  fingerprint: (content: string) => string;
  /** The partners' sign-offs and the scrutineer's comments; section 7 is empty without them. */
  records?: Pick<YearlyReportRecords, 'signOffs' | 'comments'>;
  /** For the chat command: who may have the file, and the drawing threads. */
  isAdmin?: (person: Person) => boolean;
  renderer?: YearlyReportRenderer;
}

export type YearlyReportRequest =
  | { kind: 'answer'; answer: Answer }
  | {
      kind: 'offer';
      answer: Answer;
      year: string;
      file: { name: string; description: string; size: number };
    };

const DESCRIPTION = "Word report: the partners' yearly report";

export type YearlyReportBuild = Result<{ view: YearlyReportView; fileName: string; asAt: Date }>;

/**
 * The partners' yearly report (issue 22): the plan's year rebuilt from the append-only history as at the
 * year's end, or as at now and marked DRAFT while the year runs. The same record as at the same instant gives
 * the same report.
 */
export class YearlyReports {
  constructor(private readonly ports: YearlyReportPorts) {}

  /** `yearly report 2026-27`: admins, in a personal chat; the file is drawn to learn its size. */
  async request(input: { by: Person; place: string; year: string }): Promise<YearlyReportRequest> {
    if (!this.ports.isAdmin?.(input.by)) return { kind: 'answer', answer: adminsOnly() };
    if (input.place !== 'personal') return { kind: 'answer', answer: askInPersonalChat() };
    const built = await this.build(input.year, input.by.name);
    if (!built.ok) return { kind: 'answer', answer: noReport(built.problem) };
    let bytes: Uint8Array;
    try {
      bytes = await this.draw(built.view);
    } catch (error) {
      if (error instanceof DrawingRefusedError)
        return { kind: 'answer', answer: drawingRefused(error.reason) };
      throw error;
    }
    const { view } = built;
    return {
      kind: 'offer',
      year: view.year.label,
      file: { name: built.fileName, description: DESCRIPTION, size: bytes.length },
      answer: notice(
        'default',
        `Yearly report ${view.year.label}${view.draft ? ' (DRAFT)' : ''} as at ${view.asAt.label}`,
        `${plural(view.impact.statements.length, 'impact statement')}; ` +
          `${plural(view.impact.without.length, 'action')} with no impact recorded; ` +
          `${plural(view.littleProgress.length, 'action')} with little or no progress. ` +
          `Content fingerprint ${view.fingerprint}. Accept the file below to save it to your OneDrive.`,
        [],
      ),
    };
  }

  /** Whether a year that came back from outside (a consent card) is a report this bot would offer now. */
  isOffer(typedYear: string): boolean {
    const reading = readReportYear(typedYear, this.ports.yearStartMonth, this.ports.timeZone);
    return reading.ok && reportAsAt(reading.year, this.ports.clock()).ok;
  }

  /** The Word file, drawn as the record stands now (BoardPackNotAllowed for anyone but an admin). */
  async file(
    typedYear: string,
    by: Person,
  ): Promise<{ name: string; description: string; bytes: Uint8Array }> {
    if (!this.ports.isAdmin?.(by)) throw new BoardPackNotAllowed();
    const built = await this.build(typedYear, by.name);
    if (!built.ok) throw new RangeError(built.problem);
    return { name: built.fileName, description: DESCRIPTION, bytes: await this.draw(built.view) };
  }

  private draw(view: YearlyReportView): Promise<Uint8Array> {
    if (!this.ports.renderer) throw new Error('no renderer for the yearly report');
    return this.ports.renderer.renderYearlyReport(view);
  }

  async build(typedYear: string, generatedBy: string): Promise<YearlyReportBuild> {
    const { plan, timeZone } = this.ports;
    const reading = readReportYear(typedYear, this.ports.yearStartMonth, timeZone);
    if (!reading.ok) return reading;
    const now = this.ports.clock();
    const at = reportAsAt(reading.year, now);
    if (!at.ok) return at;
    const [history, signOffs, comments] = await Promise.all([
      this.ports.history.changesUpTo(at.asAt),
      this.ports.records?.signOffs(reading.year.label) ?? [],
      this.ports.records?.comments(reading.year.label) ?? [],
    ]);
    const planDue = (actionId: string) => findAction(plan, actionId)?.due;
    const names = new Map<string, string>();
    for (const entry of [...history].sort((a, b) => a.at.localeCompare(b.at)))
      names.set(entry.byEmail.toLowerCase(), entry.byName);
    for (const person of (await this.ports.people?.all()) ?? [])
      if (person.name.trim() !== '') names.set(person.email.toLowerCase(), person.name);
    const agencies = this.ports.agencyDomains ?? new Map<string, string>();
    const view = yearlyReportView({
      plan,
      year: reading.year,
      asAt: at.asAt,
      draft: at.draft,
      atStart: statusesAsAt(history, new Date(reading.year.startsAt.getTime() - 1), planDue),
      atEnd: statusesAsAt(history, at.asAt, planDue),
      history,
      personName: (email, recorded) =>
        personLabel(email, names.get(email.toLowerCase()) ?? recorded, agencies),
      partners: this.ports.leadPartners,
      scrutineer: this.ports.scrutineer,
      staleDays: this.ports.staleDays,
      marking: this.ports.marking ?? DEFAULT_MARKING,
      // Stamped with the as-at, not the clock, so the same as-at gives the same report.
      generatedAt: at.asAt,
      generatedBy,
      timeZone,
      fingerprint: this.ports.fingerprint,
      signOffs,
      comments,
    });
    const suffix = at.draft ? ' DRAFT' : '';
    return {
      ok: true,
      view,
      asAt: at.asAt,
      fileName: `OSCB yearly report ${reading.year.label}${suffix}.docx`,
    };
  }
}

function askInPersonalChat(): Answer {
  return notice(
    'default',
    'Ask me in a personal chat',
    'Files from a bot go to one person\'s OneDrive, so I send the yearly report only in a personal chat. Open a chat with me and type "yearly report 2026-27" there.',
    [],
  );
}

export function noReport(problem: string): Answer {
  return notice('warning', 'That yearly report does not work', problem, [], {
    examples: ['yearly report 2026-27'],
  });
}
