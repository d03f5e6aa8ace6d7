// Results follow their JSON: when a source is edited in the editor, reloaded, or changed on disk
// while closed, the query its results tab shows runs again (after the typing pause). A source that
// turns invalid leaves the last good result, marked stale, until it reads again. (Trial 16: results
// kept old values after the JSON changed, with nothing to say so.)
import * as vscode from 'vscode';
import { readConfig } from '../../config';
import { Disposable, disposeAll, timeout } from '../../dispose';
import { basename, openDocument } from './queryService';
import { ResultsView } from './resultsView';

export class ResultsFollowSources extends Disposable {
  private readonly timers = new Map<string, vscode.Disposable>();
  /** A watcher on each closed source file that results are shown for (an open one reports its edits). */
  private readonly watchers = new Map<string, vscode.Disposable>();

  constructor(private readonly results: ResultsView, private readonly refresh: (source: vscode.Uri) => Promise<unknown>) {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) this.changed(e.document.uri);
    }));
    // which files to watch changes with the results held and the documents open
    this._register(results.onDidChange(() => this.watchSources()));
    this._register(vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === 'untitled') this.untitledClosed(doc);
      this.watchSources();
    }));
    this._register(vscode.workspace.onDidOpenTextDocument(() => this.watchSources()));
    this._register({ dispose: () => disposeAll([...this.timers.values(), ...this.watchers.values()]) });
  }

  private changed(source: vscode.Uri): void {
    if (!this.results.resultFor(source) || !this.results.hasTab(source)) return;
    const key = source.toString();
    this.timers.get(key)?.dispose();
    this.timers.set(key, timeout(() => {
      this.timers.delete(key);
      if (this.results.resultFor(source) && this.results.hasTab(source)) void this.refresh(source).catch(() => undefined);
    }, readConfig().debounceMs));
  }

  /**
   * An untitled source closed: its result stays, saying so, and the re-run its revert asked for is
   * dropped (trial 24: it failed with "Unable to resolve filesystem provider with relative file
   * path 'untitled:Untitled-1'").
   */
  private untitledClosed(doc: vscode.TextDocument): void {
    const source = doc.uri;
    const key = source.toString();
    this.timers.get(key)?.dispose();
    this.timers.delete(key);
    const shown = this.results.resultFor(source);
    if (!shown) return;
    // Don't Save empties it before it closes; Save As closes it as it is, its text now in a file
    const how = doc.getText() === '' ? 'closed without being saved' : 'closed (saved as a file?)';
    this.results.markStale(source, shown.expression, `${basename(source)} was ${how}: this is the last result of ${shown.expression} on it`, true);
  }

  private watchSources(): void {
    const wanted = new Map<string, vscode.Uri>();
    for (const shown of this.results.all()) {
      if (shown.source.scheme === 'file' && !openDocument(shown.source)) wanted.set(shown.source.toString(), shown.source);
    }
    for (const [key, watcher] of this.watchers) {
      if (wanted.has(key)) continue;
      watcher.dispose();
      this.watchers.delete(key);
    }
    for (const [key, source] of wanted) {
      if (this.watchers.has(key)) continue;
      const folder = vscode.Uri.joinPath(source, '..');
      const name = source.path.slice(source.path.lastIndexOf('/') + 1).replace(/[[\]{}*?]/g, '[$&]'); // (a glob: its own characters escaped)
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
      // (an editor that saves by writing a new file and renaming it over the old one: a create)
      watcher.onDidCreate(() => this.changed(source));
      watcher.onDidChange(() => this.changed(source));
      // gone (moved away, deleted): the result says so, marked stale (trial 18: it still looked current)
      watcher.onDidDelete(() => this.changed(source));
      this.watchers.set(key, watcher);
    }
  }
}
