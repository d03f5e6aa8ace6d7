// Runs in a worker thread: reads JSON documents (from disk for files too big for the editor to
// hand over) and answers queries, so a 100 MB document never freezes the extension host.
import * as fs from 'fs';
import { parentPort } from 'worker_threads';
import { JsonDocument } from '../core/jmespath';
import { pathAtOffset } from '../core/json/paths';
import type { WorkerRequest, WorkerResponse } from '../shared/queryProtocol';
import { answerQuery, serializeError } from '../core/query/answerQuery';

// The extension host decides what stays loaded (QueryClient); the worker only keeps what it is told.
const documents = new Map<string, JsonDocument>();

class NotLoaded extends Error {}

function load(key: string, path: string | undefined, text: string | undefined): { chars: number; ms: number } {
  const t0 = performance.now();
  const source = text ?? fs.readFileSync(path!, 'utf8');
  const doc = JsonDocument.parse(source);
  documents.set(key, doc);
  return { chars: source.length, ms: performance.now() - t0 };
}

function documentFor(key: string): JsonDocument {
  const doc = documents.get(key);
  if (!doc) throw new NotLoaded(`The query worker does not hold ${key}.`);
  return doc;
}

parentPort!.on('message', (req: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    switch (req.type) {
      case 'load':
        response = { type: 'ok', id: req.id, answer: load(req.key, req.path, req.text) };
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
  parentPort!.postMessage(response);
});
