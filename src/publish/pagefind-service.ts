import { ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { NewIndexResponse, PagefindIndex, PagefindServiceConfig } from 'pagefind';
import { EnvironmentError } from '../shared/errors.js';

/**
 * Pagefind's Node API runs Pagefind's program as a service, a child process it writes each request to
 * and reads each answer from; it watches neither the child's end nor its output's. A Pagefind that
 * ends (the OOM killer, a crash, a clerk's pkill) while an answer is awaited left publish waiting for
 * ever, holding the site's lock; one that ended before a request was written (the pipe takes it)
 * too. So the child the API starts is watched here (Node's `child_process` diagnostics channel tells
 * the process it spawns during a call), and where it ends before it is closed, every answer awaited
 * and every request after fails at once with an error that says so. The requests and answers are the
 * library's own: nothing of its protocol is written here.
 */
export class WatchedPagefind {
  readonly #api: typeof import('pagefind');
  #child: ChildProcess | undefined;
  /** How Pagefind ended ("ended (signal SIGKILL)"), once it has. */
  #how: string | undefined;
  /** Closed by publish: its end is no failure. */
  #closing = false;
  /** Each awaited answer's failure, given how Pagefind ended. */
  readonly #pending = new Set<(how: string) => void>();
  /** Each wait for the end (endWithin). */
  readonly #ends = new Set<(how: string) => void>();

  private constructor(api: typeof import('pagefind')) {
    this.#api = api;
  }

  /** Pagefind's Node API, loaded; its program starts with the first index. */
  static async load(): Promise<WatchedPagefind> {
    return new WatchedPagefind(await import('pagefind'));
  }

  /** A new index, `what` named in the error where Pagefind ends while it is made (a committee's folder). */
  async createIndex(config: PagefindServiceConfig, what: string): Promise<NewIndexResponse> {
    // The library starts its program with the first request, and only then: an index is the first (and after an end none is asked).
    const { index, errors } = await this.#ask(what, () => this.#watching(() => this.#api.createIndex(config)));
    if (!index) return { errors };
    const ask = <T>(call: () => Promise<T>) => this.#ask(what, call);
    const watched: PagefindIndex = {
      addHTMLFile: (file) => ask(() => index.addHTMLFile(file)),
      addCustomRecord: (record) => ask(() => index.addCustomRecord(record)),
      addDirectory: (dir) => ask(() => index.addDirectory(dir)),
      writeFiles: (options) => ask(() => index.writeFiles(options)),
      getFiles: () => ask(() => index.getFiles()),
      deleteIndex: () => ask(() => index.deleteIndex()),
    };
    return { errors, index: watched };
  }

  /** Ends Pagefind's program: an end from here on is this one. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#api.close();
  }

  /**
   * One request of the library's, whose answer fails where Pagefind ends first. Where the library
   * itself fails it (it closes the service where a write to it fails: Pagefind gone before it read
   * the request), how Pagefind ended is awaited a moment, to be told rather than "backend closed".
   */
  #ask<T>(what: string, call: () => Promise<T>): Promise<T> {
    if (this.#how !== undefined) return Promise.reject(ended(this.#how, what));
    return new Promise<T>((resolve, reject) => {
      const fail = (how: string) => reject(ended(how, what));
      this.#pending.add(fail);
      call().then(
        (answer) => {
          this.#pending.delete(fail);
          resolve(answer);
        },
        async (error: unknown) => {
          this.#pending.delete(fail);
          const how = await this.#endWithin(endWaitMs);
          reject(how !== undefined ? ended(how, what) : error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** `call`, watching the process it starts, if any: the library spawns it within the call, not after. */
  #watching<T>(call: () => Promise<T>): Promise<T> {
    let child: ChildProcess | undefined;
    const spawned = (message: unknown) => {
      if (message !== null && typeof message === 'object' && 'process' in message && message.process instanceof ChildProcess)
        child = message.process;
    };
    subscribe('child_process', spawned);
    try {
      return call();
    } finally {
      unsubscribe('child_process', spawned);
      if (child) this.#watch(child);
    }
  }

  #watch(child: ChildProcess): void {
    this.#child = child;
    // A failed start (no such program, not executable) is told by 'error'; an end by 'close', once its output is read to the end.
    child.once('error', (error) => this.#end(`could not start (${error.message})`));
    child.once('close', (code, signal) => this.#end(`ended (${signal ? `signal ${signal}` : `exit code ${String(code)}`})`));
    // Its output closed while it runs: no answer can come; its end, if it comes within a moment, says more.
    child.stdout?.once('close', () => {
      if (!this.#closing && child.exitCode === null && child.signalCode === null)
        void this.#endWithin(endWaitMs).then((how) => this.#end(how ?? 'closed its output'));
    });
  }

  #end(how: string): void {
    if (this.#how !== undefined) return;
    this.#how = how;
    for (const end of this.#ends) end(how);
    if (this.#closing) return;
    for (const fail of this.#pending) fail(how);
    this.#pending.clear();
    // The library's own state let go: its streams closed, its answers still awaited failed (by then, these).
    void this.#api.close();
  }

  /** How Pagefind ended, where it does within `ms`. */
  #endWithin(ms: number): Promise<string | undefined> {
    if (this.#how !== undefined || !this.#child) return Promise.resolve(this.#how);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), ms);
      const done = (how: string | undefined) => {
        clearTimeout(timer);
        this.#ends.delete(done);
        resolve(how);
      };
      this.#ends.add(done);
    });
  }
}

/** How long an end is awaited where its sign came first (a failed write, a closed output): the process is already gone or going. */
const endWaitMs = 2000;

const ended = (how: string, what: string) => new EnvironmentError(`Pagefind ${how} while indexing ${what}`);
