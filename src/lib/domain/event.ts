/**
 * The event envelope, its validation and the total order of derivation (DESIGN §1; J5–J9 in docs/SPEC.md).
 */
import { CATALOGUE, type EventType, type PayloadOf } from './catalogue';
import { dayFromIso, isoFromDay } from './dates';
import { compareHlc, formatHlc, parseHlc, type Hlc } from './hlc';
import { isInvalid, REF, type Invalid } from './schema';

export interface JEvent<T extends EventType = EventType> {
	/** Globally unique. Events made by JXC use the formatted HLC, which is unique per device. */
	readonly id: string;
	readonly type: T;
	/** Payload schema version; older versions are upcast on read (see upcast()). */
	readonly v: number;
	/** When it was recorded, and by which device (`hlc.device`). */
	readonly hlc: Hlc;
	readonly user: string;
	/** The branch the event belongs to; '' for company-wide (master, finance) events. */
	readonly branch: string;
	/** Business date chosen by the user (days since 1970-01-01). */
	readonly at: number;
	readonly payload: PayloadOf<T>;
}

/** A discriminated union over all event types: `switch (e.type)` narrows the payload. */
export type AnyEvent = { [T in EventType]: JEvent<T> }[EventType];

export const CURRENT_VERSION = 1;

export type EventFailure =
	| Invalid
	| { readonly ok: false; readonly code: 'unknown-type'; readonly path: 'type'; readonly reason: string }
	| { readonly ok: false; readonly code: 'bad-envelope'; readonly path: string; readonly reason: string };

/** Upcasters from version v to v + 1, per type. None yet: the table is the place for them. */
const UPCASTERS: Partial<Record<EventType, Record<number, (payload: unknown) => unknown>>> = {};

export function upcast(type: EventType, v: number, payload: unknown): unknown {
	let p = payload;
	for (let ver = v; ver < CURRENT_VERSION; ver++) {
		const step = UPCASTERS[type]?.[ver];
		if (step) p = step(p);
	}
	return p;
}

export interface RawEnvelope {
	id?: unknown;
	type?: unknown;
	v?: unknown;
	hlc?: unknown;
	device?: unknown;
	user?: unknown;
	branch?: unknown;
	at?: unknown;
	payload?: unknown;
}

const fail = (code: 'bad-envelope' | 'unknown-type', path: string, reason: string) =>
	({ ok: false, code, path, reason }) as EventFailure;

/**
 * Validates an envelope in its readable JSON form (the JSONL format of docs/EVENTS.md) and returns the
 * event, or a failure naming the field. Never returns a half-valid event.
 */
export function parseEventJson(raw: unknown): { ok: true; event: AnyEvent } | EventFailure {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		return fail('bad-envelope', '', 'not an object');
	const r = raw as RawEnvelope;
	if (typeof r.type !== 'string' || !(r.type in CATALOGUE))
		return fail('unknown-type', 'type', `unknown event type "${String(r.type)}"`);
	const type = r.type as EventType;
	const hlc = typeof r.hlc === 'string' ? parseHlc(r.hlc) : null;
	if (!hlc) return fail('bad-envelope', 'hlc', 'must be an HLC string like 0mhz4k1c0-0000-T1');
	if (r.device !== undefined && r.device !== hlc.device)
		return fail('bad-envelope', 'device', 'must be the device of the hlc');
	const at = typeof r.at === 'string' ? dayFromIso(r.at) : typeof r.at === 'number' ? r.at : null;
	if (at === null || !Number.isInteger(at)) return fail('bad-envelope', 'at', 'must be a date YYYY-MM-DD');
	return makeEvent({
		id: r.id === undefined ? formatHlc(hlc) : r.id,
		type,
		v: r.v ?? CURRENT_VERSION,
		hlc,
		user: r.user,
		branch: r.branch ?? '',
		at,
		payload: r.payload
	});
}

/** Validates the parts of an event (already typed loosely) and builds it. */
export function makeEvent(parts: {
	id: unknown;
	type: EventType;
	v: unknown;
	hlc: Hlc;
	user: unknown;
	branch: unknown;
	at: number;
	payload: unknown;
	/** Set by the codec, whose one-pass read() already validated the payload. */
	payloadChecked?: boolean;
}): { ok: true; event: AnyEvent } | EventFailure {
	const { id, type, v, hlc, user, branch, at } = parts;
	if (typeof id !== 'string' || id.length === 0 || id.length > 80)
		return fail('bad-envelope', 'id', 'must be an id');
	if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > CURRENT_VERSION)
		return fail('bad-envelope', 'v', `unsupported version ${String(v)}`);
	if (typeof user !== 'string' || !REF.test(user)) return fail('bad-envelope', 'user', 'must be a user id');
	if (typeof branch !== 'string' || (branch !== '' && !REF.test(branch)))
		return fail('bad-envelope', 'branch', 'must be a branch code or empty');
	if (!Number.isInteger(at) || at < 0 || at > 200_000) return fail('bad-envelope', 'at', 'out of range');
	const payload =
		parts.payloadChecked && v === CURRENT_VERSION
			? parts.payload
			: CATALOGUE[type].payload.check(upcast(type, v, parts.payload), 'payload');
	if (isInvalid(payload)) return payload;
	return { ok: true, event: { id, type, v: CURRENT_VERSION, hlc, user, branch, at, payload } as AnyEvent };
}

export function eventToJson(e: AnyEvent): Record<string, unknown> {
	return {
		id: e.id,
		type: e.type,
		v: e.v,
		hlc: formatHlc(e.hlc),
		device: e.hlc.device,
		user: e.user,
		branch: e.branch,
		at: isoFromDay(e.at),
		payload: e.payload
	};
}

/** A stocktake's `countedAt`, parsed (null when it does not parse). */
const COUNTED_AT = new WeakMap<AnyEvent, Hlc | null>();

/**
 * The HLC that places an event in the total order. A stocktake counts the shelf at `countedAt` (when
 * counting started), so it is ordered there: sales recorded while the clerks counted come after it and
 * are not counted twice (DESIGN §5).
 */
export function effectiveHlc(e: AnyEvent): Hlc {
	if (e.type === 'stocktake.posted') {
		// Parsed once per event (events are immutable): sorting a partition compares each stocktake
		// with a dozen others, and parsed it again every time.
		let h = COUNTED_AT.get(e);
		if (h === undefined) COUNTED_AT.set(e, (h = parseHlc(e.payload.countedAt)));
		if (h) return h;
	}
	return e.hlc;
}

/**
 * The first index at or after `from` whose business date is `day` or later, in events sorted in
 * derivation order (by date first).
 */
export function firstOnOrAfter(events: readonly { readonly at: number }[], day: number, from = 0): number {
	let lo = from;
	let hi = events.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (events[mid]!.at < day) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The first index whose event sorts at or after `e`, in events sorted in derivation order. */
export function lowerBound(events: readonly AnyEvent[], e: AnyEvent): number {
	let lo = 0;
	let hi = events.length;
	// Fast path: most new events sort last.
	if (hi === 0 || compareEvents(events[hi - 1]!, e) < 0) return hi;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (compareEvents(events[mid]!, e) < 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** [J5] The total order of derivation: (at, effective hlc, id). Identical on every device. */
export function compareEvents(a: AnyEvent, b: AnyEvent): number {
	if (a.at !== b.at) return a.at - b.at;
	const h = compareHlc(effectiveHlc(a), effectiveHlc(b));
	if (h !== 0) return h;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
