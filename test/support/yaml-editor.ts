import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../src/shared/paths.js';

// An editor with the YAML extension, as VS Code runs it: yaml-language-server over stdio, spoken to in
// LSP's JSON-RPC, each message behind a Content-Length header. The server reads a file's schema from
// its modeline, fetches it from disk, and publishes its diagnostics.

const server = path.join(packageRoot, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const settings = { yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false } } };

export interface Diagnostic {
  range: { start: { line: number; character: number } };
  message: string;
}
interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}
type Position = { line: number; character: number };

export class YamlEditor {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private version = 0;
  private readonly waiting = new Map<number, (m: Message) => void>();
  private readonly diagnostics = new Map<string, { version: number; resolve: (d: Diagnostic[]) => void }>();

  constructor() {
    this.child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  async start(): Promise<void> {
    const completion = { completionItem: { snippetSupport: false } };
    const capabilities = { textDocument: { completion, hover: { contentFormat: ['markdown', 'plaintext'] } } };
    await this.request('initialize', { processId: process.pid, rootUri: pathToFileURL(packageRoot).href, capabilities });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings });
  }

  /** Opens `text` as the file `file` and waits for the diagnostics the server publishes for it. */
  open(file: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(file).href;
    const version = ++this.version;
    const published = new Promise<Diagnostic[]>((resolve) => this.diagnostics.set(uri, { version, resolve }));
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    return published;
  }

  close(file: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri: pathToFileURL(file).href } });
  }

  /** The labels the editor offers at `position`. */
  async completion(file: string, position: Position): Promise<string[]> {
    const asked = { textDocument: { uri: pathToFileURL(file).href }, position };
    const result = (await this.request('textDocument/completion', asked)) as { items: Array<{ label: string }> } | null;
    return (result?.items ?? []).map((i) => i.label);
  }

  /** The text the editor shows on hovering at `position`. */
  async hover(file: string, position: Position): Promise<string> {
    const asked = { textDocument: { uri: pathToFileURL(file).href }, position };
    const result = (await this.request('textDocument/hover', asked)) as { contents: { value: string } | string } | null;
    if (!result) return '';
    return typeof result.contents === 'string' ? result.contents : result.contents.value;
  }

  async stop(): Promise<void> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await new Promise((resolve) => this.child.once('exit', resolve));
  }

  private request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      this.send({ id, method, params });
    });
  }

  private notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (end < 0 || this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.handle(message);
    }
  }

  private handle(m: Message): void {
    if (m.method === undefined && m.id !== undefined) return this.waiting.get(m.id)?.(m);
    // The server asks for its settings (one per item asked) and registers capabilities: answer as VS Code would.
    if (m.id !== undefined) {
      const items = (m.params as { items?: unknown[] } | undefined)?.items ?? [];
      this.send({ id: m.id, result: m.method === 'workspace/configuration' ? items.map(() => settings.yaml) : null });
      return;
    }
    if (m.method !== 'textDocument/publishDiagnostics') return;
    const { uri, diagnostics, version } = m.params as { uri: string; diagnostics: Diagnostic[]; version?: number };
    const pending = this.diagnostics.get(uri);
    if (pending && (version === undefined || version === pending.version)) {
      this.diagnostics.delete(uri);
      pending.resolve(diagnostics);
    }
  }
}
