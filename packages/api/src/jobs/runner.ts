import { randomUUID } from 'node:crypto';
import type { ErrorBody } from '../errors.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** What a running job receives: its cancellation signal and a way to report progress. */
export interface JobContext {
  signal: AbortSignal;
  /**
   * Reports progress (0..1), and gives the event loop a turn when the job has held it for a
   * while, so that a long computation on the main thread does not starve the other requests.
   * Throws the abort reason once the job is cancelled: call it often in loops.
   */
  checkpoint(progress: number): Promise<void>;
}

export type JobTask = (context: JobContext) => Promise<unknown>;

/** A job as callers see it (`GET /api/jobs/:id`). */
export interface JobSnapshot {
  id: string;
  kind: string;
  vintageId: string;
  status: JobStatus;
  progress: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  result?: unknown;
  error?: ErrorBody;
}

interface Job extends JobSnapshot {
  /** Token id of who started it, or `null` for an anonymous caller (the random id is then the capability). */
  owner: string | null;
  controller: AbortController;
  task: JobTask;
}

export interface JobRunnerOptions {
  /** How long a finished job (and its result) stays readable, in ms. Default 15 min. */
  ttlMs?: number;
  /** Jobs running at once; the others wait in order. Default 1 (the computations share the main thread). */
  concurrency?: number;
  /** Jobs queued or running per owner before new ones are refused. Default 4. */
  maxPerOwner?: number;
  /** How long a job may hold the event loop before `checkpoint` yields, in ms. Default 20. */
  sliceMs?: number;
  /** Turns a job's exception into the error callers see. */
  describeError?: (error: unknown) => ErrorBody;
}

const DEFAULTS = { ttlMs: 15 * 60_000, concurrency: 1, maxPerOwner: 4, sliceMs: 20 };

/** Thrown by {@link JobRunner.submit} when an owner has too many unfinished jobs. */
export class TooManyJobsError extends Error {
  override readonly name = 'TooManyJobsError';
  readonly limit: number;
  constructor(limit: number) {
    super(`too many unfinished jobs (limit ${limit})`);
    this.limit = limit;
  }
}

const CANCELLED: ErrorBody = { code: 'JOB_CANCELLED', message: 'Calcul annulé à la demande.', details: {} };

function fallbackError(error: unknown): ErrorBody {
  return { code: 'JOB_FAILED', message: 'Le calcul a échoué.', details: { reason: String(error) } };
}

/**
 * Runs long computations (robustness, spatial statistics, candidate zones) in the process,
 * in order, with progress, cancellation and a time-to-live for their results. In memory: a
 * restart forgets the jobs (callers start them again; the results are reproducible).
 */
export class JobRunner {
  private readonly options: Required<Omit<JobRunnerOptions, 'describeError'>>;
  private readonly describeError: (error: unknown) => ErrorBody;
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running = 0;
  private closed = false;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: JobRunnerOptions = {}) {
    const { describeError, ...rest } = options;
    this.options = { ...DEFAULTS, ...rest };
    this.describeError = describeError ?? fallbackError;
    this.sweeper = setInterval(() => this.sweep(), Math.min(this.options.ttlMs, 60_000));
    this.sweeper.unref();
  }

  /** Queues a job; returns its id at once. @throws {TooManyJobsError} */
  submit(kind: string, vintageId: string, owner: string | null, task: JobTask): string {
    if (this.closed) throw new Error('job runner closed');
    const unfinished = [...this.jobs.values()].filter(
      (j) => j.owner === owner && (j.status === 'queued' || j.status === 'running'),
    ).length;
    if (unfinished >= this.options.maxPerOwner) throw new TooManyJobsError(this.options.maxPerOwner);
    const job: Job = {
      id: randomUUID(),
      kind,
      vintageId,
      owner,
      status: 'queued',
      progress: 0,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      controller: new AbortController(),
      task,
    };
    this.jobs.set(job.id, job);
    this.queue.push(job);
    this.pump();
    return job.id;
  }

  /** The job, if it exists and `owner` may see it (its owner, or `null` for an admin's view). */
  get(id: string, owner: string | null, isAdmin = false): JobSnapshot | undefined {
    const job = this.jobs.get(id);
    if (!job || (!isAdmin && job.owner !== owner) || this.expired(job, Date.now())) return undefined;
    return snapshot(job);
  }

  /** Cancels a queued or running job. False when unknown to this owner; true otherwise (even if already finished). */
  cancel(id: string, owner: string | null, isAdmin = false): boolean {
    const job = this.jobs.get(id);
    if (!job || (!isAdmin && job.owner !== owner)) return false;
    if (job.status === 'queued') {
      const queued = this.queue.indexOf(job);
      if (queued >= 0) this.queue.splice(queued, 1);
      this.finish(job, 'cancelled', undefined, CANCELLED);
    } else if (job.status === 'running') {
      job.controller.abort();
    }
    return true;
  }

  /** Cancels everything and stops; resolves when running jobs have stopped. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const job of this.queue.splice(0)) this.finish(job, 'cancelled', undefined, CANCELLED);
    for (const job of this.jobs.values()) job.controller.abort();
    while (this.running > 0) await new Promise((r) => setTimeout(r, 5));
  }

  /** Number of jobs held (for tests and metrics). */
  get size(): number {
    return this.jobs.size;
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(job: Job): Promise<void> {
    // A turn of the event loop first, so that `submit` returns before any computation runs.
    await new Promise((r) => setImmediate(r));
    if (job.status !== 'queued') return; // cancelled meanwhile
    const { signal } = job.controller;
    if (signal.aborted) return this.finish(job, 'cancelled', undefined, CANCELLED);
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    let sliceStart = performance.now();
    const context: JobContext = {
      signal,
      checkpoint: async (progress) => {
        if (Number.isFinite(progress)) job.progress = Math.min(1, Math.max(job.progress, progress));
        if (performance.now() - sliceStart >= this.options.sliceMs) {
          await new Promise((r) => setImmediate(r));
          sliceStart = performance.now();
        }
        signal.throwIfAborted();
      },
    };
    // A task that awaits something other than checkpoint() still ends when cancelled.
    const aborted = new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
    );
    aborted.catch(() => {});
    try {
      const result = await Promise.race([job.task(context), aborted]);
      signal.throwIfAborted();
      this.finish(job, 'succeeded', result);
    } catch (error) {
      if (signal.aborted) this.finish(job, 'cancelled', undefined, CANCELLED);
      else this.finish(job, 'failed', undefined, this.describeError(error));
    }
  }

  private finish(job: Job, status: JobStatus, result?: unknown, error?: ErrorBody): void {
    job.status = status;
    job.finishedAt = new Date().toISOString();
    if (status === 'succeeded') {
      job.progress = 1;
      job.result = result;
    }
    if (error) job.error = error;
    job.task = async () => undefined; // let the closure (and what it holds) be collected
  }

  private expired(job: Job, now: number): boolean {
    return job.finishedAt !== null && now - Date.parse(job.finishedAt) > this.options.ttlMs;
  }

  private sweep(now = Date.now()): void {
    for (const [id, job] of this.jobs) if (this.expired(job, now)) this.jobs.delete(id);
  }
}

function snapshot(job: Job): JobSnapshot {
  const { owner: _o, controller: _c, task: _t, ...visible } = job;
  return { ...visible };
}
