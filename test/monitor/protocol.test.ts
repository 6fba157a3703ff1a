// The monitor protocol: every message survives encoding, and docs/monitors.md lists every one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAILED_REPLIES, type Kind, MESSAGES, decode, encode, failedReply } from '../../host/os/protocol.js';

describe('monitor protocol', () => {
  it.each(Object.keys(MESSAGES) as Kind[])('%s round-trips', (kind) => {
    const spec = MESSAGES[kind];
    const fields = Object.fromEntries(spec.fields.map((f, i) => [f, i * 1000 - 7]));
    const text = spec.text ? 'service·ü' : undefined;
    const { type, words } = encode({ kind, fields: fields as never, text, extra: [1, 2, 3] });
    const back = decode(type, words)!;
    expect(back.kind).toBe(kind);
    expect(back.fields).toEqual(fields);
    expect(back.text).toBe(text);
    expect(back.extra).toEqual([1, 2, 3]);
  });

  it('rejects unknown types and short bodies', () => {
    expect(decode(250, [])).toBeUndefined();
    expect(decode(MESSAGES.spawn.type, [1, 2])).toBeUndefined();
  });

  it('gives every request a failed reply, so a monitor that dies leaves no requester waiting', () => {
    const replies = new Set(Object.values(FAILED_REPLIES).map((f) => f!.kind));
    const requests = (Object.keys(MESSAGES) as Kind[]).filter((k) => MESSAGES[k].fields[0] === 'token' && !replies.has(k));
    for (const k of requests) {
      const r = failedReply(k, 42)!;
      expect(r, k).toBeDefined();
      // it decodes as a reply of its kind would
      const { type, words } = encode(r);
      expect(decode(type, words)!.fields, k).toEqual({ ...r.fields });
      expect(r.fields.token).toBe(42);
    }
  });

  it('docs/monitors.md describes every message', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'monitors.md'), 'utf8');
    for (const kind of Object.keys(MESSAGES)) expect(doc, kind).toContain(`\`${kind}\``);
  });
});
