// The linker: objects in, a loadable image out. Objects are grouped by ISA and each group is
// linked into a slice (slice.ts). With several ISAs the image is *fat*: one text section per
// ISA over one data and bss, which is only possible when every slice laid data and bss out
// identically — dispatchers of one program on cores of different ISAs share them.
import { ISAS } from '../../isa/index.js';
import { UserError } from '../errors.js';
import { hex } from '../hex.js';
import type { Section, WfxFile, WfxSymbol } from '../image/format.js';
import { checkWfx } from '../image/validate.js';
import { findEntry, linkSlice, type LinkInput, type Slice } from './slice.js';

export type { LinkInput } from './slice.js';

export interface LinkOptions {
  /** entry symbol of every slice; default `_start`, else `main` */
  readonly entry?: string;
}

export function link(objects: readonly LinkInput[], opts: LinkOptions = {}): WfxFile {
  if (objects.length === 0) throw new UserError('nothing to link: give at least one object file');
  for (const { file, obj } of objects) {
    if (obj.kind !== 'object') throw new UserError(`${file}: is a linked image, not an object (link takes files made by 'wasmfish as')`);
    checkWfx(obj, file);
  }
  const errors: string[] = [];
  const slices = ISAS
    .map((isa) => ({ isa, group: objects.filter((o) => o.obj.sections.find((s) => s.kind === 'text')!.isa === isa.name) }))
    .filter(({ group }) => group.length > 0)
    .map(({ isa, group }) => linkSlice(isa, group, errors));
  const fat = slices.length > 1;
  const entries = slices.map((slice) => {
    const found = findEntry(slice, opts.entry, fat ? ` in the ${slice.isa.name} objects` : '');
    if ('error' in found) errors.push(found.error);
    return 'addr' in found ? found.addr : 0;
  });
  if (errors.length) throw new UserError(errors.join('\n'));
  for (const other of slices.slice(1)) {
    const difference = firstDifference(slices[0], other);
    if (difference) {
      throw new UserError(`cannot make a fat image: ${describe(slices[0])} and ${describe(other)} differ: ${difference}`);
    }
  }
  return imageOf(slices, entries);
}

const describe = (s: Slice) => `the ${s.isa.name} objects (${s.files.join(', ')})`;

/** The first way two slices disagree on data and bss, or undefined. */
function firstDifference(a: Slice, b: Slice): string | undefined {
  const [x, y] = [a.isa.name, b.isa.name];
  if (a.data.length !== b.data.length) return `data is ${a.data.length} bytes in ${x} but ${b.data.length} in ${y}`;
  const at = a.data.findIndex((byte, i) => byte !== b.data[i]);
  if (at >= 0) {
    return `data at ${hex(a.dataAddr + at)} is 0x${a.data[at].toString(16)} in ${x} but 0x${b.data[at].toString(16)} in ${y}`;
  }
  if (a.bssSize !== b.bssSize) return `bss is ${a.bssSize} bytes in ${x} but ${b.bssSize} in ${y}`;
  const dataSymbols = (s: Slice) => new Map(s.symbols.filter((v) => v.in === 'data' || v.in === 'bss').map((v) => [v.name, v.addr]));
  const [sa, sb] = [dataSymbols(a), dataSymbols(b)];
  for (const [name, addr] of sa) {
    if (!sb.has(name)) return `data symbol ${name} exists in ${x} but not in ${y}`;
    if (sb.get(name) !== addr) return `data symbol ${name} is at ${hex(addr)} in ${x} but at ${hex(sb.get(name)!)} in ${y}`;
  }
  for (const name of sb.keys()) if (!sa.has(name)) return `data symbol ${name} exists in ${y} but not in ${x}`;
  return undefined;
}

/** Text sections (one per slice), then data and bss, then the symbols. */
function imageOf(slices: readonly Slice[], entries: readonly number[]): WfxFile {
  const first = slices[0];
  const sections: Section[] = slices.map((s, i) => ({
    kind: 'text', isa: s.isa.name, addr: s.textAddr, size: s.text.length, bytes: s.text, entry: entries[i], align: s.textAlign,
  }));
  const dataIndex = sections.length;
  sections.push({ kind: 'data', addr: first.dataAddr, size: first.data.length, bytes: first.data, align: first.dataAlign });
  sections.push({ kind: 'bss', addr: first.bssAddr, size: first.bssSize, bytes: new Uint8Array(0), align: first.bssAlign });
  const symbols: WfxSymbol[] = [];
  const absolute = new Set<string>();
  slices.forEach((slice, i) => {
    for (const s of slice.symbols) {
      const section = s.in === 'text' ? i : s.in === 'data' ? dataIndex : s.in === 'bss' ? dataIndex + 1 : -1;
      if (i > 0 && section >= dataIndex) continue; // data and bss are shared: their symbols come from the first slice
      if (section === -1) {
        const key = `${s.name}=${s.addr}`;
        if (absolute.has(key)) continue;
        absolute.add(key);
      }
      symbols.push({ name: s.name, section, value: s.addr, global: s.global, kind: s.kind });
    }
  });
  const lines = slices.flatMap((s, i) => s.lines.map((l) => ({ ...l, section: i })));
  return { kind: 'image', sections, symbols, relocs: [], lines };
}
