#!/usr/bin/env node
// A stand-in for Chromium that runs the real one but fails on purpose, for the tests of browser faults.
// AGENDA_FAKE_FAULT: "exit" (dies at start), "silent" (starts, never answers), or "crash" / "hang"
// (the real browser is killed / frozen the moment it is asked to print). It writes its pid, which is
// also its process group, to AGENDA_FAKE_PIDFILE, so a test can see that nothing is left behind.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';

const fault = process.env.AGENDA_FAKE_FAULT;
if (process.env.AGENDA_FAKE_PIDFILE) writeFileSync(process.env.AGENDA_FAKE_PIDFILE, String(process.pid));
if (fault === 'exit') {
  process.stderr.write('fake browser: exiting at start\n');
  process.exit(1);
}
if (fault === 'silent') setInterval(() => {}, 1 << 30);
else {
  const real = spawn(process.env.AGENDA_REAL_BROWSER ?? '/usr/bin/chromium', process.argv.slice(2), {
    stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'pipe'],
  });
  const fromPuppeteer = createReadStream('', { fd: 3 });
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
  real.stdio[4].pipe(createWriteStream('', { fd: 4 }));
  real.on('exit', () => process.exit(1));
}
