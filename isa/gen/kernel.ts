// Generates kernel/generated/<isa>.ts. (To be filled in.)
export function generateKernel(): Map<string, string> {
  return new Map();
}
