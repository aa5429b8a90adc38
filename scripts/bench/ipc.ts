/** Messages between the bench and a bot process it started. */
export type BotKind = 'ours' | 'echo';

export type ToBot = { type: 'sample'; id: number; resetPeak: boolean };

export interface BotSample {
  rssBytes: number;
  /** Highest RSS seen since the last reset. */
  peakRssBytes: number;
  /** CPU time (user + system) the process has used so far. */
  cpuMicros: number;
}

export type FromBot =
  | { type: 'ready'; port: number }
  | ({ type: 'sample'; id: number } & BotSample)
  | { type: 'failed'; message: string };
