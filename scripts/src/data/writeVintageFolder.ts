import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256Hex } from '../lib/readInput.ts';

export interface OutputRecord {
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * Writes a vintage folder atomically: files go to a hidden temporary folder beside the target
 * as they are produced (so the build never holds every output in memory), then `commit` renames
 * the folder into place (a previous vintage of the same id is moved aside first and removed
 * after). A build that fails calls `abort`; one that is killed leaves at worst a hidden
 * `.<id>.tmp-*` folder, removed by the next build. Never a half-written vintage.
 */
export class VintageWriter {
  private readonly tmp: string;
  private readonly final: string;
  private readonly stamp = `${process.pid}-${Date.now()}`;
  readonly outputs: OutputRecord[] = [];

  constructor(
    private readonly outDir: string,
    private readonly id: string,
  ) {
    mkdirSync(outDir, { recursive: true });
    this.tmp = join(outDir, `.${id}.tmp-${this.stamp}`);
    this.final = join(outDir, id);
    mkdirSync(this.tmp);
  }

  write(path: string, content: string | Uint8Array): void {
    const target = join(this.tmp, path);
    mkdirSync(dirname(target), { recursive: true });
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    writeFileSync(target, bytes);
    this.outputs.push({ path, sha256: sha256Hex(bytes), bytes: bytes.length });
  }

  /**
   * Writes the manifest last (it lists the other files' hashes: the data files, and the report
   * apart), then moves the folder into place.
   */
  commit(manifest: (outputs: OutputRecord[], report: OutputRecord | undefined) => string): string {
    const data = this.outputs.filter((o) => o.path !== 'report.md');
    writeFileSync(
      join(this.tmp, 'manifest.json'),
      manifest(
        data,
        this.outputs.find((o) => o.path === 'report.md'),
      ),
    );
    const old = join(this.outDir, `.${this.id}.old-${this.stamp}`);
    if (existsSync(this.final)) renameSync(this.final, old);
    renameSync(this.tmp, this.final);
    rmSync(old, { recursive: true, force: true });
    return this.final;
  }

  abort(): void {
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
