import type { DigestMeasure } from './digest-bench';
import type { WindowResult } from './load-window';
import type { RoundTrips } from './round-trips';

/** Everything measured, as the report needs it. */
export interface LoadRow {
  scenario: string;
  isUpdate: boolean;
  conversations: number;
  ours: WindowResult[];
  echo: WindowResult[];
  oursPeakRssBytes: number[];
  echoPeakRssBytes: number[];
  /** Bot process CPU per turn, per window. */
  oursCpuMsPerTurn: number[];
  echoCpuMsPerTurn: number[];
}

export interface BenchResults {
  machine: string;
  settings: string;
  rows: LoadRow[];
  roundTrips: Map<string, RoundTrips>;
  firstTurn: { table: number; requests: string[] };
  digests: DigestMeasure[];
  idleRss: { ours: number; echo: number };
  finalRss: { ours: number; echo: number };
  connectorUnexpected: string[];
  strayReplies: number;
  wallMs: number;
}
