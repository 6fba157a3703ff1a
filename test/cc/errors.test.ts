// One test per kind of error the Minnow compiler reports, with its exact text: position,
// message, the source line and the caret. A program's errors are all reported at once.
import { describe, expect, it } from 'vitest';
import { compile, compileForRun } from '../../toolchain/cc/index.js';
import { DiagnosticError } from '../../toolchain/diagnostics.js';

/** Everything the compiler says about `source` (or 'no error'). */
function errors(source: string, isas?: readonly ('r32' | 's32' | 'a32')[]): string {
  try {
    compile(source, { file: 'p.mn', isas });
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    return e.message;
  }
  return 'no error';
}

interface Case {
  readonly kind: string;
  readonly source: string;
  /** after a leading newline, so the block reads as the user sees it */
  readonly message: string;
}

const CASES: readonly Case[] = [
  {
    kind: 'a missing semicolon (shown at the end of its line; the next line still parses)',
    source: 'fn main() {\n  var x = 1\n  return x;\n}\n',
    message: `
p.mn:2:12: error: expected ';' after the variable, found 'return'
  var x = 1
           ^`,
  },
  {
    kind: 'a missing expression',
    source: 'fn main() {\n  return 1 + ;\n}\n',
    message: `
p.mn:2:14: error: expected an expression, found ';'
  return 1 + ;
             ^`,
  },
  {
    kind: 'a missing parenthesis',
    source: 'fn main() {\n  if (1 { return 2; }\n  return 0;\n}\n',
    message: `
p.mn:2:9: error: expected ')' after the condition, found '{'
  if (1 { return 2; }
        ^`,
  },
  {
    kind: 'a keyword as a name',
    source: 'fn main() {\n  var while = 3;\n  return 0;\n}\n',
    message: `
p.mn:2:7: error: expected a variable name, found 'while' ('while' is a keyword)
  var while = 3;
      ^~~~~`,
  },
  {
    kind: '= where == was meant',
    source: 'fn main() {\n  var x;\n  if (x = 1) x = 2;\n  return 0;\n}\n',
    message: `
p.mn:3:9: error: '=' assigns a value (a statement of its own); to compare, write '=='
  if (x = 1) x = 2;
        ^`,
  },
  {
    kind: 'a statement at the top level',
    source: 'x = 5;\nfn main() {\n  return 0;\n}\n',
    message: `
p.mn:1:1: error: expected 'fn', 'var' or 'const' at the top level, found 'x'
x = 5;
^`,
  },
  {
    kind: 'assigning to an expression',
    source: 'fn main() {\n  1 + 2 = 3;\n  return 0;\n}\n',
    message: `
p.mn:2:5: error: only a variable or an array element can be assigned to (the left of '=')
  1 + 2 = 3;
    ^`,
  },
  {
    kind: '& of an expression',
    source: 'fn main() {\n  return &(1 + 2);\n}\n',
    message: `
p.mn:2:14: error: '&' takes a variable or an array element, like &x or &a[i]
  return &(1 + 2);
             ^`,
  },
  {
    kind: 'a declaration in a for loop\'s last part',
    source: 'fn main() {\n  for (;; var i = 0) break;\n  return 0;\n}\n',
    message: `
p.mn:2:11: error: a variable cannot be declared in the for loop's last part
  for (;; var i = 0) break;
          ^~~`,
  },
  {
    kind: 'the end of the file inside a block',
    source: 'fn main() {\n  return 0;\n',
    message: `
p.mn:2:12: error: expected '}' to close the block, found the end of the file
  return 0;
           ^`,
  },
  {
    kind: 'a stray character',
    source: 'fn main() {\n  return 3 @ 4;\n}\n',
    message: `
p.mn:2:12: error: unexpected character '@'
  return 3 @ 4;
           ^`,
  },
  {
    kind: 'an unterminated string',
    source: 'fn main() {\n  puts("abc);\n  return 0;\n}\n',
    message: `
p.mn:2:8: error: unterminated string: missing closing "
  puts("abc);
       ^~~~~~`,
  },
  {
    kind: 'an unterminated comment',
    source: 'fn main() {\n  return 0;\n}\n/* unfinished\n',
    message: `
p.mn:4:1: error: unterminated comment: missing */
/* unfinished
^~`,
  },
  {
    kind: 'an unknown escape',
    source: 'fn main() {\n  puts("a\\qb");\n  return 0;\n}\n',
    message: `
p.mn:2:10: error: unknown escape '\\q' (known: \\n \\t \\r \\0 \\\\ \\' \\" \\xHH)
  puts("a\\qb");
         ^~`,
  },
  {
    kind: 'a number too big for 32 bits',
    source: 'fn main() {\n  return 4294967296;\n}\n',
    message: `
p.mn:2:10: error: the number 4294967296 does not fit in 32 bits
  return 4294967296;
         ^~~~~~~~~~`,
  },
  {
    kind: 'a malformed number',
    source: 'fn main() {\n  return 12ab;\n}\n',
    message: `
p.mn:2:10: error: '12ab' is not a number (write decimal like 42 or hexadecimal like 0x2a)
  return 12ab;
         ^~~~`,
  },
  {
    kind: 'a character literal of two characters',
    source: 'fn main() {\n  return \'ab\';\n}\n',
    message: `
p.mn:2:10: error: a character literal holds exactly one character, like 'a' or '\\n'
  return 'ab';
         ^~~~`,
  },
  {
    kind: 'an undefined variable',
    source: 'fn main() {\n  return y + 1;\n}\n',
    message: `
p.mn:2:10: error: 'y' is not defined
  return y + 1;
         ^`,
  },
  {
    kind: 'an undefined function',
    source: 'fn main() {\n  return foo(1);\n}\n',
    message: `
p.mn:2:10: error: 'foo' is not defined
  return foo(1);
         ^~~`,
  },
  {
    kind: 'a duplicate global',
    source: 'var x;\nconst x = 1;\nfn main() {\n  return 0;\n}\n',
    message: `
p.mn:2:7: error: 'x' is already defined on line 1
const x = 1;
      ^`,
  },
  {
    kind: 'a duplicate function',
    source: 'fn main() {\n  return 0;\n}\n\nfn main() {\n  return 1;\n}\n',
    message: `
p.mn:5:4: error: 'main' is already defined on line 1
fn main() {
   ^~~~`,
  },
  {
    kind: 'a duplicate local in one block',
    source: 'fn main() {\n  var a = 1;\n  var a = 2;\n  return a;\n}\n',
    message: `
p.mn:3:7: error: 'a' is already defined on line 2
  var a = 2;
      ^`,
  },
  {
    kind: 'a duplicate parameter',
    source: 'fn f(a, a) {\n  return a;\n}\n\nfn main() {\n  return f(1, 2);\n}\n',
    message: `
p.mn:1:9: error: 'a' is already defined on line 1
fn f(a, a) {
        ^`,
  },
  {
    kind: 'a builtin\'s name taken',
    source: 'fn print(x) {\n  return x;\n}\n\nfn main() {\n  return 0;\n}\n',
    message: `
p.mn:1:4: error: 'print' is the name of a builtin function; choose another name
fn print(x) {
   ^~~~~`,
  },
  {
    kind: 'too many arguments',
    source: 'fn add(a, b) {\n  return a + b;\n}\n\nfn main() {\n  return add(1, 2, 3);\n}\n',
    message: `
p.mn:6:10: error: 'add' takes 2 arguments, but 3 were given
  return add(1, 2, 3);
         ^~~`,
  },
  {
    kind: 'too few arguments',
    source: 'fn one(a) {\n  return a;\n}\n\nfn main() {\n  return one();\n}\n',
    message: `
p.mn:6:10: error: 'one' takes 1 argument, but none were given
  return one();
         ^~~`,
  },
  {
    kind: 'a builtin\'s argument count',
    source: 'fn main() {\n  print();\n  yield(1);\n  return 0;\n}\n',
    message: `
p.mn:2:3: error: 'print' takes 1 argument, but none were given: print(x)
  print();
  ^~~~~
p.mn:3:3: error: 'yield' takes no arguments, but 1 was given: yield()
  yield(1);
  ^~~~~`,
  },
  {
    kind: 'assigning to a constant',
    source: 'const N = 3;\n\nfn main() {\n  N = 4;\n  return N;\n}\n',
    message: `
p.mn:4:3: error: 'N' is a constant: it cannot be assigned
  N = 4;
  ^`,
  },
  {
    kind: 'assigning to a function',
    source: 'fn f() {\n  return 1;\n}\n\nfn main() {\n  f = 4;\n  return 0;\n}\n',
    message: `
p.mn:6:3: error: 'f' is a function: it cannot be assigned
  f = 4;
  ^`,
  },
  {
    kind: 'assigning to a whole array',
    source: 'var a[3];\n\nfn main() {\n  a = 4;\n  return 0;\n}\n',
    message: `
p.mn:4:3: error: 'a' is an array: assign to its elements, like a[i] = ...
  a = 4;
  ^`,
  },
  {
    kind: 'break outside a loop',
    source: 'fn main() {\n  break;\n  return 0;\n}\n',
    message: `
p.mn:2:3: error: 'break' is only allowed inside a loop (while or for)
  break;
  ^~~~~`,
  },
  {
    kind: 'continue outside a loop',
    source: 'fn main() {\n  if (1) continue;\n  return 0;\n}\n',
    message: `
p.mn:2:10: error: 'continue' is only allowed inside a loop (while or for)
  if (1) continue;
         ^~~~~~~~`,
  },
  {
    kind: 'a global initialised from a variable',
    source: 'var y;\nvar x = y + 1;\n\nfn main() {\n  return x;\n}\n',
    message: `
p.mn:2:9: error: the initial value of 'x' must be a constant expression; 'y' is a variable
var x = y + 1;
        ^`,
  },
  {
    kind: 'a global initialised by a call',
    source: 'fn f() {\n  return 1;\n}\n\nvar x = f();\n\nfn main() {\n  return x;\n}\n',
    message: `
p.mn:5:9: error: the initial value of 'x' must be a constant expression; a function call is not a constant
var x = f();
        ^`,
  },
  {
    kind: 'a global initialised with an address',
    source: 'var y;\nvar x = &y;\n\nfn main() {\n  return x;\n}\n',
    message: `
p.mn:2:9: error: the initial value of 'x' must be a constant expression; an address is only known when the program is linked
var x = &y;
        ^`,
  },
  {
    kind: 'an array size that is not constant',
    source: 'var n = 3;\nvar a[n];\n\nfn main() {\n  return 0;\n}\n',
    message: `
p.mn:2:7: error: the size of an array must be a constant expression; 'n' is a variable
var a[n];
      ^`,
  },
  {
    kind: 'an array of size 0',
    source: 'var a[0];\n\nfn main() {\n  return 0;\n}\n',
    message: `
p.mn:1:7: error: the size of an array must be between 1 and 1048576, not 0
var a[0];
      ^`,
  },
  {
    kind: 'too many initial values',
    source: 'var a[2] = { 1, 2, 3 };\n\nfn main() {\n  return 0;\n}\n',
    message: `
p.mn:1:20: error: too many initial values for 'a': 3 for 2 elements
var a[2] = { 1, 2, 3 };
                   ^`,
  },
  {
    kind: 'braces for a scalar',
    source: 'var a = { 1, 2 };\n\nfn main() {\n  return 0;\n}\n',
    message: `
p.mn:1:9: error: 'a' is not an array: give it one initial value, without braces
var a = { 1, 2 };
        ^`,
  },
  {
    kind: 'one value for an array',
    source: 'var a[2] = 5;\n\nfn main() {\n  return 0;\n}\n',
    message: `
p.mn:1:12: error: 'a' is an array: give its initial values in braces, like { 1, 2, 3 }
var a[2] = 5;
           ^`,
  },
  {
    kind: 'a local array with an initial value',
    source: 'fn main() {\n  var a[2] = 5;\n  return 0;\n}\n',
    message: `
p.mn:2:14: error: 'a' is a local array: it cannot have an initial value (its elements start at 0)
  var a[2] = 5;
             ^`,
  },
  {
    kind: 'a constant divided by zero',
    source: 'const X = 1 / 0;\n\nfn main() {\n  return X;\n}\n',
    message: `
p.mn:1:13: error: division by zero in a constant expression
const X = 1 / 0;
            ^`,
  },
  {
    kind: 'a constant defined by itself',
    source: 'const A = B + 1;\nconst B = A;\n\nfn main() {\n  return A;\n}\n',
    message: `
p.mn:1:7: error: the constant 'A' is defined in terms of itself
const A = B + 1;
      ^`,
  },
  {
    kind: 'no main',
    source: 'fn start() {\n  return 0;\n}\n',
    message: `
p.mn: error: there is no function main: a program starts by calling main()`,
  },
  {
    kind: 'main with two parameters',
    source: 'fn main(a, b) {\n  return 0;\n}\n',
    message: `
p.mn:1:12: error: main takes 2 parameters; it may take one (the program's argument) or none
fn main(a, b) {
           ^`,
  },
  {
    kind: 'main that is not a function',
    source: 'var main;\n',
    message: `
p.mn:1:5: error: 'main' must be a function: a program starts by calling main()
var main;
    ^~~~`,
  },
  {
    kind: 'a string outside puts, serve and connect',
    source: 'fn main() {\n  var s = "hello";\n  return 0;\n}\n',
    message: `
p.mn:2:11: error: a string can only be the argument of puts, serve or connect
  var s = "hello";
          ^~~~~~~`,
  },
  {
    kind: 'a number where a string literal is needed',
    source: 'fn main() {\n  puts(42);\n  return 0;\n}\n',
    message: `
p.mn:2:8: error: 'puts' takes a string literal, like puts("...")
  puts(42);
       ^~`,
  },
  {
    kind: 'spawn without a function',
    source: 'fn main() {\n  spawn(1, 2, 3);\n  return 0;\n}\n',
    message: `
p.mn:2:12: error: spawn's second argument must be the name of a function of this program
  spawn(1, 2, 3);
           ^`,
  },
  {
    kind: 'spawn of a function with two parameters',
    source: 'fn w(a, b) {\n  return 0;\n}\n\nfn main() {\n  return spawn(1, w, 3);\n}\n',
    message: `
p.mn:6:19: error: 'w' takes 2 parameters; a function started by spawn takes one (its argument) or none
  return spawn(1, w, 3);
                  ^`,
  },
  {
    kind: 'a function used as a value',
    source: 'fn f() {\n  return 1;\n}\n\nfn main() {\n  return f + 1;\n}\n',
    message: `
p.mn:6:10: error: 'f' is a function: call it, like f(...)
  return f + 1;
         ^`,
  },
  {
    kind: 'a variable called',
    source: 'fn main() {\n  var x = 1;\n  return x(2);\n}\n',
    message: `
p.mn:3:10: error: 'x' is a variable, not a function
  return x(2);
         ^`,
  },
  {
    kind: 'the address of a constant',
    source: 'const N = 1;\n\nfn main() {\n  return &N;\n}\n',
    message: `
p.mn:4:11: error: 'N' is a constant: it has no address
  return &N;
          ^`,
  },
  {
    kind: 'a constant indexed',
    source: 'const N = 1;\n\nfn main() {\n  return N[0];\n}\n',
    message: `
p.mn:4:10: error: 'N' is a constant: it cannot be indexed
  return N[0];
         ^`,
  },
  {
    kind: 'locals too big for the stack',
    source: 'fn main() {\n  var a[1000];\n  var b[100];\n  return 0;\n}\n',
    message: `
p.mn:1:4: error: the local variables of 'main' take 1100 words, more than the 1024 a function may have (its stack is 16 KiB): make big arrays global
fn main() {
   ^~~~`,
  },
];

