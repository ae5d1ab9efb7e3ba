import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, cliEnv, cliPath, copyOfMeetings, tempDir } from '../support/cli.js';
import { exampleRoot } from '../support/examples.js';

/**
 * A build under strace: every socket the CLI and the browser open, every connect and send. Only its
 * own pipe and unix sockets may carry anything. Chromium's probe of whether IPv6 is reachable
 * connects a UDP socket, which sends no packet: a UDP connect is allowed, a send on it or any TCP
 * connect is not, and no DNS lookup (a send to port 53) happens.
 */
describe('a build makes no network connection and no DNS lookup', () => {
  it('under strace -f, nothing leaves the machine', () => {
    const dir = tempDir();
    const trace = path.join(dir, 'trace.txt');
    execFileSync(
      'strace',
      [
        '-f',
        '-qq',
        '-e',
        'trace=socket,close,connect,sendto,sendmsg,sendmmsg',
        '-o',
        trace,
        process.execPath,
        cliPath,
        'build',
        '2023-11-22',
        '--meetings',
        path.join(exampleRoot(), 'meetings'),
        '--out',
        path.join(dir, 'x.pdf'),
      ],
      { stdio: 'ignore', timeout: 120_000, env: cliEnv({ ownBrowser: true }) },
    );
    const lines = readFileSync(trace, 'utf8').split('\n');
    const datagram = new Set<string>();
    const sockets = new Map<string, string>();
    // strace -f splits a call another process interrupts: "socket(... <unfinished ...>", then "<... socket resumed>) = 18".
    const pending = new Map<string, string>();
    const outside: string[] = [];
    for (const line of lines) {
      const closed = /^(\d+)\s+close\((\d+)/.exec(line);
      if (closed) {
        sockets.delete(`${closed[1]}:${closed[2]}`);
        datagram.delete(`${closed[1]}:${closed[2]}`);
      }
      const call =
        /^(\d+)\s+(connect|sendto|sendmsg|sendmmsg)\((\d+), .*sa_family=AF_INET6?/.exec(line) ??
        /^(\d+)\s+(sendto|sendmsg|sendmmsg)\((\d+),/.exec(line);
      if (call && (call[2] === 'connect' ? !datagram.has(`${call[1]}:${call[3]}`) : sockets.has(`${call[1]}:${call[3]}`)))
        outside.push(line);
      const begun = /^(\d+)\s+socket\(AF_INET6?, (SOCK_\w+)/.exec(line);
      if (begun) pending.set(begun[1]!, begun[2]!);
      const fd = /^(\d+)\s+(?:socket\(AF_INET6?, |<\.\.\. socket resumed>).*= (\d+)$/.exec(line);
      const type = fd && pending.get(fd[1]!);
      if (!fd || !type) continue;
      pending.delete(fd[1]!);
      sockets.set(`${fd[1]}:${fd[2]}`, type);
      if (type === 'SOCK_DGRAM') datagram.add(`${fd[1]}:${fd[2]}`);
    }
    expect(outside).toEqual([]);
    expect(lines.filter((l) => /htons\(53\)/.test(l))).toEqual([]);
    // The trace did see the browser: its probe's UDP socket, or at least its unix sockets.
    expect(lines.some((l) => /socket\(AF_UNIX/.test(l))).toBe(true);
  });
});

/**
 * Puppeteer, on being imported, looks for a configuration in the working folder and above
 * (.puppeteerrc.cjs among others) and runs it: a file no committee named would run code in every
 * build. agenda uses puppeteer-core, which reads no configuration.
 */
describe('a build runs and reads nothing of the working folder but the committee', () => {
  it('leaves a .puppeteerrc.cjs beside the meetings unrun', () => {
    const { dir } = copyOfMeetings();
    const marker = path.join(dir, 'ran.txt');
    writeFileSync(
      path.join(dir, '.puppeteerrc.cjs'),
      `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = {};`,
    );
    const result = agenda(['build', '2023-11-22', '--out', path.join(dir, 'x.pdf')], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'x.pdf'))).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });
});
