import { LineCounter, parseDocument } from 'yaml';
import { readInputFileSync } from '../input/read-file.js';
import { MissingFileError, UsageError } from '../shared/errors.js';

/** How to reach the mail server. Never from a meeting's YAML: from the environment or a file of the clerk's. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** `starttls`: plain, then upgraded (port 587); `tls`: encrypted from the start (465); `none`: never (a local relay). */
  tls: 'starttls' | 'tls' | 'none';
  user?: string;
  password?: string;
  from: string;
  /** A PEM file of the certificate authority to trust, for a server with a certificate of its own. */
  ca?: string;
}

const variables = {
  host: 'AGENDA_SMTP_HOST',
  port: 'AGENDA_SMTP_PORT',
  tls: 'AGENDA_SMTP_TLS',
  user: 'AGENDA_SMTP_USER',
  password: 'AGENDA_SMTP_PASSWORD',
  from: 'AGENDA_SMTP_FROM',
  ca: 'AGENDA_SMTP_CA',
} as const;

type Key = keyof typeof variables;

/** The largest message the mail server takes, in MB: AGENDA_SMTP_MAX_MB, default 20 (a common limit; Exchange Online's is 25). */
export function messageLimitMb(env: NodeJS.ProcessEnv): number {
  const value = env.AGENDA_SMTP_MAX_MB;
  const mb = value ? Number(value) : 20;
  if (!Number.isFinite(mb) || mb <= 0) throw new UsageError(`AGENDA_SMTP_MAX_MB must be a number of megabytes, not ${value}`);
  return mb;
}

/** The settings from `file` (YAML, same keys without the prefix), each overridden by its environment variable. */
export function smtpConfig(env: NodeJS.ProcessEnv, file?: string): SmtpConfig {
  const fromFile = file ? readConfigFile(file) : {};
  const get = (key: Key) => env[variables[key]] || fromFile[key];
  const tls = get('tls') ?? 'starttls';
  // The settings' values are never quoted in a message: a mistyped key may hold the password.
  if (tls !== 'starttls' && tls !== 'tls' && tls !== 'none')
    throw new UsageError(`${variables.tls} (tls in the settings file) must be starttls, tls or none`);
  const host = get('host');
  const from = get('from') ?? get('user');
  if (!host)
    throw new UsageError(
      `no mail server: set ${variables.host} (and ${variables.port}, ${variables.user}, ${variables.password}, ${variables.from}), or give --smtp FILE`,
    );
  if (!from) throw new UsageError(`no sender: set ${variables.from}, e.g. "Direktionens sekretariat <sekretariat@kommune.dk>"`);
  const port = Number(get('port') ?? (tls === 'tls' ? 465 : 587));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`${variables.port} must be a port number`);
  return { host, port, tls, user: get('user'), password: get('password'), from, ca: get('ca') };
}

/** Far more than host, port, user, password, sender and a CA file's path take. */
const maxSettingsBytes = 64 * 1024;

function readConfigFile(file: string): Partial<Record<Key, string>> {
  let text: string;
  try {
    // Only a regular file, and no more than a settings file can hold: /dev/zero or a FIFO named by --smtp would never end.
    const bytes = readInputFileSync(file, maxSettingsBytes);
    if (bytes.length > maxSettingsBytes)
      throw new UsageError(`${file}: the mail settings file is larger than ${maxSettingsBytes} bytes, the most that is read`);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const why = err instanceof MissingFileError ? err.message.slice(file.length + 2) : 'not UTF-8 text; save it as UTF-8';
    throw new UsageError(`cannot read the mail settings in ${file}: ${why}`);
  }
  // yaml's own messages quote the text around a fault, which may be the password: only where it is said.
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, prettyErrors: false });
  const fault = doc.errors[0];
  if (fault) {
    const { line, col } = lines.linePos(fault.pos[0]);
    throw new UsageError(
      `${file}:${line}:${col}: the mail settings are not valid YAML there (a value starting with * & ! % @ or \` must be quoted: password: "...")`,
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 0 });
  } catch {
    throw new UsageError(`${file}: the mail settings use a YAML alias (*name): write the value out, quoted`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(`${file}: expected the mail settings as keys (host, port, tls, user, password, from, ca)`);
  const unknown = Object.keys(data).filter((k) => !(k in variables));
  if (unknown.length > 0) throw new UsageError(`${file}: unknown key ${unknown.join(', ')} (known: ${Object.keys(variables).join(', ')})`);
  const entries = Object.entries(data);
  const unfit = entries.filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
  if (unfit.length > 0)
    throw new UsageError(`${file}: ${unfit.join(', ')}: expected a value on the key's line (leave out a key that has none)`);
  return Object.fromEntries(entries);
}
