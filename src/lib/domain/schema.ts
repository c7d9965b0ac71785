/**
 * A small schema language for event payloads. One schema gives three things that must never disagree:
 * validation (with a typed failure naming the field), the compact wire form stored in Yjs (objects as
 * tuples in key order, trailing empties trimmed), and the human description in docs/EVENTS.md.
 *
 * Why not zod: the compact tuple codec needs the key order and the field kinds anyway, and payload
 * validation sits on the hot path of opening a partition, so this stays small and allocation-light.
 */
import { BAIL, CLOSE, COMMA, OPEN, type Bail, type JsonCursor } from './json-scan';

export interface Invalid {
	readonly ok: false;
	readonly code: 'invalid-payload';
	readonly path: string;
	readonly reason: string;
}

export interface Schema<T> {
	readonly describe: string;
	readonly optional: boolean;
	/** Returns the value (normalised) or an Invalid. */
	check(value: unknown, path: string): T | Invalid;
	encode(value: T): unknown;
	decode(wire: unknown): T;
	/** Decodes and validates the wire form in one pass (opening a partition builds each object once). */
	read(wire: unknown, path: string): T | Invalid;
	/**
	 * [S19] `read` straight from the JSON text of the wire form: what `read(JSON.parse(text))` gives, or
	 * BAIL wherever that would fail or the cursor cannot follow (the caller then takes that slow way).
	 */
	scan(c: JsonCursor): T | Bail;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const INVALID = Symbol('invalid');
export function isInvalid(v: unknown): v is Invalid {
	return typeof v === 'object' && v !== null && (v as { [INVALID]?: true })[INVALID] === true;
}
export function invalid(path: string, reason: string): Invalid {
	return { ok: false, code: 'invalid-payload', path, reason, [INVALID]: true } as Invalid;
}

/** A child's relative failure path appended to its parent's: `.x`, `[2]`, or nothing. */
function sub(path: string): string {
	return path === '' ? '' : path[0] === '[' ? path : `.${path}`;
}

/**
 * A schema for one JSON primitive. `scan`, when given, is `check` written against the cursor for the
 * one kind of value it accepts (a string, an integer): it reads that kind or gives up, with no general
 * `value()` and no Invalid made to be thrown away. Opening a partition runs it for every field.
 */
function leaf<T>(
	describe: string,
	check: (v: unknown, path: string) => T | Invalid,
	scan?: (c: JsonCursor) => T | Bail
): Schema<T> {
	return {
		describe,
		optional: false,
		check,
		encode: (v) => v,
		decode: (w) => w as T,
		read: check,
		scan:
			scan ??
			((c) => {
				const v = c.value();
				if (v === BAIL) return BAIL;
				const r = check(v, '');
				return isInvalid(r) ? BAIL : r;
			})
	};
}

/**
 * A code or id (`s.ref()`, keys of `s.dict()`, an event's user and branch). One object for every check:
 * a regular expression literal inside a function is a new object each time it is evaluated (decoding a
 * partition of 6,000 events made about 1.2 MB of them).
 */
export const REF = /^[A-Za-z0-9_.~-]{1,64}$/;

const MAX_TEXT = 2000;

/**
 * A maker of empty objects with room inside for `keys` (up to 24), filled in key order by the caller.
 * One grown from `{}` key by key keeps four inside and the rest in a second array that is reallocated
 * as it grows: decoding a 6,000-event partition allocated 4.3 MB of payloads, most of it those arrays.
 * V8 sizes a constructor's objects by the `this.x =` assignments in its body (hence the ones that never
 * run) and trims the unused room after the first few objects; one constructor per schema keeps one
 * shape per schema. Its prototype is Object's, so the objects are plain to every reader.
 */
function recordMaker(keys: readonly string[]): () => Record<string, unknown> {
	const Fields = function (this: Record<string, unknown>) {
		if (keys.length < 0) {
			this.a = this.b = this.c = this.d = this.e = this.f = this.g = this.h = 0;
			this.i = this.j = this.k = this.l = this.m = this.n = this.o = this.p = 0;
		}
	} as unknown as new () => Record<string, unknown>;
	Fields.prototype = Object.prototype;
	return () => new Fields();
}

/** The items of the lists being scanned, innermost last (see `list`'s `scan`). */
const scanned: unknown[] = [];

function unwind(from: number): Bail {
	scanned.length = from;
	return BAIL;
}

export const s = {
	/** Non-empty text up to `max` characters (trimmed). */
	text(max = MAX_TEXT): Schema<string> {
		return leaf(
			`text ≤ ${max}`,
			(v, path) => {
				if (typeof v !== 'string') return invalid(path, 'must be text');
				const t = v.trim();
				if (t.length === 0) return invalid(path, 'must not be empty');
				if (t.length > max) return invalid(path, `must be at most ${max} characters`);
				return t;
			},
			(c) => {
				const v = c.string();
				if (v === BAIL) return BAIL;
				const t = v.trim();
				return t.length === 0 || t.length > max ? BAIL : t;
			}
		);
	},
	/** A code or id: letters, digits, `_ - . ~`, 1–64 characters. */
	ref(): Schema<string> {
		return leaf(
			'id',
			(v, path) => (typeof v === 'string' && REF.test(v) ? v : invalid(path, 'must be an id')),
			(c) => {
				const v = c.string();
				return v !== BAIL && REF.test(v) ? v : BAIL;
			}
		);
	},
	int(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER, what = 'integer'): Schema<number> {
		return leaf(
			what + (min > Number.MIN_SAFE_INTEGER ? ` ≥ ${min}` : ''),
			(v, path) =>
				typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max
					? v
					: invalid(
							path,
							`must be ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}${min > Number.MIN_SAFE_INTEGER ? ` ≥ ${min}` : ''}`
						),
			// The cursor reads at most 15 digits: a safe integer.
			(c) => {
				const v = c.int();
				return v !== BAIL && v >= min && v <= max ? v : BAIL;
			}
		);
	},
	/** Money in fen (integer). */
	fen(min?: number): Schema<number> {
		return s.int(min, undefined, 'amount in fen');
	},
	/** Quantity in thousandths of the base unit (integer). */
	qty(min?: number): Schema<number> {
		return s.int(min, undefined, 'quantity in thousandths');
	},
	/** Business date as days since 1970-01-01. */
	day(): Schema<number> {
		return s.int(0, 200_000, 'day number');
	},
	/** VAT rate in basis points (1300 = 13 %). */
	vat(): Schema<number> {
		return s.int(0, 10_000, 'VAT rate in basis points');
	},
	bool(): Schema<boolean> {
		return {
			describe: 'boolean',
			optional: false,
			check: (v, path) => (typeof v === 'boolean' ? v : invalid(path, 'must be true or false')),
			// 1/0 on the wire: one byte each either way, but it keeps tuples homogeneous for Yjs.
			encode: (v) => (v ? 1 : 0),
			decode: (w) => w === 1 || w === true,
			read: (w, path) =>
				w === 1 || w === true
					? true
					: w === 0 || w === false
						? false
						: invalid(path, 'must be true or false'),
			scan(c) {
				const w = c.value();
				return w === 1 || w === true ? true : w === 0 || w === false ? false : BAIL;
			}
		};
	},
	oneOf<const V extends string>(values: readonly V[]): Schema<V> {
		return leaf(values.map((v) => `"${v}"`).join(' | '), (v, path) =>
			values.includes(v as V) ? (v as V) : invalid(path, `must be one of ${values.join(', ')}`)
		);
	},
	optional<T>(inner: Schema<T>): Schema<T | undefined> {
		return {
			describe: inner.describe + '?',
			optional: true,
			check: (v, path) => (v === undefined || v === null ? undefined : inner.check(v, path)),
			encode: (v) => (v === undefined ? null : inner.encode(v)),
			decode: (w) => (w === undefined || w === null ? undefined : inner.decode(w)),
			read: (w, path) => (w === undefined || w === null ? undefined : inner.read(w, path)),
			scan: (c) => (c.eatNull() ? undefined : inner.scan(c))
		};
	},
	list<T>(item: Schema<T>, opts: { min?: number; max?: number } = {}): Schema<T[]> {
		const min = opts.min ?? 0;
		const max = opts.max ?? 1000;
		return {
			describe: `[${item.describe}]`,
			optional: false,
			check(v, path) {
				if (!Array.isArray(v)) return invalid(path, 'must be a list');
				if (v.length < min) return invalid(path, `needs at least ${min} item(s)`);
				if (v.length > max) return invalid(path, `has more than ${max} items`);
				const out: T[] = [];
				for (let i = 0; i < v.length; i++) {
					const r = item.check(v[i], `${path}[${i}]`);
					if (isInvalid(r)) return r;
					out.push(r);
				}
				return out;
			},
			encode: (v) => v.map((x) => item.encode(x)),
			decode: (w) => (w as unknown[]).map((x) => item.decode(x)),
			read(w, path) {
				if (!Array.isArray(w)) return invalid(path, 'must be a list');
				if (w.length < min) return invalid(path, `needs at least ${min} item(s)`);
				if (w.length > max) return invalid(path, `has more than ${max} items`);
				const out: T[] = new Array(w.length);
				for (let i = 0; i < w.length; i++) {
					// Paths are built only on failure: children answer relative to themselves.
					const r = item.read(w[i], '');
					if (isInvalid(r)) return invalid(`${path}[${i}]${sub(r.path)}`, r.reason);
					out[i] = r;
				}
				return out;
			},
			scan(c) {
				if (!c.eat(OPEN)) return BAIL;
				// Items gather on a shared stack (lists nest) and leave it as one array of exactly their
				// number: an array grown by push from [] keeps room for 16, 100+ bytes wasted per list.
				const from = scanned.length;
				if (!c.eat(CLOSE))
					for (;;) {
						const r = item.scan(c);
						if (r === BAIL) return unwind(from);
						scanned.push(r);
						if (c.eat(COMMA)) continue;
						if (c.eat(CLOSE)) break;
						return unwind(from);
					}
				const n = scanned.length - from;
				if (n < min || n > max) return unwind(from);
				const out = scanned.slice(from) as T[];
				scanned.length = from;
				return out;
			}
		};
	},
	/** A map of free keys (e.g. per-warehouse settings) to values of one schema. */
	dict<T>(value: Schema<T>): Schema<Record<string, T>> {
		return {
			describe: `{ id: ${value.describe} }`,
			optional: false,
			check(v, path) {
				if (typeof v !== 'object' || v === null || Array.isArray(v))
					return invalid(path, 'must be an object');
				const out: Record<string, T> = {};
				for (const [k, x] of Object.entries(v)) {
					if (!REF.test(k)) return invalid(`${path}.${k}`, 'bad key');
					const r = value.check(x, `${path}.${k}`);
					if (isInvalid(r)) return r;
					out[k] = r;
				}
				return out;
			},
			encode: (v) => {
				const out: Record<string, unknown> = {};
				for (const k in v) out[k] = value.encode(v[k]!);
				return out;
			},
			decode: (w) => {
				const out: Record<string, T> = {};
				const o = w as Record<string, unknown>;
				for (const k in o) out[k] = value.decode(o[k]);
				return out;
			},
			read(w, path) {
				if (typeof w !== 'object' || w === null || Array.isArray(w))
					return invalid(path, 'must be an object');
				const out: Record<string, T> = {};
				for (const [k, x] of Object.entries(w)) {
					if (!REF.test(k)) return invalid(`${path}.${k}`, 'bad key');
					const r = value.read(x, '');
					if (isInvalid(r)) return invalid(`${path}.${k}${sub(r.path)}`, r.reason);
					out[k] = r;
				}
				return out;
			},
			// JSON objects are rare in the journal (settings): they take the slow way.
			scan: () => BAIL
		};
	},
	/**
	 * An object with a fixed set of keys. On the wire it is a tuple in key order, with trailing
	 * absent values dropped, which is most of what makes an event ~3× smaller than its JSON.
	 */
	obj<F extends Record<string, Schema<unknown>>>(fields: F): Schema<ObjOf<F>> & { readonly fields: F } {
		const keys = Object.keys(fields);
		const schemas = keys.map((k) => fields[k]!);
		const make = recordMaker(keys);
		return {
			fields,
			describe: `{ ${keys.map((k) => `${k}: ${fields[k]!.describe}`).join(', ')} }`,
			optional: false,
			check(v, path) {
				if (typeof v !== 'object' || v === null || Array.isArray(v))
					return invalid(path, 'must be an object');
				const o = v as Record<string, unknown>;
				for (const k in o) if (!(k in fields)) return invalid(path ? `${path}.${k}` : k, 'unknown field');
				const out: Record<string, unknown> = {};
				for (let i = 0; i < keys.length; i++) {
					const k = keys[i]!;
					const p = path ? `${path}.${k}` : k;
					if (o[k] === undefined && !schemas[i]!.optional) return invalid(p, 'is required');
					const r = schemas[i]!.check(o[k], p);
					if (isInvalid(r)) return r;
					// Every key is set, absent ones to undefined: one object shape per type keeps
					// the handlers' property reads monomorphic (measurably faster replays).
					out[k] = r;
				}
				return out as ObjOf<F>;
			},
			encode(v) {
				const o = v as Record<string, unknown>;
				const out: unknown[] = new Array(keys.length);
				let last = -1;
				for (let i = 0; i < keys.length; i++) {
					const x = o[keys[i]!];
					if (x === undefined) out[i] = null;
					else {
						out[i] = schemas[i]!.encode(x);
						last = i;
					}
				}
				out.length = last + 1;
				return out;
			},
			decode(w) {
				const a = w as unknown[];
				const out: Record<string, unknown> = {};
				for (let i = 0; i < a.length; i++) {
					const x = a[i];
					if (x !== null && x !== undefined) out[keys[i]!] = schemas[i]!.decode(x);
				}
				return out as ObjOf<F>;
			},
			read(w, path) {
				if (!Array.isArray(w)) return invalid(path, 'must be a tuple');
				if (w.length > keys.length) return invalid(path, 'has unknown fields');
				const out = make();
				for (let i = 0; i < keys.length; i++) {
					const x = w[i];
					if (x === null || x === undefined) {
						if (!schemas[i]!.optional) return invalid(path ? `${path}.${keys[i]}` : keys[i]!, 'is required');
						out[keys[i]!] = undefined;
						continue;
					}
					const r = schemas[i]!.read(x, '');
					if (isInvalid(r)) {
						const here = path ? `${path}.${keys[i]}` : keys[i]!;
						return invalid(`${here}${sub(r.path)}`, r.reason);
					}
					out[keys[i]!] = r;
				}
				return out as ObjOf<F>;
			},
			scan(c) {
				if (!c.eat(OPEN)) return BAIL;
				const out = make();
				let i = 0;
				if (!c.eat(CLOSE))
					for (;;) {
						if (i === keys.length) return BAIL;
						if (c.eatNull()) {
							if (!schemas[i]!.optional) return BAIL;
							out[keys[i]!] = undefined;
						} else {
							const r = schemas[i]!.scan(c);
							if (r === BAIL) return BAIL;
							out[keys[i]!] = r;
						}
						i++;
						if (c.eat(COMMA)) continue;
						if (c.eat(CLOSE)) break;
						return BAIL;
					}
				// Trailing absent fields, as `read` sees them past the end of a trimmed tuple.
				for (; i < keys.length; i++) {
					if (!schemas[i]!.optional) return BAIL;
					out[keys[i]!] = undefined;
				}
				return out as ObjOf<F>;
			}
		};
	},
	/** Free-form master-data field values: checked by the entity's own field schema elsewhere. */
	any(): Schema<unknown> {
		return leaf('value', (v) => v);
	}
};

type OptionalKeys<F> = {
	[K in keyof F]: F[K] extends Schema<infer T> ? (undefined extends T ? K : never) : never;
}[keyof F];
type RequiredKeys<F> = Exclude<keyof F, OptionalKeys<F>>;
export type ObjOf<F> = { [K in RequiredKeys<F>]: Infer<F[K]> } & {
	[K in OptionalKeys<F>]?: Exclude<Infer<F[K]>, undefined>;
};
