// Runs in a worker thread: reads JSON documents (from disk for files too big for the editor to
// hand over) and answers queries, so a 100 MB document never freezes the extension host. It runs
// in its own process with a heap limit (QueryClient): running out of memory ends this process only.
import * as fs from 'fs';
import { isUtf8 } from 'buffer';
import { parentPort } from 'worker_threads';
import { basename } from 'path';
import { JmesPathError, JsonDocument } from '../core/jmespath';
import { MAX_JSON_BYTES, fileTooLargeMessage } from '../core/json/sizeLimit';
import { pathAtOffset } from '../core/json/paths';
import type { WorkerRequest, WorkerResponse } from '../shared/queryProtocol';
import type { QueryAnswer } from '../core/query/answerQuery';
import { answerQuery, answerQueryOnBytes, serializeError } from '../core/query/answerQuery';

/**
 * A document the worker holds: read whole, or (bytes from a file or the host) first only as bytes,
 * so the first query is answered from a partial read, and read whole right after it.
 */
interface Held {
  doc?: JsonDocument;
  bytes?: Uint8Array;
}

// The extension host decides what stays loaded (QueryClient); the worker only keeps what it is told.
const documents = new Map<string, Held>();

class NotLoaded extends Error {}

function load(req: Extract<WorkerRequest, { type: 'load' }>): { chars: number; ms: number } {
  const t0 = performance.now();
  let held: Held;
  if (req.text !== undefined) {
    held = { doc: JsonDocument.parse(req.text) };
  } else {
    const bytes = req.bytes ?? readFromDisk(req.path!);
    // bytes that are not UTF-8 are refused now, as the full read refuses them (where, and UTF-16 named)
    held = isUtf8(bytes) ? { bytes } : { doc: JsonDocument.parse(bytes) };
  }
  documents.set(req.key, held);
  return { chars: held.doc ? held.doc.text.length : held.bytes!.length, ms: performance.now() - t0 };
}

/** The document read whole (invalid JSON throws here, with its line and column). */
function whole(held: Held): JsonDocument {
  if (!held.doc) {
    held.doc = JsonDocument.parse(held.bytes!);
    held.bytes = undefined;
  }
  return held.doc;
}

function query(req: Extract<WorkerRequest, { type: 'query' }>): QueryAnswer {
  const held = heldFor(req.key);
  if (held.bytes) {
    const quick = answerQueryOnBytes(held.bytes, req.expression, req);
    if (quick) {
      // read it whole before the next request (typing a query sends many), unless it went away
      setImmediate(() => {
        try {
          if (documents.get(req.key) === held) whole(held);
        } catch {
          // the next request on it reports the error
        }
      });
      return quick;
    }
  }
  return answerQuery(whole(held), req.expression, req);
}

/** The file's bytes, refused from its size alone when it could never be read (no seconds of reading first). */
function readFromDisk(path: string): Uint8Array {
  const size = fs.statSync(path).size;
  if (size > MAX_JSON_BYTES) throw new JmesPathError('too-large', fileTooLargeMessage(basename(path), size));
  return fs.readFileSync(path);
}

function heldFor(key: string): Held {
  const held = documents.get(key);
  if (!held) throw new NotLoaded(`The query worker does not hold ${key}.`);
  return held;
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
        response = { type: 'ok', id: req.id, answer: query(req) };
        break;
      case 'path': {
        const doc = whole(heldFor(req.key));
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
