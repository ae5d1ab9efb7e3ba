// Ctrl-C, SIGTERM and SIGHUP end a command as the shell expects (exit 128 + the signal's number), after
// what is running undoes itself: one handler for all, so the browser's drop and the removal of publish's
// staging folder (on 'exit', which process.exit runs and node's own end at a signal does not) do not race.

const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Undo = () => unknown;

const undos = new Set<Undo>();
const installed: Array<() => void> = [];
let ending = false;

/**
 * While it is registered, a signal runs `undo` (awaited where it returns a promise; each bounds its own
 * time), then ends the process. Returns what unregisters it; a second signal meanwhile ends it at once.
 */
export function onEndingSignal(undo: Undo): () => void {
  undos.add(undo);
  if (installed.length === 0) install();
  return () => {
    undos.delete(undo);
    if (undos.size === 0) uninstall();
  };
}

/**
 * Runs `work` to its end even where a signal comes meanwhile: the signal's end waits for it (a second
 * signal still ends at once). For work that must not stop half-way, and is short: publish's renames
 * of its staged files into the site and its state file, which a signal between two renames left
 * part new until the next publication.
 */
export async function uninterrupted<T>(work: () => Promise<T>): Promise<T> {
  // A signal came already: its end waits for the undos it found, not for this, so this does not begin.
  if (ending) return new Promise<T>(() => undefined);
  let running: Promise<T> | undefined;
  const off = onEndingSignal(() => running);
  try {
    running = work();
    return await running;
  } finally {
    off();
  }
}

function install(): void {
  for (const [signal, code] of Object.entries(codes)) {
    const handler = () => {
      // A second signal while the first's undos run ends the process at once, by process.exit still (its
      // 'exit' listeners run: publish's staging folder and lock go), not by node's default end, which runs none.
      if (ending) process.exit(code);
      ending = true;
      void Promise.allSettled([...undos].map((undo) => Promise.resolve().then(undo))).then(() => process.exit(code));
    };
    process.on(signal, handler);
    installed.push(() => process.off(signal, handler));
  }
}

function uninstall(): void {
  for (const off of installed.splice(0)) off();
}
