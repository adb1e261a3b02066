import { fakeError, propertyNotLoaded } from '../errors';
import type { WorkbookModel } from '../model';
import type { Execution, FakeRequestContext } from './context';

type LoadSpec = string | string[] | { select?: string; expand?: string } | Record<string, unknown>;

/** Flattens every form load() accepts into property paths ("values", "worksheet/name", "items/name"). */
export function loadPaths(spec?: LoadSpec): string[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec === 'string') return spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s));
  if ('select' in spec || 'expand' in spec) {
    const sel = typeof spec.select === 'string' ? loadPaths(spec.select) : [];
    const exp = typeof spec.expand === 'string' ? loadPaths(spec.expand) : [];
    return [...sel, ...exp];
  }
  const out: string[] = [];
  for (const [k, v] of Object.entries(spec)) {
    if (k === '$all' && v === true) out.push('*');
    else if (k.startsWith('$')) continue;
    else if (v === true) out.push(k);
    else if (typeof v === 'object' && v !== null) {
      const sub = loadPaths(v as Record<string, unknown>);
      out.push(...(sub.length ? sub.map((s) => `${k}/${s}`) : [k]));
    }
  }
  return out;
}

export interface Loadable {
  _load(paths: string[], x: Execution): void;
}

type Boxed<S> = { [K in keyof S]?: { v: S[K] } };

/**
 * A proxy. It finds its model object lazily, the first time a sync needs it (so getItem of a
 * missing sheet fails at sync, not at the call), keeps loaded values only after a successful sync,
 * and throws PropertyNotLoaded for anything else.
 */
export abstract class FakeObject<T, S extends object> implements Loadable {
  protected abstract readonly typeName: string;
  protected abstract readonly scalarKeys: ReadonlyArray<keyof S & string>;
  private binding: { target: T | null } | undefined;
  private readonly cache: Boxed<S> = {};
  private nullState: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    private readonly locate: () => T | null,
    /** Collections re-read their parent at every sync; objects bind once. */
    private readonly bindOnce = true,
  ) {}

  protected abstract snapshot<K extends keyof S & string>(t: T, k: K): S[K];

  protected navigation(_name: string): Loadable | undefined {
    return undefined;
  }

  protected isGone(_t: T): boolean {
    return false;
  }

  protected get model(): WorkbookModel {
    return this.context.model;
  }

  /** The model object, or null for a null object; throws ItemNotFound when it was deleted. */
  _target(): T | null {
    if (!this.bindOnce) return this.locate();
    if (!this.binding) this.binding = { target: this.locate() };
    const t = this.binding.target;
    if (t !== null && this.isGone(t)) throw fakeError('ItemNotFound', this.typeName, 'the object was deleted');
    return t;
  }

  protected read<K extends keyof S & string>(k: K): S[K] {
    const box = this.cache[k];
    if (!box) throw propertyNotLoaded(k, `${this.typeName}.${k}`);
    return box.v;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw propertyNotLoaded('isNullObject', `${this.typeName}.isNullObject`);
    return this.nullState;
  }

  /** *OrNullObject results: Office.js fills isNullObject at the next sync, without a load. */
  _orNull(member: string, key: unknown): this {
    const settle = (x: Execution) => {
      const t = this._target();
      x.commit(() => (this.nullState = t === null), null);
    };
    this.context.enqueue(member, [member, key], settle, '1.4');
    return this;
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this.context.enqueue(`${this.typeName}.load`, ['load', paths], (x) => this._load(paths, x));
    return this;
  }

  _load(paths: string[], x: Execution): void {
    const t = this._target();
    if (t === null) {
      x.commit(() => (this.nullState = true), null);
      return;
    }
    x.commit(() => (this.nullState = false), undefined);
    const scalars = new Set<keyof S & string>();
    const navs = new Map<string, string[]>();
    for (const p of paths.length ? paths : ['*']) {
      const [head, ...rest] = p.split('/');
      if (head === '*' || head === '') {
        this.scalarKeys.forEach((k) => scalars.add(k));
        continue;
      }
      if (head === 'isNullObject') continue;
      const k = this.scalarKeys.find((s) => s.toLowerCase() === head.toLowerCase());
      if (k) {
        scalars.add(k);
        continue;
      }
      if (this.navigation(head)) {
        navs.set(head, [...(navs.get(head) ?? []), rest.join('/')]);
        continue;
      }
      throw fakeError('InvalidArgument', `${this.typeName}.load`, `unknown property "${head}"`);
    }
    for (const k of scalars) {
      const v = this.snapshot(t, k);
      x.commit(() => (this.cache[k] = { v }), v);
    }
    for (const [name, sub] of navs) this.navigation(name)?._load(sub, x);
  }

  /** Queues a method call or property write; on a null object it does nothing, as in Office.js. */
  protected queue(member: string, args: unknown, apply: (t: T) => void, apiSet?: string): void {
    this.context.enqueue(
      `${this.typeName}.${member}`,
      [member, payloadOf(args)],
      () => {
        const t = this._target();
        if (t !== null) apply(t);
      },
      apiSet,
    );
  }

  /** A property write: Office.js keeps the written value in the proxy, so reading it back works. */
  protected assign<K extends keyof S & string>(k: K, v: S[K], apply: (t: T, v: S[K]) => void, apiSet?: string): void {
    this.cache[k] = { v };
    this.queue(k, v, (t) => apply(t, v), apiSet);
  }

  /**
   * What an argument holding this proxy sends in its place; undefined for proxies not passed by reference.
   * A hook rather than `instanceof FakeRange`, so this module never imports the classes that extend it.
   */
  _argumentReference(): unknown {
    return undefined;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of this.scalarKeys) {
      const box = this.cache[k];
      if (box) out[k] = box.v;
    }
    return out;
  }
}

/** Proxies inside arguments are sent as references, not as their loaded data. */
function payloadOf(v: unknown): unknown {
  const reference = v instanceof FakeObject ? v._argumentReference() : undefined;
  if (reference !== undefined) return reference;
  if (Array.isArray(v)) return v;
  if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, payloadOf(x)]));
  }
  return v;
}

export abstract class FakeCollection<P, M, I extends Loadable> extends FakeObject<P, { count: number }> {
  protected readonly scalarKeys = ['count'] as const;
  private loadedItems: I[] | undefined;
  private readonly proxies = new Map<M, I>();

  constructor(context: FakeRequestContext, locate: () => P | null) {
    super(context, locate, false);
  }

  protected abstract list(parent: P): M[];
  protected abstract makeItem(m: M): I;

  protected snapshot(p: P): number {
    return this.list(p).length;
  }

  protected itemFor(m: M): I {
    let i = this.proxies.get(m);
    if (!i) {
      i = this.makeItem(m);
      this.proxies.set(m, i);
    }
    return i;
  }

  get items(): I[] {
    if (!this.loadedItems) throw propertyNotLoaded('items', `${this.typeName}.items`);
    return this.loadedItems;
  }

  get count(): number {
    return this.read('count');
  }

  override _load(paths: string[], x: Execution): void {
    const parent = this._target();
    if (parent === null) return;
    const own = paths.filter((p) => p === 'count');
    if (own.length) super._load(own, x);
    const itemPaths = paths.filter((p) => p !== 'count').map((p) => (p === 'items' ? '*' : p.startsWith('items/') ? p.slice(6) : p));
    if (paths.length > 0 && itemPaths.length === 0) return;
    const items = this.list(parent).map((m) => this.itemFor(m));
    x.commit(() => (this.loadedItems = items), undefined);
    for (const item of items) item._load(itemPaths.length ? itemPaths : ['*'], x);
  }
}