describe('each kind of error', () => {
  it.each(CASES)('$kind', ({ source, message }) => {
    expect(errors(source)).toBe(message.slice(1));
  });
});

describe('atomics and a32', () => {
  const source = 'var counter;\n\nfn main() {\n  atomic_add(&counter, 1);\n  return cas(&counter, 1, 2);\n}\n';
  const A32 = 'a32 has no atomic read-modify-write instructions; use a channel to a core that owns the data';

  it('are an error when a32 is among the targets, at each use', () => {
    expect(errors(source)).toBe(`
p.mn:4:3: error: ${A32}
  atomic_add(&counter, 1);
  ^~~~~~~~~~
p.mn:5:10: error: ${A32}
  return cas(&counter, 1, 2);
         ^~~`.slice(1));
    expect(errors(source, ['a32'])).toContain(A32);
  });

  it('compile for r32 and s32', () => {
    expect(errors(source, ['r32', 's32'])).toBe('no error');
  });

  it('leave the a32 slice out when `wasmfish run` compiles for every ISA it can', () => {
    const image = compileForRun(source, 'p.mn');
    expect(image.sections.filter((s) => s.kind === 'text').map((s) => s.isa)).toEqual(['r32', 's32']);
  });

  it('do not hide other errors from `wasmfish run`', () => {
    expect(() => compileForRun(`${source}fn f() {\n  return x;\n}\n`, 'p.mn')).toThrow(/'x' is not defined/);
  });
});

