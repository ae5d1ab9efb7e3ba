import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertOffice, findOfficeConverter, type OfficeConverter } from '../../src/pdf/office/convert.js';
import { registryModifications } from '../../src/pdf/office/profile.js';
import { InputError } from '../../src/shared/errors.js';
import { scanPng } from '../support/attachments.js';
import {
  conversionsLeft,
  encryptedDocx,
  externalTemplateDocx,
  externalTemplateOdt,
  flatDocument,
  linkedImage,
  macroOdt,
  noSoffice,
  paragraph,
  saveAllAs,
  sofficeIn,
  zipBombXlsx,
} from '../support/office-files.js';
import { pdfPages } from '../support/pdf.js';

/**
 * Office files made to harm: each is refused with one located error, or converted with nothing run,
 * nothing fetched, nothing written outside the cache and the conversion's own folder, and no process
 * of LibreOffice left. Where a file's harm depends on LibreOffice (a macro, a link), the same file is
 * first shown to do it under LibreOffice's ordinary settings, so the test can fail.
 */
describe.skipIf(noSoffice)('hostile office files', () => {
  let converter: OfficeConverter;
  let work: string;
  let cacheDir: string;
  let server: Server;
  let base: string;
  const requests: string[] = [];
  const saved = { TMPDIR: process.env.TMPDIR, HOME: process.env.HOME };
  /** The files the tests convert but for the linked images of the test of saving them, saved by LibreOffice in one run an extension. */
  let made: Record<'afskaaret' | 'langsom' | 'makro' | 'skabelonDocx' | 'skabelonOdt' | 'aleneDocx' | 'aleneOdt' | 'bombe', Buffer>;

  beforeAll(async () => {
    converter = (await findOfficeConverter())!;
    work = mkdtempSync(path.join(tmpdir(), 'agenda-office-hostile-'));
    cacheDir = path.join(work, 'cache');
    // This process's temporary folder and home, watched: a conversion leaves nothing in either.
    for (const dir of ['tmp', 'home']) mkdirSync(path.join(work, dir));
    process.env.TMPDIR = path.join(work, 'tmp');
    process.env.HOME = path.join(work, 'home');
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end(scanPng(40, 30));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const plain = (text: string) => ({ kind: 'text' as const, xml: flatDocument('text', paragraph(text)), extension: '.docx' });
    const fixtures = {
      // Two plain .docx files the last tests damage or time out.
      afskaaret: plain('Afskåret'),
      langsom: plain('Langsom'),
      makro: macroOdt(path.join(work, 'macro-ran.txt')),
      skabelonDocx: externalTemplateDocx(`${base}/skabelon.dotx`),
      skabelonOdt: externalTemplateOdt(`${base}/skabelon.ott`),
      aleneDocx: linkedImage(`${base}/alene.png`, '.docx'),
      aleneOdt: externalTemplateOdt(`${base}/alene.ott`),
      bombe: zipBombXlsx(120),
    };
    const names = Object.keys(fixtures) as Array<keyof typeof fixtures>;
    const bytes = await saveAllAs(names.map((name) => fixtures[name]));
    made = Object.fromEntries(names.map((name, i) => [name, bytes[i]!])) as typeof made;
  });

  afterAll(async () => {
    // Each as it was, unset if it was: the next file of this worker reads them (isolate: false).
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await new Promise((resolve) => server.close(resolve));
  });

  const ref = (name: string) => ({
    path: `bilag/${name}`,
    at: { file: 'møder/2026-01-07.yaml', line: 12, col: 11, path: 'punkter[0].bilag[0].fil' },
  });

  function convert(name: string, bytes: Uint8Array, timeoutMs?: number) {
    const file = { ref: ref(name), bytes, sha256: createHash('sha256').update(bytes).digest('hex'), extension: path.extname(name) };
    return convertOffice(file, { converter, cacheDir, timeoutMs });
  }

  async function refused(name: string, bytes: Uint8Array, timeoutMs?: number): Promise<string> {
    const err = await convert(name, bytes, timeoutMs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    const message = (err as InputError).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(
      new RegExp(`^møder/2026-01-07\\.yaml:12:11: punkter\\[0\\]\\.bilag\\[0\\]\\.fil: bilag/${name.replace('.', '\\.')}: `),
    );
    return message;
  }

  /** No process of this test's conversions is left, and their folders are gone; the home is untouched. */
  function nothingLeft(): void {
    expect(conversionsLeft()).toEqual({ processes: [], folders: [] });
    expect(readdirSync(process.env.HOME!)).toEqual([]);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir).filter((n) => !/^[0-9a-f]{64}\.pdf$/.test(n)) : []).toEqual([]);
  }

  it('runs no macro: an .odt whose macro writes a file when opened (it does, under LibreOffice with macros allowed)', async () => {
    const marker = path.join(work, 'macro-ran.txt');
    const odt = made.makro;
    await openWithMacrosAllowed(odt, marker);
    expect(existsSync(marker), 'the macro runs where macros are allowed').toBe(true);
    rmSync(marker);
    const { pdf } = await convert('makro.odt', odt);
    expect(pdfText(pdf)).toContain('Et dokument med en makro');
    expect(existsSync(marker)).toBe(false);
    nothingLeft();
  });

  /** Each file names its url (kept in it), and converts with no request to the server. */
  async function convertedOffline(files: Array<{ name: string; bytes: Uint8Array; url: string }>): Promise<void> {
    for (const { bytes, url } of files) expect(partsText(bytes)).toContain(url);
    requests.length = 0;
    for (const { name, bytes } of files) await convert(name, bytes);
    expect(requests).toEqual([]);
    nothingLeft();
  }

  it('fetches no linked image (the loopback server sees no request)', async () => {
    requests.length = 0;
    const [docx, odt] = await saveAllAs([linkedImage(`${base}/billede-docx.png`, '.docx'), linkedImage(`${base}/billede-odt.png`, '.odt')]);
    // LibreOffice, as it is usually set, fetched the image while it saved each file, and kept the link.
    expect([...new Set(requests)]).toEqual(['/billede-docx.png', '/billede-odt.png']);
    await convertedOffline([
      { name: 'billede.docx', bytes: docx!, url: `${base}/billede-docx.png` },
      { name: 'billede.odt', bytes: odt!, url: `${base}/billede-odt.png` },
    ]);
  });

  it('fetches no external template', async () => {
    await convertedOffline([
      { name: 'skabelon.docx', bytes: made.skabelonDocx, url: `${base}/skabelon.dotx` },
      { name: 'skabelon.odt', bytes: made.skabelonOdt, url: `${base}/skabelon.ott` },
    ]);
  });

  it('fetches nothing by the profile settings alone, where the network cannot be closed (the same files under the usual settings do fetch)', async () => {
    requests.length = 0;
    const files = [made.aleneDocx, made.aleneOdt];
    await soffice2pdf(files[0]!, '.docx', undefined);
    expect(requests.length, 'LibreOffice as usually set fetches the linked image').toBeGreaterThan(0);
    requests.length = 0;
    for (const [i, bytes] of files.entries()) await soffice2pdf(bytes, i === 0 ? '.docx' : '.odt', registryModifications());
    expect(requests).toEqual([]);
  });

  it('refuses an encrypted .docx: protected by a password', async () => {
    expect(await refused('hemmelig.docx', encryptedDocx())).toMatch(/protected by a password: save a copy without one/);
    nothingLeft();
  });

  it('refuses a zip bomb before LibreOffice sees it', async () => {
    expect(await refused('bombe.xlsx', made.bombe)).toMatch(/refused: it would unpack to 120 MB from 1 MB, as a zip bomb does/);
    nothingLeft();
  });

  it('refuses a 0-byte .xlsx', async () => {
    expect(await refused('tom.xlsx', new Uint8Array(0))).toMatch(/empty \(0 bytes\)$/);
  });

  it('refuses a .docx that is really a PNG, without opening it as an image', async () => {
    expect(await refused('billede.docx', scanPng(60, 40))).toMatch(/not a Word document: its content is a PNG image \(name it \.png\)/);
  });

  it('refuses a .docx cut short as damaged', async () => {
    expect(await refused('afskaaret.docx', made.afskaaret.subarray(0, Math.floor(made.afskaaret.length / 2)))).toMatch(/damaged/);
    nothingLeft();
  });

  it('ends a conversion that takes too long, with every process of it', async () => {
    expect(await refused('langsom.docx', made.langsom, 50)).toMatch(/did not finish converting it within 0.05 s/);
    nothingLeft();
  });
});

