/**
 * `--help` (or `-h`) anywhere on the command line: prints the usage to stdout and returns true, and the
 * script then exits 0 without starting any work.
 */
export function answeredHelp(usage: string, argv: readonly string[] = process.argv.slice(2)): boolean {
  if (!argv.some((arg) => arg === '--help' || arg === '-h')) return false;
  process.stdout.write(`${usage}\n`);
  return true;
}