describe('a file with many errors', () => {
  it('reports every one, in order, each once', () => {
    const source = [
      'const N = 4;',
      'var total = N * 2;',
      'var bad = total;',
      '',
      'fn add(a, b) {',
      '  return a + b',
      '}',
      '',
      'fn main() {',
      '  N = 5;',
      '  var x = add(1);',
      '  var x = 3;',
      '  if (x > 1) {',
      '    x = y;',
      '  }',
      '  break;',
      '  puts("ok\\n");',
      '  return x @ 2;',
      '}',
      '',
    ].join('\n');
    expect(errors(source)).toBe(`
p.mn:3:11: error: the initial value of 'bad' must be a constant expression; 'total' is a variable
var bad = total;
          ^~~~~
p.mn:6:15: error: expected ';' after the return value, found '}'
  return a + b
              ^
p.mn:10:3: error: 'N' is a constant: it cannot be assigned
  N = 5;
  ^
p.mn:11:11: error: 'add' takes 2 arguments, but 1 was given
  var x = add(1);
          ^~~
p.mn:12:7: error: 'x' is already defined on line 11
  var x = 3;
      ^
p.mn:14:9: error: 'y' is not defined
    x = y;
        ^
p.mn:16:3: error: 'break' is only allowed inside a loop (while or for)
  break;
  ^~~~~
p.mn:18:12: error: unexpected character '@'
  return x @ 2;
           ^`.slice(1));
  });
});

describe('after a broken declaration', () => {
  it('does not report the names it may have defined', () => {
    expect(errors('fn main() {\n  var x = (1;\n  return x;\n}\n')).toBe(`
p.mn:2:13: error: expected ')' to close the parenthesis, found ';'
  var x = (1;
            ^`.slice(1));
  });
});
