// Pagefind's program stood in for (publish runs it through PAGEFIND_EXTENDED_BINARY_PATH, which Pagefind's
// resolveBinary honours): the real one runs behind, each request and answer passed on whole, and at the moment
// PAGEFIND_FAULT names both are killed (SIGKILL), so publish sees its Pagefind killed there:
//   start                  before reading a request;
//   asked:TYPE:N           on reading the Nth request of TYPE (NewIndex, AddFile, GetFiles, DeleteIndex), unanswered;
//   answered:TYPE:N        once the answer to the Nth request of TYPE is written, nothing else asked;
//   answering:TYPE:N       halfway through writing that answer.
// Requests and answers are Pagefind's service messages: base64 JSON, each ended by a comma.
import { spawn } from 'node:child_process';

const [moment, type, nth] = (process.env.PAGEFIND_FAULT ?? '').split(':');
const real = spawn(process.env.PAGEFIND_REAL ?? '', process.argv.slice(2), { stdio: ['pipe', 'pipe', 'inherit'] });
const die = () => {
  real.kill('SIGKILL');
  process.kill(process.pid, 'SIGKILL');
};
if (moment === 'start') die();

const decode = (message) => JSON.parse(Buffer.from(message, 'base64').toString());
/** Each request's type by its id, and how many of each type were asked. */
const asked = new Map();
const counts = new Map();
const isFault = (id) => asked.get(id) === `${type}:${nth}`;

/** Calls `each` with every whole message of `stream` as it comes. */
function messages(stream, each) {
  let rest = '';
  stream.on('data', (chunk) => {
    const parts = (rest + chunk.toString()).split(',');
    rest = parts.pop();
    for (const part of parts) each(part);
  });
}

messages(process.stdin, (message) => {
  const { message_id: id, payload } = decode(message);
  const n = (counts.get(payload.type) ?? 0) + 1;
  counts.set(payload.type, n);
  asked.set(id, `${payload.type}:${n}`);
  if (moment === 'asked' && isFault(id)) die();
  real.stdin.write(`${message},`);
});
messages(real.stdout, (message) => {
  const { message_id: id } = decode(message);
  if (moment === 'answering' && isFault(id)) process.stdout.write(message.slice(0, message.length / 2), die);
  else process.stdout.write(`${message},`, () => (moment === 'answered' && isFault(id) ? die() : undefined));
});
process.stdin.on('end', () => real.stdin.end());
real.on('exit', (code) => process.exit(code ?? 1));
