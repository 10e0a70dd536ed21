// Facts computed once from a parsed file or script and shared by every rule during a lint, kept on the
// object itself under a private, non-enumerable symbol so that they live exactly as long as it does.
// The obvious WeakMap is measurably slower here: these values point back into their key's object graph (a
// script's tool calls hold its commands), and V8 re-traces such ephemerons on every garbage collection;
// a Map would keep whole parsed files alive and push them into the old generation.

/** A private slot for one kind of fact. */
export function memoSlot<V>(description: string): MemoSlot<V> {
  return { symbol: Symbol(description) } as MemoSlot<V>;
}

export interface MemoSlot<V> {
  readonly symbol: symbol;
  /** Never set: it only ties the slot to the type of its value. */
  readonly value?: V;
}

/** The fact in `slot` for `owner`, computed on first use. */
export function memo<K extends object, V>(owner: K, slot: MemoSlot<V>, compute: (owner: K) => V): V {
  const holder = owner as unknown as Record<symbol, V | undefined>;
  let value = holder[slot.symbol];
  if (value === undefined) {
    value = compute(owner);
    Object.defineProperty(owner, slot.symbol, { value, enumerable: false });
  }
  return value;
}
