import path from 'node:path';

// Publish writes no YAML, and the clerk's YAML holds what is closed: a meeting's file, the forward plan, a send log,
// a kept version of what was sent (arkiv/sendt/), the archive's copies. One copied into the site folder (a committee's
// folder dragged in whole, a meeting file saved there by mistake) is served with the site. It is told by its name, as
// agenda names these files, in any folder, hidden ones too; or, under any name, by what it holds: the schema line an
// editor reads (`# yaml-language-server: $schema=schema.json`, as `agenda new` and `agenda schema` write it), or a kept
// version's members' audience. Other YAML (a static host's _config.yml, a CI workflow) is not agenda's and is let be.

/**
 * The names agenda gives the clerk's YAML: a meeting's and its logs' (by date, also after a copy's prefix: "Kopi af
 * 2024-03-06.yaml"), a kept version's (by SHA-256), the shared files.
 */
const clerksName =
  /^(?:(?:.*\D)?\d{4}-\d{1,2}-\d{1,2}\b.*|[0-9a-f]{64}|udvalg|plan|faste-punkter|kalender|kommune|bilag|forseglet)\.ya?ml$/i;

/** What only the clerk's YAML holds near its start: a schema line naming one of agenda's schemas, or a kept version's audience. */
const clerksContent = /\$schema=(?:\S*\/)?(?:(?:udvalg|plan|faste-punkter|kalender|kommune)\.)?schema\.json\b|^\s*audience: medlemmer\s*$/m;

/** Whether `file` (its first bytes `head`) is the clerk's YAML of one of agenda's own kinds. */
export function isClerksYaml(file: string, head: Buffer): boolean {
  // An editor's or a copy's leftover keeps the clerk's text whole: 2024-03-06.yaml~, plan.yml.bak.1, .2024-03-06.yaml.swp,
  // Emacs's #2024-03-06.yaml#: judged as the YAML it was.
  const name = path
    .basename(file)
    .replace(/^[.#]/, '')
    .replace(/(\.ya?ml)(?:[~.#].*)?$/i, '$1');
  return /\.ya?ml$/i.test(name) && (clerksName.test(name) || clerksContent.test(head.toString('utf8')));
}
