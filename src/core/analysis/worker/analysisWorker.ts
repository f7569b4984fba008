/**
 * Entry of the analysis worker thread (bundled as dist/analysisWorker.js): analyses the files the
 * extension host sends, so that "Analyze Workspace" never blocks the editor.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from '../engine/analyzer';
import type { AnalyzeRequest, AnalyzeResponse, WorkerInit } from './protocol';

const port = parentPort;
if (!port) throw new Error('analysisWorker must run in a worker thread');
const { wasm } = workerData as WorkerInit;
const analyzer = new Analyzer({ wasm });
let optionsKey: string | undefined;

// One request at a time, in order: analyzeText awaits only the first grammar load.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: AnalyzeRequest) => {
  queue = queue.then(() => handle(request));
});

async function handle(request: AnalyzeRequest): Promise<void> {
  let response: AnalyzeResponse;
  try {
    if (request.settle) {
      response = { id: request.id, ok: true, result: { fileName: request.fileName, findings: analyzer.workspaceFindings(request.fileName, request.settle), notes: [] } };
    } else if (request.reexportsOnly) {
      // Options do not change what a file re-exports.
      analyzer.noteReexports(request.fileName, request.text);
      response = { id: request.id, ok: true, result: { fileName: request.fileName, findings: [], notes: [] } };
    } else {
      if (optionsKey !== request.optionsKey) {
        analyzer.setOptions(request.options);
        optionsKey = request.optionsKey;
      }
      response = { id: request.id, ok: true, result: await analyzer.analyzeText(request.fileName, request.text) };
    }
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port?.postMessage(response);
}
