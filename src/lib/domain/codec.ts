/**
 * The compact tuple form of an event inside a partition's Y.Array (journal-format.ts; S2–S4):
 *
 *   [code, wall, counter, device, user, branch, at, payload, v?, id?]
 *
 * Payloads are schema tuples (schema.ts), type names are 2–4 letter codes, the id is omitted when it is
 * the formatted HLC (always, for events JXC makes) and v when it is current. This is what brings a
 * typical event from ~310 bytes of JSON to well under 150 bytes in a Yjs update.
 */
import { CATALOGUE, TYPE_BY_CODE } from './catalogue';
import { CURRENT_VERSION, makeEvent, type AnyEvent, type EventFailure } from './event';
import { DEVICE_CODE, formatHlc } from './hlc';
import { TUPLE } from './journal-format';
import { BAIL, CLOSE, COMMA, JsonCursor, OPEN } from './json-scan';
import { isInvalid } from './schema';

export type EventTuple = unknown[];

export function encodeEvent(e: AnyEvent): EventTuple {
	const def = CATALOGUE[e.type];
	const t: unknown[] = [
		def.code,
		e.hlc.wall,
		e.hlc.counter,
		e.hlc.device,
		e.user,
		e.branch,
		e.at,
		(def.payload.encode as (p: unknown) => unknown)(e.payload)
	];
	const ownId = e.id !== formatHlc(e.hlc);
	if (e.v !== CURRENT_VERSION || ownId) t.push(e.v);
	if (ownId) t.push(e.id);
	return t;
}

/** [S18] The journal element of an event: its tuple as JSON text. */
export function encodeEntry(e: AnyEvent): string {
	return JSON.stringify(encodeEvent(e));
}

/** The tuple of a journal element (JSON text or, as written before S18, the tuple itself). */
export function entryTuple(entry: unknown): unknown {
	if (typeof entry !== 'string') return entry;
	try {
		return JSON.parse(entry);
	} catch {
		return undefined;
	}
}

export type Decoded = { ok: true; event: AnyEvent } | EventFailure;

/**
 * Decodes and validates a journal element (S18). Anything malformed (a buggy or hostile peer) is
 * a failure, never an exception, so one bad element cannot stop a partition from opening.
 */
export function decodeEvent(entry: unknown): Decoded {
	if (typeof entry === 'string') {
		const fast = scanEntry(entry);
		if (fast !== undefined) return fast;
	}
	return decodeTuple(entryTuple(entry));
}

const cursor = new JsonCursor();

/**
 * [S19] The fast way for JSON text: the envelope and the payload are read straight from the text, and
 * the event is made by the same `makeEvent` call as {@link decodeTuple}'s. `undefined` wherever the
 * cursor bails, the envelope or payload would fail, or the version is not current: the slow way then
 * decides, so both ways give the same answer for every element.
 */
export function scanEntry(text: string): Decoded | undefined {
	const c = cursor.reset(text);
	if (!c.eat(OPEN)) return undefined;
	const code = c.string();
	const type = code === BAIL ? undefined : TYPE_BY_CODE.get(code);
	if (type === undefined || !c.eat(COMMA)) return undefined;
	const wall = c.int();
	if (wall === BAIL || !c.eat(COMMA)) return undefined;
	const counter = c.int();
	if (counter === BAIL || !c.eat(COMMA)) return undefined;
	const device = c.string();
	if (device === BAIL || !DEVICE_CODE.test(device) || !c.eat(COMMA)) return undefined;
	const user = c.value();
	if (user === BAIL || !c.eat(COMMA)) return undefined;
	const branch = c.value();
	if (branch === BAIL || !c.eat(COMMA)) return undefined;
	const at = c.int();
	if (at === BAIL || !c.eat(COMMA)) return undefined;
	const payload = CATALOGUE[type].payload.scan(c);
	if (payload === BAIL) return undefined;
	let id: unknown = undefined;
	let hasId = false;
	if (c.eat(COMMA)) {
		// Only the current version is read here: older ones are upcast the slow way.
		if (c.value() !== CURRENT_VERSION) return undefined;
		if (c.eat(COMMA)) {
			id = c.value();
			if (id === BAIL) return undefined;
			hasId = true;
		}
	}
	if (!c.eat(CLOSE) || !c.done) return undefined;
	const hlc = { wall, counter, device };
	return makeEvent({
		id: hasId ? id : formatHlc(hlc),
		type,
		v: CURRENT_VERSION,
		hlc,
		user,
		branch,
		at,
		payload,
		payloadChecked: true
	});
}

/** The slow way: a tuple already parsed (or written before S18), read field by field. */
export function decodeTuple(t: unknown): Decoded {
	if (!Array.isArray(t) || t.length < 8)
		return { ok: false, code: 'bad-envelope', path: '', reason: 'not an event tuple' };
	const type = TYPE_BY_CODE.get(t[TUPLE.type] as string);
	if (!type)
		return { ok: false, code: 'unknown-type', path: 'type', reason: `unknown event code "${String(t[0])}"` };
	const wall = t[TUPLE.wall];
	const counter = t[TUPLE.counter];
	const device = t[TUPLE.device];
	if (
		typeof wall !== 'number' ||
		!Number.isSafeInteger(wall) ||
		typeof counter !== 'number' ||
		!Number.isInteger(counter) ||
		typeof device !== 'string' ||
		!DEVICE_CODE.test(device)
	)
		return { ok: false, code: 'bad-envelope', path: 'hlc', reason: 'bad clock' };
	const at = t[TUPLE.at];
	if (typeof at !== 'number') return { ok: false, code: 'bad-envelope', path: 'at', reason: 'bad date' };
	const hlc = { wall, counter, device };
	const v = t.length > TUPLE.version ? t[TUPLE.version] : CURRENT_VERSION;
	let payload: unknown;
	let payloadChecked = false;
	if (v === CURRENT_VERSION) {
		// One pass: decode and validate together.
		payload = CATALOGUE[type].payload.read(t[TUPLE.payload], 'payload');
		if (isInvalid(payload)) return payload;
		payloadChecked = true;
	} else {
		// An older version is decoded as it was written, then upcast and validated by makeEvent.
		try {
			payload = CATALOGUE[type].payload.decode(t[TUPLE.payload]);
		} catch {
			return { ok: false, code: 'bad-envelope', path: 'payload', reason: 'undecodable payload' };
		}
	}
	return makeEvent({
		id: t.length > TUPLE.id ? t[TUPLE.id] : formatHlc(hlc),
		type,
		v,
		hlc,
		user: t[TUPLE.user],
		branch: t[TUPLE.branch],
		at,
		payload,
		payloadChecked
	});
}
