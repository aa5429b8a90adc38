import fs from 'node:fs';

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

/** A Dockerfile's stages and their instructions (continuation lines joined, comments dropped). */
export function readDockerfile(file: string): Stage[] {
  const logical = fs
    .readFileSync(file, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.trim() };
    if (instruction.keyword === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ name: name ?? String(stages.length), from, instructions: [] });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

/** The JSON array of an exec-form CMD (or HEALTHCHECK's CMD), or undefined for shell form. */
export function execForm(args: string): string[] | undefined {
  const json = args.replace(/^(?:--\S+\s+)*CMD\s+/i, '');
  if (!json.startsWith('[')) return undefined;
  return JSON.parse(json) as string[];
}

/** `.dockerignore` patterns, for checking that a COPY source is sent to the daemon at all. */
export function dockerIgnored(file: string): (path: string) => boolean {
  const patterns = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'));
  return (path: string) =>
    patterns.some((pattern) => {
      const regex = new RegExp(
        `^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`,
      );
      return regex.test(path.replace(/^\.\//, '').replace(/\/$/, ''));
    });
}
