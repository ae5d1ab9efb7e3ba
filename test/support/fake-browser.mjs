#!/usr/bin/env node
// A stand-in for Chromium that runs the real one but fails on purpose, for the tests of browser faults.
// AGENDA_FAKE_FAULT: "exit" (dies at start, as Chromium does), "silent" (starts, never answers), "crash" / "hang"
// (the real browser is killed / frozen the moment it is asked to print), or "print-fails-once" /
// "print-fails" (the first print / every print is answered as Chromium answers one whose renderer
// or print compositor failed, and never reaches the real browser). It writes its pid, which is also
// its process group, to AGENDA_FAKE_PIDFILE, so a test can see that nothing is left behind.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';

const fault = process.env.AGENDA_FAKE_FAULT;
if (process.env.AGENDA_FAKE_PIDFILE) writeFileSync(process.env.AGENDA_FAKE_PIDFILE, String(process.pid));
if (fault === 'exit') {
  // As Chromium stops: its FATAL line, then what its crash handler says after it.
  const crashpad = '[1207/000000.000001:ERROR:third_party/crashpad/crashpad/util/file/file_io_posix.cc:145] open: No such file\n';
  process.stderr.write(`[1:1:1207/000000.000000:FATAL:fake_browser.cc:1] fake browser: exiting at start\n${crashpad.repeat(3)}`);
  process.exit(1);
}
if (fault === 'silent') setInterval(() => {}, 1 << 30);
else {
  const real = spawn(process.env.AGENDA_REAL_BROWSER ?? '/usr/bin/chromium', process.argv.slice(2), {
    stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'pipe'],
  });
  const fromPuppeteer = createReadStream('', { fd: 3 });
  const toPuppeteer = createWriteStream('', { fd: 4 });
  real.on('exit', () => process.exit(1));
  if (fault === 'print-fails-once' || fault === 'print-fails') failPrints(fault === 'print-fails-once' ? 1 : Infinity);
  else {
    // The end of what came before, so that a request split between two reads is still seen.
    let tail = '';
    fromPuppeteer.on('data', (chunk) => {
      const seen = tail + chunk.toString('latin1');
      tail = seen.slice(-32);
      if (seen.includes('Page.printToPDF')) {
        real.kill(fault === 'crash' ? 'SIGKILL' : 'SIGSTOP');
        // A crashed browser's pipes close at once: this stand-in is the browser agenda sees.
        if (fault === 'crash') process.exit(1);
      }
      real.stdio[3].write(chunk);
    });
    real.stdio[4].pipe(toPuppeteer);
  }

  /**
   * The protocol's messages (JSON, each ended by a NUL byte) passed on whole both ways, but for the first `count`
   * Page.printToPDF requests, which are answered here with Chromium's error: an answer written between two of the
   * browser's messages, never inside one.
   */
  function failPrints(count) {
    let failed = 0;
    messages(fromPuppeteer, (message) => {
      const request = JSON.parse(message);
      if (request.method !== 'Page.printToPDF' || failed >= count) return real.stdio[3].write(`${message}\0`);
      failed++;
      const { id, sessionId } = request;
      toPuppeteer.write(`${JSON.stringify({ id, sessionId, error: { code: -32000, message: 'Printing failed' } })}\0`);
    });
    messages(real.stdio[4], (message) => toPuppeteer.write(`${message}\0`));
  }
}

/** Each whole message of a NUL-separated stream, in order. */
function messages(stream, each) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const parts = (pending + chunk).split('\0');
    pending = parts.pop();
    for (const part of parts) each(part);
  });
}
