// The import rules of the code base (README "Project layout"), checked by test/house/imports.test.ts:
// no circles, and every layer imports only the layers below it.
//   host/tools → host/machine → host/os → host/hardware → toolchain → isa, kernel/shared
const layer = (name, below) => ({
  name: `${name.replace(/\//g, '-')}-imports-down`,
  comment: `${name} may import only from layers below it`,
  severity: 'error',
  from: { path: `^${name}/` },
  to: { path: `^(${below.join('|')})/` },
});
module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'an import circle', severity: 'error', from: {}, to: { circular: true } },
    layer('host/hardware', ['host/os', 'host/machine', 'host/tools']),
    layer('host/os', ['host/machine', 'host/tools']),
    layer('host/machine', ['host/tools']),
    layer('toolchain', ['host', 'bench']),
    layer('isa', ['host', 'toolchain', 'bench']),
    layer('kernel', ['host', 'toolchain', 'bench']),
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
  },
};
