import { statusesAsAt } from '../domain/board-cycle/status-as-at';
import type { PeopleStore } from '../domain/known-people';
import { findAction } from '../domain/plan-lookup';
import { readReportYear, reportAsAt } from '../domain/yearly-report/report-year';
import type { Plan } from '../plan/plan-schema';
import { personLabel, type AgencyDomains } from '../views/person-label';
import type { YearlyReportView } from '../views/yearly-report-view-model';
import { yearlyReportView } from '../views/yearly-report-views';
import type { PlanHistory } from './board-pack-ports';
import { DEFAULT_MARKING } from './board-packs';

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
}

export type YearlyReportBuild =
  { ok: true; view: YearlyReportView; fileName: string } | { ok: false; problem: string };

/**
 * The partners' yearly report (issue 22): the plan's year rebuilt from the append-only history as at the
 * year's end, or as at now and marked DRAFT while the year runs. The same record as at the same instant gives
 * the same report.
 */
export class YearlyReports {
  constructor(private readonly ports: YearlyReportPorts) {}

  async build(typedYear: string, generatedBy: string): Promise<YearlyReportBuild> {
    const { plan, timeZone } = this.ports;
    const reading = readReportYear(typedYear, this.ports.yearStartMonth, timeZone);
    if (!reading.ok) return reading;
    const now = this.ports.clock();
    const at = reportAsAt(reading.year, now);
    if (!at.ok) return at;
    const history = await this.ports.history.changesUpTo(at.asAt);
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
    });
    const suffix = at.draft ? ' DRAFT' : '';
    return { ok: true, view, fileName: `OSCB yearly report ${reading.year.label}${suffix}.docx` };
  }
}
