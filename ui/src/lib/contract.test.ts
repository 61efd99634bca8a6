/// <reference types="node" />
// Guards against drift between docs/ipc.md and api.ts: every documented command and event has a
// wrapper, and the wrapper calls nothing the contract does not name.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
const ipc = read('../../../docs/ipc.md');
const api = read('./api.ts');

function documentedCommands(): Set<string> {
  const names = new Set<string>();
  for (const line of ipc.split('\n')) {
    const cell = /^\| (`[a-z_]+`(?: \/ `[a-z_]+`)*) \|/.exec(line);
    if (cell) for (const m of cell[1].matchAll(/`([a-z_]+)`/g)) names.add(m[1]);
  }
  names.delete('command');
  return names;
}

const invoked = new Set([...api.matchAll(/invoke<[^>]*>\(\s*'([a-z_]+)'/g)].map((m) => m[1]));
const listened = new Set([...api.matchAll(/listen<[^>]*>\(\s*'([a-z_]+)'/g)].map((m) => m[1]));

describe('IPC contract', () => {
  it('wraps every command of docs/ipc.md and no other', () => {
    const documented = documentedCommands();
    expect(documented.size).toBeGreaterThan(20);
    expect([...documented].filter((c) => !invoked.has(c))).toEqual([]);
    expect([...invoked].filter((c) => !documented.has(c))).toEqual([]);
  });

  it('listens to every event docs/ipc.md names', () => {
    for (const event of ['locked', 'kdf_progress', 'clipboard', 'check_progress', 'check_all_done', 'paste_sequence']) {
      expect(ipc).toContain(`\`${event}`);
      expect(listened.has(event), event).toBe(true);
    }
  });
});
