import { isDataError } from './data/DataError.ts';
import { EXIT, type Lang, UsageError } from './lib/terminal.ts';

const HELP = {
  fr: `ptce — diagnostic territorial et choix du site d'un PTCE (ligne de commande des équipes données)

Usage : pnpm ptce <commande> [options]      (aide d'une commande : pnpm ptce <commande> --help)

Commandes :
  data build        construire un millésime de données à partir des fichiers INSEE/IGN
  data list         lister les millésimes construits
  data show ID      provenance d'un millésime (sources, COG, rapprochements, avertissements)
  score             calculer l'indice PTCE et écrire le classement (CSV, JSON, GeoJSON)
  robustness        robustesse du classement : intervalles de rang (Monte-Carlo), indices de Sobol, redondance
  diff              changements de rang entre deux éditions INSEE et indicateurs qui les expliquent
  spatial           autocorrélation spatiale d'un score : Moran, LISA, Gi*
  candidates        zones PTCE candidates (communes contiguës sous contraintes), comparées aux zonages
  report            document du cabinet (PDF ou HTML) depuis une liste restreinte ou une configuration
  token             jetons d'accès à l'API : create --role ROLE, list, revoke ID

Options communes : --lang en (messages en anglais), --json (sortie pour les scripts)
Codes de sortie : 0 succès ; 1 fichier ou configuration invalide ; 2 arguments invalides ; 3 erreur interne`,
  en: `ptce — territorial diagnosis and PTCE site selection (the data team's command line)

Usage: pnpm ptce <command> [options]      (help on a command: pnpm ptce <command> --help)

Commands:
  data build        build a dataset vintage from the INSEE/IGN files
  data list         list the built vintages
  data show ID      a vintage's provenance (sources, COG, merges, warnings)
  score             score the PTCE index and write the ranking (CSV, JSON, GeoJSON)
  robustness        robustness of the ranking: rank intervals (Monte-Carlo), Sobol indices, redundancy
  diff              rank changes between two INSEE editions and the indicators behind them
  spatial           spatial autocorrelation of a score: Moran, LISA, Gi*
  candidates        candidate PTCE zones (contiguous communes under constraints), compared with zonings
  report            the cabinet's document (PDF or HTML) from a shortlist or a configuration
  token             API access tokens: create --role ROLE, list, revoke ID

Common options: --lang en (English messages), --json (output for scripts)
Exit codes: 0 success; 1 invalid file or configuration; 2 invalid arguments; 3 internal error`,
};

type Command = (argv: string[], lang: Lang) => Promise<number>;

// Loaded on demand: a command pays only for what it imports (the API's stack, the engine...).
const COMMANDS: Record<string, () => Promise<Command>> = {
  'data build': async () => (await import('./commands/dataBuild.ts')).dataBuild,
  'data list': async () => (await import('./commands/dataList.ts')).dataList,
  'data show': async () => (await import('./commands/dataList.ts')).dataShow,
  score: async () => (await import('./commands/score.ts')).scoreCommand,
  token: async () => (await import('./commands/token.ts')).tokenCommand,
  report: async () => (await import('./commands/report.ts')).reportCommand,
  spatial: async () => (await import('./commands/spatial.ts')).spatialCommand,
  robustness: async () => (await import('./commands/robustness.ts')).robustnessCommand,
  diff: async () => (await import('./commands/diff.ts')).diffCommand,
  candidates: async () => (await import('./commands/candidates.ts')).candidatesCommand,
};

export async function main(argv: string[]): Promise<number> {
  const langIndex = argv.indexOf('--lang');
  const lang: Lang = langIndex >= 0 && argv[langIndex + 1] === 'en' ? 'en' : 'fr';
  const rest = langIndex >= 0 ? [...argv.slice(0, langIndex), ...argv.slice(langIndex + 2)] : argv;
  const json = rest.includes('--json');
  if (rest.length === 0 || rest[0] === '--help' || rest[0] === '-h' || rest[0] === 'help') {
    process.stdout.write(`${HELP[lang]}\n`);
    return rest.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const name = Object.keys(COMMANDS).find((c) => rest.slice(0, c.split(' ').length).join(' ') === c);
  try {
    if (!name) {
      throw new UsageError(
        `Commande inconnue : ${rest.slice(0, 2).join(' ')}\n\n${HELP.fr}`,
        `Unknown command: ${rest.slice(0, 2).join(' ')}\n\n${HELP.en}`,
      );
    }
    return await (await COMMANDS[name]())(rest.slice(name.split(' ').length), lang);
  } catch (error) {
    if (error instanceof UsageError) {
      report(
        json,
        { code: 'USAGE', message: lang === 'fr' ? error.message : error.messageEn },
        lang === 'fr' ? error.message : error.messageEn,
      );
      return EXIT.usage;
    }
    if (isDataError(error)) {
      report(json, error.toJSON(), error.format(lang));
      return EXIT.dataError;
    }
    const message = (error as Error)?.stack ?? String(error);
    report(
      json,
      { code: 'INTERNAL', message: String((error as Error)?.message ?? error) },
      `${lang === 'fr' ? 'Erreur interne' : 'Internal error'} : ${message}`,
    );
    return EXIT.internal;
  }
}

function report(json: boolean, data: Record<string, unknown>, text: string): void {
  if (json) process.stdout.write(`${JSON.stringify({ error: data })}\n`);
  process.stderr.write(`${text}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
