import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { startAzurite } from '../storage/azurite-process';

/**
 * `node dist/scripts/embedded-crash-window.js`: how much a crash of the embedded store itself loses.
 * Each trial writes a row every 100 ms (each acknowledged by Azurite, as the bot's updates are) for a
 * random 6-12 s, kills Azurite with SIGKILL (no chance to save), starts it again on the same folder and
 * counts what survived: the rows lost, and how many seconds of acknowledged writes they span.
 */
const TRIALS = 8;
const WRITE_GAP_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Trial {
  acknowledged: number;
  lost: number;
  secondsLost: number;
}

async function trial(): Promise<Trial> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-crash-window-'));
  try {
    const first = await startAzurite({ port: 0, directory });
    const client = TableClient.fromConnectionString(first.connectionString, 'crashwindow', {
      allowInsecureConnection: true,
    });
    await client.createTable();
    await sleep(6000); // the table itself reaches the disk: only the rows are at stake
    const acknowledgedAt: number[] = [];
    const until = Date.now() + 6000 + Math.random() * 6000;
    while (Date.now() < until) {
      await client.createEntity({
        partitionKey: 'p',
        rowKey: String(acknowledgedAt.length).padStart(5, '0'),
      });
      acknowledgedAt.push(Date.now());
      await sleep(WRITE_GAP_MS);
    }
    process.kill(first.pid, 'SIGKILL');
    await first.exited;
    const second = await startAzurite({ port: first.port, directory });
    try {
      const reader = TableClient.fromConnectionString(second.connectionString, 'crashwindow', {
        allowInsecureConnection: true,
      });
      let kept = 0;
      for await (const entity of reader.listEntities()) kept += entity ? 1 : 0;
      const lastKept = kept > 0 ? acknowledgedAt[kept - 1] : acknowledgedAt[0];
      const lost = acknowledgedAt.length - kept;
      return {
        acknowledged: acknowledgedAt.length,
        lost,
        secondsLost: lost === 0 ? 0 : (acknowledgedAt[acknowledgedAt.length - 1] - lastKept) / 1000,
      };
    } finally {
      await second.stop();
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results = await Promise.all(
    Array.from({ length: TRIALS }, async (_, index) => {
      await sleep(index * 700); // staggered, so the trials do not share Azurite's save phase
      return trial();
    }),
  );
  console.log('| trial | acknowledged writes | lost to kill -9 of Azurite | seconds of writes lost |');
  console.log('| --- | --- | --- | --- |');
  results.forEach((result, index) =>
    console.log(
      `| ${index + 1} | ${result.acknowledged} | ${result.lost} | ${result.secondsLost.toFixed(1)} |`,
    ),
  );
  const worst = Math.max(...results.map((result) => result.secondsLost));
  console.log(`\nworst: ${worst.toFixed(1)} s of acknowledged writes lost`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
