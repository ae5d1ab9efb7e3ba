#!/usr/bin/env node
// A stand-in for Chromium that runs the real one but fails on purpose, for the tests of browser faults.
// AGENDA_FAKE_FAULT: "exit" (dies at start, as Chromium does), "silent" (starts, never answers), "crash" / "hang"
// (the real browser is killed / frozen the moment it is asked to print), "print-fails-once" /
// "print-fails" (the first print / every print is answered as Chromium answers one whose renderer
// or print compositor failed, and never reaches the real browser), or "hold-prints" (prints wait while
// a test holds them: see holdPrints). It writes its pid, which is also its process group, to
// AGENDA_FAKE_PIDFILE, so a test can see that nothing is left behind, and signal it.
import { spawn } from 'node:child_process';
import { appendFileSync, createReadStream, createWriteStream, writeFileSync } from 'node:fs';

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
  else if (fault === 'hold-prints') holdPrints();
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
   * Every Page.printToPDF request held while the test holds them: from the start, and after each SIGUSR1;
   * SIGUSR2 lets the held ones go and the next pass. Each request is noted in AGENDA_FAKE_NOTES as a line
   * "asked", each hold as "holding": a test sees a print under way, and can save while it is.
   */
  function holdPrints() {
    let holding = true;
    const held = [];
    const note = (line) => appendFileSync(process.env.AGENDA_FAKE_NOTES, `${line}\n`);
    const pass = (message) => real.stdio[3].write(`${message}\0`);
    note('holding');
    process.on('SIGUSR1', () => ((holding = true), note('holding')));
    process.on('SIGUSR2', () => ((holding = false), held.splice(0).forEach(pass)));
    messages(fromPuppeteer, (message) => {
      if (JSON.parse(message).method !== 'Page.printToPDF') return pass(message);
      note('asked');
      if (holding) held.push(message);
      else pass(message);
    });
    messages(real.stdio[4], (message) => toPuppeteer.write(`${message}\0`));
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
