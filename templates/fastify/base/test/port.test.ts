import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { parsePort } from '../src/port.ts';

describe('PORT', () => {
  it('defaults when unset or empty, and takes 1 to 65535', () => {
    assert.equal(parsePort(undefined, 3000), 3000);
    assert.equal(parsePort('', 3000), 3000);
    assert.equal(parsePort('1', 3000), 1);
    assert.equal(parsePort('65535', 3000), 65535);
  });

  for (const bad of ['abc', '0', '70000', '-1', '1.5', ' 80']) {
    it(`refuses ${JSON.stringify(bad)}: the server exits 1 with one line naming PORT`, () => {
      assert.throws(() => parsePort(bad, 3000), {
        message: `PORT must be a port number from 1 to 65535, got ${JSON.stringify(bad)}`,
      });
      const run = spawnSync(process.execPath, ['src/server.ts'], {
        env: { ...process.env, PORT: bad },
        encoding: 'utf8',
        timeout: 20_000,
      });
      assert.equal(run.status, 1);
      assert.equal(run.stderr, `PORT must be a port number from 1 to 65535, got ${JSON.stringify(bad)}\n`);
    });
  }
});
