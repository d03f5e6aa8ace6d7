// The extension host's side of the query worker: one worker, request/response by id, cancellable
// (cancelling a long read terminates the worker; the next request starts a fresh one). The worker
// is a child process with a heap limit (--max-old-space-size), not a worker thread: a worker
// thread's resourceLimits are best-effort, and a big allocation past them (JSON.parse, a long
// array) aborts the whole process with "FATAL ERROR: Reached heap limit" (nodejs/node#47224),
// which here would be the extension host. If the worker dies, its pending requests fail with a
// kind that says why.
import * as path from 'path';
import type * as vscode from 'vscode';
import { ChildProcess, fork } from 'child_process';
import type { OutputOptions } from '../../core/output';
import type {
  LoadAnswer, PathAnswer, QueryAnswer, SerializedError, WorkerRequest, WorkerResponse,
} from '../../shared/queryProtocol';

export class QueryError extends Error {
  constructor(readonly detail: SerializedError) {
    super(detail.message);
  }
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
  }
}

/** Documents the worker keeps at once (each can be hundreds of MB of parsed values). */
const MAX_DOCUMENTS = 4;

/**
 * The worker's heap limit (V8 old generation, MB) by default: room for 100 MB documents and their
 * results. Over it the worker process alone ends, never the extension host.
 */
export const DEFAULT_WORKER_MEMORY_MB = 4096;

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; what: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface QueryClientOptions {
  maxDocuments?: number;
  /** The worker's --max-old-space-size (setting jmespathAws.query.workerMemoryMb). */
  memoryMb?: number;
}

export class QueryClient implements vscode.Disposable {
  private worker: ChildProcess | undefined;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /**
   * Keys the current worker holds, least recently used first. This side owns the list: it tells the
   * worker what to drop, so the two never disagree about what is loaded.
   */
  private loaded = new Set<string>();
  private readonly maxDocuments: number;
  private memoryMb: number;
  /** The memory limit changed while requests ran: replace the worker once they are answered. */
  private retire = false;
  /** Workers started so far (for tests: a crash must lead to a fresh one). */
  workersStarted = 0;

  constructor(private readonly distDir: string, options: QueryClientOptions = {}) {
    this.maxDocuments = options.maxDocuments ?? MAX_DOCUMENTS;
    this.memoryMb = options.memoryMb ?? DEFAULT_WORKER_MEMORY_MB;
  }

