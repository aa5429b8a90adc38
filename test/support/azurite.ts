import { startAzurite, type AzuriteProcess } from '../../storage/azurite-process';
import { stopAfterRun } from './shared-services';

let shared: Promise<AzuriteProcess> | undefined;

/** One in-memory Azurite for the whole run, started on first use; suites isolate by table prefix. */
export function sharedAzurite(): Promise<AzuriteProcess> {
  if (!shared) {
    shared = startAzurite({ port: 0 });
    stopAfterRun(async () => (await shared)?.stop());
  }
  return shared;
}

let prefixCounter = 0;

export function uniqueTablePrefix(): string {
  prefixCounter += 1;
  return `t${process.pid}x${prefixCounter}`;
}
