import type { FolderHolder } from './data-folder-lock';

/** What azurite-process.ts and its child, embedded-azurite-main.ts, say to each other over IPC. */
export interface EmbeddedAzuriteArgs {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Absent: in-memory. */
  directory?: string;
}

export type FromEmbeddedAzurite =
  | { kind: 'ready'; port: number }
  | { kind: 'port-in-use' }
  | { kind: 'folder-in-use'; holder: FolderHolder }
  | { kind: 'failed'; message: string };

export type ToEmbeddedAzurite = { kind: 'stop' };

/** The child's file name, also how a data folder's lock recognises a live holder. */
export const EMBEDDED_AZURITE_SCRIPT = 'embedded-azurite-main';
