import * as vscode from 'vscode';
import type { AnalysisNote, EditorDocument, Finding } from '../core/analysis';
import { errorMessage } from '../log';
import type { AnalysisEngine } from './analysisEngine';
import { toDiagnostic } from './findingDiagnostic';
import type { FolderOptions } from './folderOptions';
import type { ImportIndex } from './importIndex';

/** Typing pauses shorter than this do not re-analyse (each keystroke still updates the tree). */
const DEBOUNCE_MS = 250;

export interface PublishedFinding {
  finding: Finding;
  diagnostic: vscode.Diagnostic;
}

/** The findings of one analysis, with the text and document version they were computed on. */
export interface AnalysedState {
  version: number;
  /** The analysed text: fix edits are offsets into it. */
  text: string;
  findings: PublishedFinding[];
}

interface Tracked {
  readonly document: vscode.TextDocument;
  readonly name: string;
  analysis?: EditorDocument;
  opening?: Promise<void>;
  /** Document version of the text `analysis` holds. */
  appliedVersion: number;
  state?: AnalysedState;
  timer?: NodeJS.Timeout;
  closed: boolean;
  /** Notes (file too large, parse timeout) already logged for this document. */
  notes: Set<string>;
}

/**
 * Diagnostics for open TS/JS documents: analysed on open, re-analysed incrementally after typing
 * stops (each change is applied to the analysis tree as it happens), cleared and freed on close.
 */
