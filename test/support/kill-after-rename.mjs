// Loaded into agenda's process (node --import): once a rename has put a file whose path ends with
// $AGENDA_TEST_KILL_AFTER_RENAME in place, the process is killed (SIGKILL), as the OOM killer or a
// power cut would end it, between that rename and the next step.
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const suffix = process.env.AGENDA_TEST_KILL_AFTER_RENAME;
const rename = fsp.rename;
fsp.rename = async (from, to) => {
  await rename(from, to);
  if (suffix && String(to).endsWith(suffix)) process.kill(process.pid, 'SIGKILL');
};
// The bindings of `import { rename } from 'node:fs/promises'` follow the module's object.
syncBuiltinESMExports();
