import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Lang, UsageError } from './terminal.ts';

export interface Help {
  fr: string;
  en: string;
}

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses a command's arguments strictly (unknown options and missing values are refused) and
 * adds `--help`/`-h`. A wrong argument is a {@link UsageError} followed by the command's help.
 */
export function parseCommand<O extends Options>(
  argv: string[],
  help: Help,
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals, options: { ...options, ...HELP_OPTION } });
  } catch (error) {
    const message = (error as Error).message;
    throw new UsageError(`${message}\n\n${help.fr}`, `${message}\n\n${help.en}`);
  }
}

export function printHelp(help: Help, lang: Lang): number {
  process.stdout.write(`${help[lang]}\n`);
  return 0;
}

/** Writes an output file (creating its folder) and returns its absolute path. */
export function writeOutput(path: string, content: string | Uint8Array): string {
  const out = resolve(path);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, content);
  return out;
}
