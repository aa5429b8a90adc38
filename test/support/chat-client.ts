import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../scripts/support/repo-paths';

const CHAT = path.join(repoRoot, 'dist', 'scripts', 'chat.js');

/** `npm run chat` with the given lines typed, one per turn; resolves with everything it printed. */
export function chat(
  botUrl: string,
  lines: string[],
  as: string,
): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHAT, '--url', `${botUrl}/api/messages`, '--as', as], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ output, code }));
    child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  });
}
