// The three sections of an object, by index: the assembler always emits all three, in this
// order, so a section index in its relocations and symbols is one of these.
import type { SectionKind } from '../image/format.js';

export const TEXT = 0;
export const DATA = 1;
export const BSS = 2;
export const SECTION_KINDS: readonly SectionKind[] = ['text', 'data', 'bss'];
/** the names of the section symbols: relocations for `.` and section starts refer to them */
export const SECTION_SYMBOLS: readonly string[] = ['.text', '.data', '.bss'];
