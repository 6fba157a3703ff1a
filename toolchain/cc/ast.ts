// The syntax tree of a Minnow program, as the parser builds it. Names are still names here:
// check.ts resolves them. Every node keeps its position for error messages.
import type { Pos } from './report.js';

export type BinaryOp =
  | '||' | '&&' | '|' | '^' | '&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '<<' | '>>' | '+' | '-' | '*' | '/' | '%';
export type UnaryOp = '-' | '!' | '~';

/** A name with where it was written. */
export interface Ident {
  readonly name: string;
  readonly pos: Pos;
}

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly pos: Pos }
  | { readonly kind: 'string'; readonly bytes: Uint8Array; readonly pos: Pos }
  | Place
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Expr; readonly pos: Pos }
  | { readonly kind: 'addr'; readonly place: Place; readonly pos: Pos }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly pos: Pos }
  | { readonly kind: 'call'; readonly callee: Ident; readonly args: readonly Expr[]; readonly pos: Pos };

/** What can be assigned to or have its address taken: `x` or `x[i]`. */
export type Place =
  | { readonly kind: 'name'; readonly id: Ident; readonly pos: Pos }
  | { readonly kind: 'index'; readonly id: Ident; readonly index: Expr; readonly pos: Pos };

/** `var x;`, `var x = e;`, `var a[n];` (as a statement or in a for loop's first clause) */
export interface VarDecl {
  readonly kind: 'var';
  readonly id: Ident;
  readonly size?: Expr;
  readonly init?: Expr;
  readonly pos: Pos;
}

export type Stmt =
  | VarDecl
  | { readonly kind: 'assign'; readonly place: Place; readonly value: Expr; readonly pos: Pos }
  | { readonly kind: 'expr'; readonly expr: Expr; readonly pos: Pos }
  | Block
  | { readonly kind: 'if'; readonly cond: Expr; readonly then: Stmt; readonly else?: Stmt; readonly pos: Pos }
  | { readonly kind: 'while'; readonly cond: Expr; readonly body: Stmt; readonly pos: Pos }
  | {
      readonly kind: 'for'; readonly init?: Stmt; readonly cond?: Expr; readonly step?: Stmt; readonly body: Stmt;
      readonly pos: Pos;
    }
  | { readonly kind: 'break' | 'continue'; readonly pos: Pos }
  | { readonly kind: 'return'; readonly value?: Expr; readonly pos: Pos };

export interface Block {
  readonly kind: 'block';
  readonly body: readonly Stmt[];
  readonly pos: Pos;
  /** the closing brace: where a function that falls off its end returns */
  readonly end: Pos;
}

export type Item =
  | { readonly kind: 'const'; readonly id: Ident; readonly value: Expr; readonly pos: Pos }
  | {
      readonly kind: 'global'; readonly id: Ident; readonly size?: Expr;
      /** one expression, or a brace list `{ e, ... }` */
      readonly init?: Expr | { readonly list: readonly Expr[]; readonly pos: Pos };
      readonly pos: Pos;
    }
  | FnItem;

export interface FnItem {
  readonly kind: 'fn';
  readonly id: Ident;
  readonly params: readonly Ident[];
  readonly body: Block;
  readonly pos: Pos;
}

export interface Program {
  readonly items: readonly Item[];
  /** a statement or item with a `var`, `const` or `fn` in it was skipped after a syntax error */
  readonly declarationsLost: boolean;
}
