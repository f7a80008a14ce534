import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isEngineError, type ScoreConfig, validateScoreConfig } from '@ptce/engine';
import { DataError } from '../data/DataError.ts';
import { jsonLocations, locate } from './jsonLocations.ts';

/** The version of the configuration file format this command line reads. */
export const CONFIG_FILE_VERSION = 1;

export interface ScoreConfigFile {
  version: number;
  /** Vintage id (default: the default vintage). */
  vintage?: string;
  description?: string;
  /** Everything else is the engine's ScoreConfig (level, framework, changes, methods, filters, explain). */
  config: ScoreConfig;
}

const FILE_KEYS = new Set(['$schema', 'version', 'vintage', 'description']);

/**
 * Reads a scoring configuration file (JSON, documented in scripts/README.md): `version` (1),
 * optional `vintage` and `description`, then the engine's configuration fields. Every problem is
 * reported at once, each with its line and column in the file.
 */
export function readScoreConfigFile(path: string): ScoreConfigFile {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new DataError(
      'FILE_UNREADABLE',
      {
        fr: `Impossible de lire le fichier de configuration (${(error as NodeJS.ErrnoException).code}).`,
        en: `Cannot read the configuration file (${(error as NodeJS.ErrnoException).code}).`,
        hintFr: 'Vérifiez le chemin donné à --config.',
        hintEn: 'Check the path given to --config.',
      },
      { file: path },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const before = text.slice(0, offset);
    throw new DataError(
      'INVALID_JSON',
      {
        fr: `JSON invalide : ${message}.`,
        en: `Invalid JSON: ${message}.`,
        hintFr:
          'Corrigez la syntaxe (virgule en trop ou manquante, guillemets droits "…", pas de commentaire).',
        hintEn: 'Fix the syntax (extra or missing comma, straight quotes "…", no comments).',
      },
      { file, line: before.split('\n').length, column: offset - before.lastIndexOf('\n') },
    );
  }
  const locations = jsonLocations(text);
  const problems: { path: string; fr: string; en: string }[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({
      path: '(racine)',
      fr: 'la configuration doit être un objet JSON { … }',
      en: 'the configuration must be a JSON object',
    });
  } else {
    const record = data as Record<string, unknown>;
    if (record.version !== CONFIG_FILE_VERSION) {
      problems.push({
        path: 'version',
        fr: `« version » doit valoir ${CONFIG_FILE_VERSION} (format de ce fichier), pas ${JSON.stringify(record.version)}`,
        en: `"version" must be ${CONFIG_FILE_VERSION} (this file's format), not ${JSON.stringify(record.version)}`,
      });
    }
    if (
      record.vintage !== undefined &&
      (typeof record.vintage !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(record.vintage))
    ) {
      problems.push({
        path: 'vintage',
        fr: 'identifiant de millésime invalide (ex. bas-rhin-2021)',
        en: 'invalid vintage id (e.g. bas-rhin-2021)',
      });
    }
    const config = Object.fromEntries(Object.entries(record).filter(([k]) => !FILE_KEYS.has(k)));
    try {
      validateScoreConfig(config);
    } catch (error) {
      if (!isEngineError(error)) throw error;
      const issues = (error.details.issues as
        | { path: string; message: string; messageEn: string }[]
        | undefined) ?? [{ path: '(racine)', message: error.message, messageEn: error.message }];
      for (const issue of issues)
        problems.push({ path: issue.path || '(racine)', fr: issue.message, en: issue.messageEn });
    }
    if (problems.length === 0) {
      return {
        version: CONFIG_FILE_VERSION,
        ...(typeof record.vintage === 'string' ? { vintage: record.vintage } : {}),
        ...(typeof record.description === 'string' ? { description: record.description } : {}),
        config: config as ScoreConfig,
      };
    }
  }
  throw configError(file, problems, locations);
}

/** A DataError listing every problem with its line and column; the first one is the location. */
export function configError(
  file: string,
  problems: { path: string; fr: string; en: string }[],
  locations: Map<string, { line: number; column: number }>,
): DataError {
  const located = problems.map((p) => ({ ...p, at: locate(locations, p.path) }));
  const list = (lang: 'fr' | 'en') =>
    located
      .map(
        (p) =>
          `\n  - ${lang === 'fr' ? 'ligne' : 'line'} ${p.at.line}, ${lang === 'fr' ? 'colonne' : 'column'} ${p.at.column}, ${p.path} : ${lang === 'fr' ? p.fr : p.en}`,
      )
      .join('');
  return new DataError(
    'INVALID_CONFIG',
    {
      fr: `Configuration invalide (${located.length} problème(s)) :${list('fr')}`,
      en: `Invalid configuration (${located.length} problem(s)):${list('en')}`,
      hintFr:
        'Corrigez ces champs ; le format est décrit dans scripts/README.md (exemple : scripts/examples/ptce-config.json).',
      hintEn:
        'Fix these fields; the format is in scripts/README.md (example: scripts/examples/ptce-config.json).',
    },
    { file, line: located[0].at.line, column: located[0].at.column, field: located[0].path },
  );
}
