import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES_DIR } from './helpers.ts';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Lines the server printed (JSON logs). */
  logs: string[];
  /** Resolves with the exit code (or the signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the real server (`node --import tsx/esm src/server.ts`, as `pnpm start` does) on a
 * free loopback port, on the fixture vintage unless `env` says otherwise, and resolves once it
 * listens.
 */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', join(PACKAGE_DIR, 'src/server.ts')], {
    cwd: PACKAGE_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      PTCE_HOST: '127.0.0.1',
      PTCE_PORT: '0',
      PTCE_DATA_DIR: dataDir,
      PTCE_VINTAGES_DIR: FIXTURES_DIR,
      PTCE_DEFAULT_VINTAGE: 'vintage-mini',
      PTCE_UI_DIST: join(dataDir, 'no-ui'),
      PTCE_RATE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join('\n')}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${logs.join('\n')}`));
    });
  });
  return { url, child, logs, exited };
}