  private ensureWorker(): ChildProcess {
    if (this.worker) return this.worker;
    const worker = fork(path.join(this.distDir, 'queryWorker.js'), [], {
      execArgv: [`--max-old-space-size=${this.memoryMb}`],
      serialization: 'advanced', // structured clone: Uint8Array bytes arrive as bytes
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, // VS Code's binary runs as plain Node
    });
    this.workersStarted++;
    let stderrTail = ''; // V8 says "JavaScript heap out of memory" there before it aborts
    worker.stderr?.on('data', (d: Buffer) => { stderrTail = (stderrTail + d.toString()).slice(-4000); });
    worker.on('message', (msg: WorkerResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.type === 'ok') p.resolve(msg.answer);
      else p.reject(new QueryError(msg.error));
      if (this.retire && this.pending.size === 0) this.reset(new CancelledError());
    });
    worker.on('error', (e) => { if (this.worker === worker) this.reset(this.deathOf(e.message, '')); });
    worker.on('exit', (code, signal) => {
      if (this.worker === worker) this.reset(this.deathOf(signal ? `signal ${signal}` : `exit code ${code}`, stderrTail));
    });
    worker.unref();
    worker.channel?.unref(); // an idle worker must not keep the host (or a test run) alive
    this.worker = worker;
    return worker;
  }

  /** Why the worker died, said about what it was doing, for every request it leaves unanswered. */
  private deathOf(why: string, stderr: string): QueryError {
    const first = this.pending.values().next().value as Pending | undefined;
    const doing = first ? ` while ${first.what}` : '';
    if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) {
      return new QueryError({
        kind: 'out-of-memory',
        message: `The query worker ran out of memory${doing} (its limit is ${this.memoryMb.toLocaleString('en-US')} MB, setting jmespathAws.query.workerMemoryMb). ` +
          'It was stopped; the next query starts a fresh one. Narrow the query (or the file), or raise the limit.',
      });
    }
    return new QueryError({ kind: 'worker-crashed', message: `The query worker stopped unexpectedly${doing} (${why}). The next query starts a fresh one.` });
  }

  private reset(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    this.retire = false;
    this.loaded.clear();
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
    worker?.kill();
  }

  /** A new heap limit applies to the next worker; an idle worker is replaced at once. */
  setMemoryLimit(mb: number): void {
    if (mb === this.memoryMb) return;
    this.memoryMb = mb;
    if (!this.worker) return;
    if (this.pending.size === 0) this.reset(new CancelledError());
    else this.retire = true;
  }

  private request<T>(req: DistributiveOmit<WorkerRequest, 'id'>, signal?: AbortSignal): Promise<T> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, what: describe(req) });
      signal?.addEventListener('abort', () => this.reset(new CancelledError()), { once: true });
      worker.send({ ...req, id } as WorkerRequest, (err) => {
        if (!err || !this.pending.delete(id)) return; // the worker is gone: its exit says why to the others
        reject(new QueryError({ kind: 'worker-crashed', message: `The query worker could not be reached (${err.message}). The next query starts a fresh one.` }));
      });
    });
  }

  isLoaded(key: string): boolean {
    return this.loaded.has(key);
  }

  /** Keys the worker holds, least recently used first (for tests and diagnostics). */
  get loadedKeys(): string[] {
    return [...this.loaded];
  }

  async load(key: string, source: { path: string } | { text: string } | { bytes: Uint8Array }, signal?: AbortSignal): Promise<LoadAnswer> {
    const answer = await this.request<LoadAnswer>({ type: 'load', key, ...source }, signal);
    this.loaded.delete(key);
    this.loaded.add(key); // the most recently used
    for (const old of this.loaded) {
      if (this.loaded.size <= this.maxDocuments) break;
      if (old !== key) this.unload(old);
    }
    return answer;
  }

  /** `signal` aborting stops the worker (a query cannot be interrupted otherwise); the next request starts a fresh one. */
  query(key: string, expression: string, options: { withSources: boolean; maxChars: number; maxRanges: number; output?: OutputOptions }, signal?: AbortSignal): Promise<QueryAnswer> {
    this.touch(key);
    return this.request<QueryAnswer>({ type: 'query', key, expression, ...options }, signal);
  }

  pathAt(key: string, offset: number): Promise<PathAnswer | null> {
    this.touch(key);
    return this.request<PathAnswer | null>({ type: 'path', key, offset });
  }

  unload(key: string): void {
    if (!this.loaded.delete(key) || !this.worker) return;
    void this.request({ type: 'unload', key }).catch(() => undefined);
  }

  /** The worker said it does not hold `key` (e.g. it was restarted): stop believing it does. */
  forget(key: string): void {
    this.loaded.delete(key);
  }

  private touch(key: string): void {
    if (!this.loaded.delete(key)) return;
    this.loaded.add(key);
  }

  dispose(): void {
    this.reset(new CancelledError());
  }
}

/** What a request was doing, for the message when the worker dies under it. */
function describe(req: DistributiveOmit<WorkerRequest, 'id'>): string {
  const name = documentName(req.key);
  switch (req.type) {
    case 'load': return `reading ${name}`;
    case 'query': return `running ${req.expression.length > 80 ? req.expression.slice(0, 77) + '...' : req.expression} on ${name}`;
    case 'path': return `finding a path in ${name}`;
    case 'unload': return `dropping ${name}`;
  }
}

/** The file name in a document key (`<uri>@<version>.<id>` or `<uri>@disk:...`). */
function documentName(key: string): string {
  const at = key.lastIndexOf('@');
  const uri = at > 0 ? key.slice(0, at) : key;
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || key;
  } catch {
    return last || key;
  }
}
