import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type EngineError, isEngineError } from '@ptce/engine';
import { jsonLocations } from '../config/jsonLocations.ts';
import { configError } from '../config/readScoreConfigFile.ts';
import { DataError } from '../data/DataError.ts';

const PATH_BY_CODE: Record<string, string> = {
  UNKNOWN_LEVEL: 'level',
  AHP_INCONSISTENT: 'methods.weighting.ahp',
};

/**
 * An engine error caused by the configuration (an unknown level or variable, inconsistent AHP
 * judgements, weights that sum to zero...) as a DataError located in the configuration file
 * when there is one.
 */
export function engineErrorToDataError(error: unknown, configPath?: string): unknown {
  if (!isEngineError(error)) return error;
  const e = error as EngineError;
  const issues = e.details.issues as { path: string; message: string; messageEn: string }[] | undefined;
  const path = typeof e.details.path === 'string' ? e.details.path : PATH_BY_CODE[e.code];
  if (configPath && (issues || path)) {
    const locations = jsonLocations(readFileSync(configPath, 'utf8').replace(/^\uFEFF/, ''));
    const problems = issues
      ? issues.map((i) => ({ path: i.path, fr: i.message, en: i.messageEn }))
      : [{ path: path as string, fr: e.message, en: e.message }];
    const located = configError(basename(configPath), problems, locations);
    return new DataError(
      e.code,
      { fr: located.message, en: located.messageEn, hintFr: located.hint, hintEn: located.hintEn },
      located.location,
    );
  }
  return new DataError(e.code, {
    fr: e.message,
    en: e.message,
    hintFr: 'Corrigez la configuration (voir scripts/README.md) ou les options de la commande.',
    hintEn: 'Fix the configuration (see scripts/README.md) or the command options.',
  });
}
