import { readFileSync } from 'node:fs';
import { projectRoot } from '../../hardware/paths.js';

export function version(): string {
  return JSON.parse(readFileSync(`${projectRoot()}/package.json`, 'utf8')).version;
}
