// Generates docs/isa/<name>.md from the ISA tables. (To be filled in.)
export function generateDocs(): Map<string, string> {
  return new Map();
}
