// The ids monitors hand out, unique on the whole machine without asking one another: each
// monitor counts its own and adds its core. Dispatchers, services and agreement
// transactions carry the core in their low bits, so whoever holds one finds the monitor that
// owns it (join asks that core):
//
//    31                                 10 9            0
//   ┌─────────────────────────────────────┬──────────────┐
//   │ n: the making monitor's count       │ core         │
//   └─────────────────────────────────────┴──────────────┘
//
// Domains are numbered densely instead (n × ncores + core), so that consecutive domains get
// different address-space ids (asidOf).
import { MAX_ASID } from '../../kernel/shared/layout.js';
import { MAX_CORES } from '../hardware/topology.js';

const CORE_BITS = 10;
const CORE_MASK = (1 << CORE_BITS) - 1;
if (MAX_CORES > 1 << CORE_BITS) throw new Error(`machine-wide ids hold ${1 << CORE_BITS} cores, not ${MAX_CORES}`);

/** The `n`th id made by the monitor of `core` (a dispatcher, a service, a transaction). */
export const machineId = (n: number, core: number): number => (n << CORE_BITS) | core;

/** The core whose monitor made machine-wide id `id`. */
export const coreOfId = (id: number): number => id & CORE_MASK;

/** The `n`th domain homed on `core` of a machine of `ncores` cores. */
export const domainId = (n: number, core: number, ncores: number): number => n * ncores + core;

/** An address space id for a domain id (ids of live domains are far apart). */
export const asidOf = (domain: number): number => ((domain - 1) % MAX_ASID) + 1;
