#!/usr/bin/env node
// The two commands of the README, runnable on a machine with only Node 20 and npm:
//   npm start  -> pnpm, dependencies, map UI build, the default Bas-Rhin vintage, then the API serving the map
//   npm test   -> the same setup, then lint, typecheck, every package's tests and the browser end-to-end tests
// Plain JavaScript with no dependency: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.21.0';
// pnpm must not try to fetch its own platform binary (@pnpm/exe.*) when it reads a version pin.
const env = { PNPM_CONFIG_MANAGE_PACKAGE_MANAGER_VERSIONS: 'false', ...process.env };
// better-sqlite3 compiles against Node's headers; Debian's nodejs ships them in /usr/include/node.
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';

function say(text) {
  process.stderr.write(`\n▶ ${text}\n`);
}

function has(command, args = ['--version']) {
  return spawnSync(command, args, { stdio: 'ignore', env }).status === 0;
}

function pnpmCommand() {
  if (has('pnpm')) return ['pnpm'];
  say(`pnpm ${PNPM_VERSION} absent : installation avec npm (npm install -g pnpm@${PNPM_VERSION})`);
  // corepack cannot verify pnpm's signatures on registries that serve none: npm is the reliable route.
  if (
    spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit', env }).status === 0 &&
    has('pnpm')
  )
    return ['pnpm'];
  say('installation globale impossible : pnpm sera lancé par npx');
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command[0], [...command.slice(1), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  if (result.status !== 0) {
    process.stderr.write(`\n✗ échec : ${[...command, ...args].join(' ')} (code ${result.status})\n`);
    process.exit(result.status ?? 1);
  }
}

const mode = process.argv[2];
const pnpm = pnpmCommand();
say('Installation des dépendances (pnpm install)');
run(pnpm, ['install', '--frozen-lockfile']);
say('Construction de l’interface cartographique');
run(pnpm, ['build']);
say('Millésime de données par défaut (Bas-Rhin) : pnpm ptce data build --if-missing');
run(pnpm, ['ptce', 'data', 'build', '--if-missing']);

if (mode === 'start') {
  say('Démarrage de l’API et de la carte (Ctrl+C pour arrêter)');
  run(pnpm, ['--filter', '@ptce/api', 'start']);
} else if (mode === 'test') {
  say('Lint et vérification des types');
  run(pnpm, ['lint']);
  run(pnpm, ['typecheck']);
  say('Tests de chaque paquet');
  run(pnpm, ['-r', '--workspace-concurrency=1', 'test']);
  if (!existsSync(process.env.PTCE_CHROMIUM ?? '/usr/bin/chromium')) {
    process.stderr.write(
      '\n✗ Chromium est requis pour les tests de bout en bout : sudo apt-get install -y chromium\n',
    );
    process.exit(1);
  }
  say('Tests de bout en bout dans Chromium (carte)');
  run(pnpm, ['--filter', '@ptce/map-ui', 'test:e2e']);
} else {
  process.stderr.write('usage : node scripts/bootstrap.mjs start|test\n');
  process.exit(2);
}
