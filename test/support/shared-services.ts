const stoppers: (() => Promise<void>)[] = [];

/** Registers a service started once for the whole run (Azurite, say) to be stopped after all tests. */
export function stopAfterRun(stop: () => Promise<void>): void {
  stoppers.push(stop);
}

export async function stopSharedServices(): Promise<void> {
  while (stoppers.length > 0) {
    await stoppers.pop()?.();
  }
}