/** Opens the file in LibreOffice as a user would with macro security at its lowest; waits for the marker (or 2 minutes), then ends it. */
async function openWithMacrosAllowed(bytes: Uint8Array, marker: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'agenda-office-fixture-'));
  mkdirSync(path.join(dir, 'profile', 'user'), { recursive: true });
  writeFileSync(
    path.join(dir, 'profile', 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"><item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>0</value></prop></item></oor:items>',
  );
  writeFileSync(path.join(dir, 'makro.odt'), bytes);
  await sofficeIn(dir, [path.join(dir, 'makro.odt')], () => existsSync(marker));
}

function pdfText(pdf: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'agenda-office-text-')), 'x.pdf');
  writeFileSync(file, pdf);
  return pdfPages(file).join('\n');
}

/** Every part of an office file (a zip) as text, one after another. */
function partsText(bytes: Uint8Array): string {
  return Object.values(unzipSync(bytes))
    .map((part) => strFromU8(part))
    .join('\n');
}

/** A plain `soffice --convert-to pdf` of the file, beside this process (so the test's server can answer), with a fresh profile of the given settings. */
async function soffice2pdf(bytes: Uint8Array, extension: string, settings: string | undefined): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'agenda-office-fixture-'));
  mkdirSync(path.join(dir, 'profile', 'user'), { recursive: true });
  if (settings) writeFileSync(path.join(dir, 'profile', 'user', 'registrymodifications.xcu'), settings);
  writeFileSync(path.join(dir, `document${extension}`), bytes);
  await sofficeIn(dir, ['--convert-to', 'pdf', '--outdir', path.join(dir, 'out'), path.join(dir, `document${extension}`)]);
  expect(existsSync(path.join(dir, 'out', 'document.pdf'))).toBe(true);
  rmSync(dir, { recursive: true, force: true });
}