export class LiveDiagnostics implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly listeners: vscode.Disposable[];
  private loadErrorShown = false;

  /** Reads the files an opened document imports (set once the index exists: it asks which documents are open). */
  imports?: ImportIndex;

  constructor(
    private readonly engine: AnalysisEngine,
    private readonly folders: FolderOptions,
    private readonly collection: vscode.DiagnosticCollection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.listeners = [
      vscode.workspace.onDidOpenTextDocument((document) => this.track(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.applyChanges(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      // VS Code keeps a closed editor's document alive for minutes (onDidClose fires late): the tab closing is the user's "close".
      vscode.window.tabGroups.onDidChangeTabs((event) => this.followTabs(event)),
    ];
    for (const document of vscode.workspace.textDocuments) this.track(document);
  }

  /** True when the document is open and analysed live (its diagnostics are not the workspace scan's). */
  isLive(uri: vscode.Uri): boolean {
    return this.tracked.has(uri.toString());
  }

  /** The findings last published for a document (may lag the text by the debounce). */
  published(uri: vscode.Uri): AnalysedState | undefined {
    return this.tracked.get(uri.toString())?.state;
  }

  /**
   * Findings of the document's current text, re-analysing first when it changed since (code actions).
   * An open document not followed yet (an open or tab event missed or not yet delivered) is followed
   * from now on, unless the settings exclude it.
   */
  async current(document: vscode.TextDocument): Promise<AnalysedState | undefined> {
    if (!document.isClosed) this.track(document);
    const tracked = this.tracked.get(document.uri.toString());
    if (!tracked) return undefined;
    // Typing may continue while options load; a few rounds catch up with any realistic typist.
    for (let round = 0; round < 3 && tracked.state?.version !== document.version; round++) await this.analyzeNow(tracked);
    return tracked.state?.version === document.version ? tracked.state : undefined;
  }

  /** Analyses every open document again soon (what their imports resolve to changed). */
  reanalyseAll(): void {
    for (const tracked of this.tracked.values()) this.schedule(tracked, 0);
  }

  /** Re-reads settings for every open document (all folders, or the one whose package.json changed). */
  refresh(folder?: vscode.WorkspaceFolder): void {
    this.folders.invalidate(folder);
    for (const document of vscode.workspace.textDocuments) {
      if (folder && vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() !== folder.uri.toString()) continue;
      const tracked = this.tracked.get(document.uri.toString());
      const name = this.folders.analysisName(document);
      if (tracked && tracked.name === name) this.schedule(tracked, 0);
      else {
        // Newly included, excluded, or moved to another folder.
        if (tracked) this.forget(document.uri);
        this.track(document);
      }
    }
  }

  private followTabs(event: vscode.TabChangeEvent): void {
    const shown = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs.flatMap(tabUris)));
    for (const uri of event.closed.flatMap(tabUris)) if (!shown.has(uri)) this.forget(vscode.Uri.parse(uri));
    // A document reopened before VS Code disposed it gets no onDidOpenTextDocument.
    for (const uri of [...event.opened, ...event.changed].flatMap(tabUris)) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (document) this.track(document);
    }
  }

  private track(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.tracked.has(key)) return;
    const name = this.folders.analysisName(document);
    if (!name) return;
    const tracked: Tracked = { document, name, appliedVersion: document.version, closed: false, notes: new Set() };
    this.tracked.set(key, tracked);
    tracked.opening = this.open(tracked);
  }

  private async open(tracked: Tracked): Promise<void> {
    const { document } = tracked;
    const version = document.version;
    try {
      const analysis = await this.engine.open(tracked.name, document.getText());
      if (tracked.closed) {
        analysis.dispose();
        return;
      }
      tracked.analysis = analysis;
      tracked.appliedVersion = version;
      // Changes made while the grammar loaded were not applied incrementally: start from the current text.
      if (document.version !== version) {
        analysis.setText(document.getText());
        tracked.appliedVersion = document.version;
      }
      await this.analyzeNow(tracked);
      // The files it imports, read from disk: its imported clients resolve once they are indexed.
      if (this.imports && (await this.imports.index(document, tracked.name)) && !tracked.closed) await this.analyzeNow(tracked);
    } catch (error) {
      this.log.error(`Could not analyse ${tracked.name}: ${errorMessage(error)}`);
      if (!this.loadErrorShown) {
        this.loadErrorShown = true;
        void vscode.window.showErrorMessage(`Redis Specialist could not start its code analyzer: ${errorMessage(error)}`);
      }
    }
  }

  private applyChanges(event: vscode.TextDocumentChangeEvent): void {
    const tracked = this.tracked.get(event.document.uri.toString());
    if (!tracked || event.contentChanges.length === 0) return;
    const { analysis } = tracked;
    if (analysis) {
      try {
        for (const change of event.contentChanges) analysis.applyEdit({ offset: change.rangeOffset, length: change.rangeLength, text: change.text });
      } catch (error) {
        // A change we could not map (should not happen): re-parse from the document's text.
        this.log.warn(`${tracked.name}: incremental update failed (${errorMessage(error)}); re-parsing the whole file`);
        analysis.setText(event.document.getText());
      }
      tracked.appliedVersion = event.document.version;
    }
    this.schedule(tracked, DEBOUNCE_MS);
  }

  private schedule(tracked: Tracked, delayMs: number): void {
    clearTimeout(tracked.timer);
    tracked.timer = setTimeout(() => void this.analyzeNow(tracked), delayMs);
  }

  private async analyzeNow(tracked: Tracked): Promise<void> {
    clearTimeout(tracked.timer);
    tracked.timer = undefined;
    if (!tracked.analysis && tracked.opening) await tracked.opening;
    if (!tracked.analysis || tracked.closed) return;
    const options = await this.folders.optionsFor(tracked.document.uri);
    const analysis = tracked.analysis;
    if (!analysis || tracked.closed) return;
    const version = tracked.appliedVersion;
    const text = analysis.text;
    try {
      const result = this.engine.analyze(analysis, options);
      for (const note of result.notes) this.logNote(tracked, note);
      const findings = result.findings.map((finding) => ({ finding, diagnostic: toDiagnostic(finding) }));
      tracked.state = { version, text, findings };
      this.collection.set(tracked.document.uri, findings.map((f) => f.diagnostic));
    } catch (error) {
      this.log.error(`Analysis of ${tracked.name} failed: ${errorMessage(error)}`);
      tracked.state = undefined;
      this.collection.delete(tracked.document.uri);
    }
  }

  private logNote(tracked: Tracked, note: AnalysisNote): void {
    if (tracked.notes.has(note.kind)) return;
    tracked.notes.add(note.kind);
    this.log.info(`${tracked.name}: ${note.message}`);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const tracked = this.tracked.get(key);
    if (!tracked) return;
    tracked.closed = true;
    clearTimeout(tracked.timer);
    tracked.analysis?.dispose(); // frees the WASM tree: WASM memory is not garbage-collected
    tracked.analysis = undefined;
    this.tracked.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    for (const tracked of [...this.tracked.values()]) this.forget(tracked.document.uri);
  }
}

/** The text documents a tab shows (both sides of a diff). */
function tabUris(tab: vscode.Tab): string[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return [input.uri.toString()];
  if (input instanceof vscode.TabInputTextDiff) return [input.original.toString(), input.modified.toString()];
  return [];
}
