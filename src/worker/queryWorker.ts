// Runs in a worker thread: reads JSON documents (from disk for files too big for the editor to
// hand over) and answers queries, so a 100 MB document never freezes the extension host. It runs
// in its own process with a heap limit (QueryClient): running out of memory ends this process only.
import * as fs from 'fs';
import { parentPort } from 'worker_threads';
import { basename } from 'path';
import { JmesPathError, JsonDocument } from '../core/jmespath';
import { MAX_JSON_BYTES, fileTooLargeMessage } from '../core/json/sizeLimit';
import { pathAtOffset } from '../core/json/paths';
import type { WorkerRequest, WorkerResponse } from '../shared/queryProtocol';
import { answerQuery, serializeError } from '../core/query/answerQuery';

// The extension host decides what stays loaded (QueryClient); the worker only keeps what it is told.
const documents = new Map<string, JsonDocument>();

class NotLoaded extends Error {}

function load(req: Extract<WorkerRequest, { type: 'load' }>): { chars: number; ms: number } {
  const t0 = performance.now();
  const doc = JsonDocument.parse(req.text ?? req.bytes ?? readFromDisk(req.path!));
  documents.set(req.key, doc);
  return { chars: doc.text.length, ms: performance.now() - t0 };
}

/** The file's bytes, refused from its size alone when it could never be read (no seconds of reading first). */
function readFromDisk(path: string): Uint8Array {
  const size = fs.statSync(path).size;
  if (size > MAX_JSON_BYTES) throw new JmesPathError('too-large', fileTooLargeMessage(basename(path), size));
  return fs.readFileSync(path);
}

function documentFor(key: string): JsonDocument {
  const doc = documents.get(key);
  if (!doc) throw new NotLoaded(`The query worker does not hold ${key}.`);
  return doc;
}

/**
 * The extension host runs this file as a child process (IPC): a V8 out-of-memory abort then ends
 * only this process. It also runs as a worker thread (tests, tools) through parentPort.
 */
const channel: { on(event: 'message', listener: (req: WorkerRequest) => void): void; postMessage(msg: WorkerResponse): void } =
  parentPort ?? { on: (_event, listener) => process.on('message', listener), postMessage: (msg) => process.send!(msg) };

if (!parentPort) process.on('disconnect', () => process.exit(0)); // the extension host went away: so do we

channel.on('message', (req: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    switch (req.type) {
      case 'load':
        response = { type: 'ok', id: req.id, answer: load(req) };
        break;
      case 'query':
        response = { type: 'ok', id: req.id, answer: answerQuery(documentFor(req.key), req.expression, req) };
        break;
      case 'path': {
        const doc = documentFor(req.key);
        const map = doc.getSourceMap(); // first: it may re-read the document into new values
        const found = pathAtOffset(doc.value, map, req.offset);
        response = { type: 'ok', id: req.id, answer: found ?? null };
        break;
      }
      case 'unload':
        documents.delete(req.key);
        response = { type: 'ok', id: req.id, answer: null };
        break;
    }
  } catch (e) {
    response = { type: 'error', id: req.id, error: e instanceof NotLoaded ? { kind: 'not-loaded', message: e.message } : serializeError(e) };
  }
  channel.postMessage(response);
});
