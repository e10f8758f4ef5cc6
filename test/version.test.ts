import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { VERSION } from '../src/version.js';
import { repoPath } from './support/build.js';

describe('version', () => {
  it('equals package.json', () => {
    assert.equal(VERSION, JSON.parse(readFileSync(repoPath('package.json'), 'utf8')).version);
  });
});
