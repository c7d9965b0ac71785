/**
 * The Ledger: every figure JXC shows, derived from the set of events (DESIGN §1, §3; rules D1–D4).
 *
 * Events are kept in the total order (at, effective hlc, id). `add()` is idempotent by id and accepts
 * events in any order. An event that sorts after everything applied costs O(its lines). One that sorts
 * earlier (backdated, or late from an offline device) rolls the state back to just before its place
 * using the undo log, applies it, and re-applies what follows; only if its business date is older than
 * the undo window (default: the last 62 days of business dates, so backdating within two months never
 * replays history) is the whole journal replayed. The result is the same as a full replay in every
 * case (property-tested).
 */
import { CATALOGUE, type EventType } from './catalogue';
import { compareEvents, firstOnOrAfter, lowerBound, type AnyEvent, type JEvent } from './event';
import { compareHlc, parseHlc, type Hlc } from './hlc';
import { contradictions, deriveAlerts, NOTICE_KINDS, type Alert } from './derive/alerts';
import {
	cashTransferred,
	expensePaid,
	incomeReceived,
	openingBalance,
	openingCash,
	paymentPosted,
	tillCounted
} from './derive/finance';
import {
	openingStock,
	stockAdjusted,
	stocktakePosted,
	transferReceived,
	transferShipped
} from './derive/inventory';
import { applyMaster, recordValues } from './derive/master';
import { mayRecord, RELAY_USER } from './derive/permissions';
import { canRecost, recostBackdated } from './derive/backdate';
import { EventIndex } from './derive/index';
import type { StockMoves } from './derive/moves';
import {
	LedgerState,
	type DocFigures,
	type DocState,
	type DocStatus,
	type RecordState,
	type RoleState,
	type StockTotal
} from './derive/state';
import {
	orderTransition,
	purchaseOrderPlaced,
	orderSubmitted,
	purchaseReceiptPosted,
	purchaseReturnPosted,
	salesCounterPosted,
	salesDeliveryPosted,
	salesOrderPlaced,
	salesReturnPosted
} from './derive/trade';
import { documentVoided, voidedDocument } from './derive/voids';
import {
	purchaseInvoiceRecorded,
	quoteConverted,
	salesInvoiceRecorded,
	salesQuotePlaced
} from './sales/derive';
import { RoleTimeline } from './derive/roles';
import { blockingRefs, EMPTY_PLAN, NO_REFS, planVoids, samePlan, type VoidPlan } from './derive/void-plan';
import { unitCostFen } from './costing/pool';

export interface AddResult {
	/** Events that were new (duplicates ignored). */
	readonly added: number;
	/** How the state was brought up to date. */
	readonly mode: 'none' | 'append' | 'recost' | 'rewind' | 'replay';
	/** Events (re)applied to get there. */
	readonly applied: number;
}

interface Close {
	readonly id: string;
	readonly through: number;
	readonly seen: ReadonlyMap<string, Hlc>;
}

/**
 * Per device ('*' for devices no closer named), its closings sorted by `through`, each with the least
 * HLC of that device seen by it or any later closing: a day falls under the first row whose `through`
 * covers it, and an event of that day is quarantined when its HLC is above the row's `minSeen`.
 */
type CloseIndex = Map<string, { through: number; minSeen: Hlc | null }[]>;

/** The first business day on which two close indexes give some device a different row. */
function firstChangedDay(a: CloseIndex, b: CloseIndex): number {
	let first = Infinity;
	for (const device of new Set([...a.keys(), ...b.keys()])) {
		const ra = a.get(device) ?? a.get('*') ?? [];
		const rb = b.get(device) ?? b.get('*') ?? [];
		// The rows are step functions of the day; walk their common breakpoints.
		let after = -Infinity;
		for (let i = 0; i < ra.length || i < rb.length; i++) {
			const x = ra[i];
			const y = rb[i];
			const same =
				x !== undefined &&
				y !== undefined &&
				x.through === y.through &&
				(x.minSeen === null
					? y.minSeen === null
					: y.minSeen !== null && compareHlc(x.minSeen, y.minSeen) === 0);
			if (!same) {
				first = Math.min(first, after + 1);
				break;
			}
			after = x.through;
		}
	}
	return first;
}

/**
 * [D9] The first load into an empty ledger, when it holds this many events, is applied without writing
 * the undo log; the first event that sorts into it replays from nothing with logging on. Logging is a
 * third of the cost of deriving a month partition, and the replay that may follow costs what the load
 * did plus whatever was appended since, once. A smaller load is logged (it is cheap, and its first rewind stays incremental); a larger one logs
 * its last `undoDays` as before, since replaying it could take seconds.
 */
export const LAZY_LOG = { min: 1000, max: 20_000 } as const;

/**
 * The array, grown now past its length (by half, V8's step), so that the first event added after a bulk
 * load does not pay for copying the whole journal: a first load hands over arrays exactly as long as the
 * journal, and the first insert into one of a million events took about 25 ms per array (measured, three
 * arrays: the first backdated receipt after a load took 178 ms, the next 9 ms). A push grows the store
 * and the pop keeps it (V8 trims only below half). The element pushed is one the array holds, so its
 * kind of elements stays (an empty array has none, and nothing to copy).
 */
function withRoom<T>(a: T[]): T[] {
	if (a.length === 0) return a;
	a.push(a[0]!);
	a.pop();
	return a;
}

/** Room past `n`, as much as withRoom's growth would give; the caller sets the length once filled. */
function roomFor<T>(n: number): T[] {
	// Cut back to a length of at least half its room, V8 keeps the room (it trims only below half).
	return new Array<T>(n + (n >> 1) + 16);
}

/** Counts the events an add goes through and says where its steps end (see `Ledger.adding`). */
class StepCounter {
	#done = 0;
	#left: number;

	constructor(readonly size: number) {
		this.#left = size;
	}

	/** Counts the next event; returns how many came before it if a step ends there, else -1. */
	count(): number {
		const before = this.#done++;
		if (--this.#left > 0) return -1;
		this.#left = this.size;
		return before;
	}
}

export interface LedgerOptions {
	/** How many days of business dates back can be rewound without a full replay. */
	readonly undoDays?: number;
	/**
	 * [D13] Whether a late sale, delivery, adjustment or receipt may re-cost only its stock instead of
	 * rewinding (default true; false makes every late event rewind, as tests of the rewind want).
	 */
	readonly recost?: boolean;
	/** [RP3] Stock moves per block of `stockPeriod`'s index of days (default 4,096; tests make it small). */
	readonly moveBlock?: number;
}

export class Ledger {
	/** Every event by id, each with its slot (see derive/index.ts). */
	readonly #byId = new EventIndex();
	#st = new LedgerState(this.#byId);
	#events: AnyEvent[] = [];
	/** slots[i] = the index slot of events[i] (see derive/index.ts). */
	#slots: number[] = [];
	/** The voided documents' events in derivation order, and the next one not yet passed. */
	#voidedInOrder: AnyEvent[] = [];
	#voidCursor = 0;
	/** Document id → events that build on it (receipts on an order, returns on a receipt, …). */
	readonly #refs = new Map<string, string[]>();
	#voids: VoidPlan = EMPTY_PLAN;
	#grants: JEvent<'user.roles.set'>[] = [];
	#roles = new RoleTimeline([]);
	/** Every document some void event names. */
	readonly #voidTargets = new Set<string>();
	/**
	 * The void targets whose document had not arrived when their void did: what the rare document
	 * arriving after its own void is found by, with no lookup per event in the common case.
	 */
	readonly #voidsAwaiting = new Set<string>();
	/** marks[i] = undo-log position before events[windowStart + i] was applied. */
	#marks: number[] = [];
	#windowStart = 0;
	/**
	 * [D13] Positions [lo, hi) where the undo log does not hold the state in order: a late event was
	 * put at `lo` and its re-costing logged on top, when the journal ended at `hi`. A rewind to a place
	 * inside goes back to `lo` instead (its re-costing is undone on the way, and the sale re-applied).
	 */
	#recostLo = Infinity;
	#recostHi = -1;
	readonly #recostOn: boolean;
	readonly #days: number;
	/** Every stocktake (few), in order: what a re-costed sale looks through for counts after it (D13). */
	#stocktakes: JEvent<'stocktake.posted'>[] = [];
	/** Role events (few) in order, to decide which period closings are valid. */
	#closes: Close[] = [];
	/** The role grants and period closings, in order. */
	#control: AnyEvent[] = [];
	#closeIndex: CloseIndex = new Map();
	#maxThrough = -1;
	/** Counts the calls to `add` that brought new events: what derived answers are cached against. */
	#changes = 0;
	#alerts: { changes: number; list: readonly Alert[] } | null = null;
	#contradictions: { changes: number; count: number } | null = null;
	/** Per business day, the change that last wrote or undid a document dated that day (`dayVersion`). */
	readonly #dayChanges = new Map<number, number>();
	/** The change that last replayed everything (every day changed). */
	#replayedAt = 0;
	/** Per event type, its events in derivation order: built on first use, then kept up to date. */
	#byType: Map<EventType, AnyEvent[]> | null = null;

	constructor(options: LedgerOptions = {}) {
		this.#days = Math.max(0, options.undoDays ?? 62);
		this.#moveBlock = options.moveBlock ?? 4096;
		this.#recostOn = options.recost ?? true;
	}

	get size(): number {
		return this.#events.length;
	}

	/** Writes recorded in the undo log (D3, D9). */
	get undoLogSize(): number {
		return this.#st.store.logSize;
	}

	/** Adds events in any order; returns what it cost. */
	add(input: readonly AnyEvent[]): AddResult {
		const steps = this.#add(input, Infinity);
		for (;;) {
			const r = steps.next();
			if (r.done) return r.value;
		}
	}

	/**
	 * [D11] `add` in steps, for a caller that must give the thread back now and then (the app's catch-up
	 * of a whole journal): the same work as one `add` of `input` (one sort, one plan of voids, one undo
	 * window, never a rewind between parts of it), done about `step` events at a time, one step per
	 * `next()`, which yields how many events have been gone through so far. Deriving a large journal as
	 * a series of adds instead logged every event for undo and rewound for every void, twice the work.
	 * The count it yields takes each event of `input` once as it is indexed, then each event as it is
	 * applied (again, after a rewind or in a replay): 2 × `input.length` in all for new events that sort
	 * after everything already there. Until the iterator is done, the ledger holds the new events
	 * without all of their effects: it must be neither read nor added to meanwhile.
	 */
	adding(input: readonly AnyEvent[], step = 1000): Generator<number, AddResult, void> {
		return this.#add(input, Math.max(1, step));
	}

	*#add(input: readonly AnyEvent[], step: number): Generator<number, AddResult, void> {
		// Sized for the common case (every event new) and cut to what was new: a bulk load of millions
		// of events then fills two arrays once instead of regrowing them. With room past that, so that
		// a first load keeps them as the journal without copying them again (see withRoom).
		let fresh: AnyEvent[] = roomFor(input.length);
		let freshSlots: number[] = roomFor(input.length);
		let n = 0;
		let touchesVoids = false;
		let sorted = true;
		const voidTargets = this.#voidTargets;
		const awaiting = this.#voidsAwaiting;
		const counts: JEvent<'stocktake.posted'>[] = [];
		this.#byId.reserve(this.#byId.size + input.length);
		// Steps count events gone through: those indexed here, then those applied.
		const steps = new StepCounter(step);
		for (const e of input) {
			const end = steps.count();
			if (end >= 0) yield end;
			const slot = this.#byId.add(e);
			if (slot < 0) continue;
			// Checked here, while the event is in cache: a second pass would miss on every event again.
			if (sorted && n > 0 && compareEvents(fresh[n - 1]!, e) > 0) sorted = false;
			fresh[n] = e;
			freshSlots[n++] = slot;
			const refs = blockingRefs(e);
			if (refs !== NO_REFS)
				for (const ref of refs) {
					const list = this.#refs.get(ref);
					if (list) list.push(e.id);
					else this.#refs.set(ref, [e.id]);
					if (voidTargets.has(ref)) touchesVoids = true;
				}
			// A document arriving after its own void changes what the void does.
			if (awaiting.size > 0 && awaiting.delete(e.id)) touchesVoids = true;
			if (e.type === 'document.voided') {
				voidTargets.add(e.payload.ref);
				if (!this.#byId.has(e.payload.ref)) awaiting.add(e.payload.ref);
			} else if (e.type === 'stocktake.posted') counts.push(e);
		}
		if (counts.length > 0) this.#stocktakes = mergeSorted(this.#stocktakes, counts.sort(compareEvents));
		if (n === 0) return { added: 0, mode: 'none', applied: 0 };
		fresh.length = n;
		freshSlots.length = n;
		this.#changes++;
		if (!sorted) [fresh, freshSlots] = sortWithSlots(fresh, freshSlots);
		const events = this.#events;
		const slots = this.#slots;
		let from = lowerBound(events, fresh[0]!);

		const control = fresh.filter(
			(e) => e.type === 'period.closed' || e.type === 'user.roles.set' || e.type === 'document.voided'
		);
		if (control.length > 0) {
			// Role grants, closings and voids are few: they are kept apart, so deciding them never scans history.
			this.#control = mergeSorted(this.#control, control);
			const grants = control.filter((e): e is JEvent<'user.roles.set'> => e.type === 'user.roles.set');
			if (grants.length > 0) from = Math.min(from, this.#regrant(grants));
			const before = this.#closes;
			this.#closes = effectiveCloses(this.#control, this.#roles);
			if (!sameCloses(before, this.#closes)) {
				const beforeIndex = this.#closeIndex;
				this.#indexCloses();
				from = Math.min(from, this.#firstAffectedByCloses(before, beforeIndex));
			}
			touchesVoids = true;
		}
		if (touchesVoids) {
			// A void reaches back to its document's place: rewind there when the plan changes.
			const before = this.#voids;
			this.#voids = this.#planVoids();
			this.#voidedInOrder = [...this.#voids.voided]
				.map((id) => this.#byId.get(id))
				.filter((e) => e !== undefined)
				.sort(compareEvents);
			if (!samePlan(before, this.#voids)) {
				for (const id of symmetricDifference(before.voided, this.#voids.voided))
					from = Math.min(from, lowerBound(events, this.#byId.get(id)!));
				for (const [id, v] of this.#voids.verdicts) {
					const w = before.verdicts.get(id);
					const same = w && w.ok === v.ok && (w.ok || v.ok || w.reason === v.reason);
					if (!same) from = Math.min(from, lowerBound(events, this.#byId.get(id)!));
				}
			}
		}

		if (
			this.#recostOn &&
			n === 1 &&
			from < events.length &&
			from >= this.#windowStart &&
			control.length === 0 &&
			!touchesVoids &&
			this.#recost(fresh[0]!, freshSlots[0]!, from)
		) {
			this.#indexTypes(fresh);
			this.#noteDays();
			return { added: 1, mode: 'recost', applied: 1 };
		}
		// The undo log holds no state in order inside a re-costed range: rewind to its start instead.
		if (from > this.#recostLo && from < this.#recostHi) from = this.#recostLo;
		if (from >= events.length) {
			// Only events inside the window need undo: a bulk append does not log the older ones.
			const horizon = fresh[fresh.length - 1]!.at - this.#days;
			if (events.length === 0 && fresh.length >= LAZY_LOG.min && fresh.length <= LAZY_LOG.max) {
				// [D9] A first load logs nothing: a rewind into it replays it (it is small) with logging on.
				this.#st.store.clearLog();
				this.#marks = [];
				this.#windowStart = fresh.length;
			} else if (fresh[0]!.at < horizon) {
				const keepFrom = events.length + firstOnOrAfter(fresh, horizon);
				if (keepFrom > this.#windowStart + this.#marks.length) {
					this.#st.store.clearLog();
					this.#marks = [];
					this.#windowStart = keepFrom;
				}
			}
			this.#seekVoids(fresh[0]!);
			const at = events.length;
			if (at === 0) {
				// A first load: the new events are the journal (no copy).
				this.#events = withRoom(fresh);
				this.#slots = withRoom(freshSlots);
			} else
				for (let j = 0; j < fresh.length; j++) {
					events.push(fresh[j]!);
					slots.push(freshSlots[j]!);
				}
			for (let j = 0; j < fresh.length; j++) {
				const end = steps.count();
				if (end >= 0) yield end;
				this.#applyAt(at + j, fresh[j]!);
			}
			this.#trimWindow();
			this.#indexTypes(fresh);
			this.#noteDays();
			return { added: fresh.length, mode: 'append', applied: fresh.length };
		}
		if (from >= this.#windowStart) {
			if (from <= this.#recostLo) {
				this.#recostLo = Infinity;
				this.#recostHi = -1;
			}
			this.#st.store.rollback(this.#marks[from - this.#windowStart]!);
			this.#marks.length = from - this.#windowStart;
			const [tail, tailSlots] = mergeWithSlots(events.slice(from), slots.slice(from), fresh, freshSlots);
			events.length = from;
			slots.length = from;
			this.#seekVoids(tail[0]!);
			for (let j = 0; j < tail.length; j++) {
				const end = steps.count();
				if (end >= 0) yield end;
				const e = tail[j]!;
				events.push(e);
				slots.push(tailSlots[j]!);
				this.#applyAt(events.length - 1, e);
			}
			this.#trimWindow();
			this.#indexTypes(fresh);
			this.#noteDays();
			return { added: fresh.length, mode: 'rewind', applied: tail.length };
		}
		const [merged, mergedSlots] = mergeWithSlots(events, slots, fresh, freshSlots);
		this.#events = withRoom(merged);
		this.#slots = withRoom(mergedSlots);
		// Full replay from nothing: the reference every incremental path must agree with.
		const all = this.#events;
		this.#startReplay();
		for (let i = 0; i < all.length; i++) {
			const end = steps.count();
			if (end >= 0) yield end;
			this.#applyAt(i, all[i]!);
		}
		this.#byType = null;
		this.#replayedAt = this.#changes;
		this.#st.takeTouchedDays();
		return { added: fresh.length, mode: 'replay', applied: this.#events.length };
	}

	/**
	 * [D13] A backdated sale, delivery, stock adjustment or receipt (see `canRecost`), applied as if it
	 * sorted last and then re-costing only the stock it moves (derive/backdate.ts), instead of undoing
	 * and re-applying everything after its place. False, with nothing changed, when it needs the rewind.
	 */
	#recost(e: AnyEvent, slot: number, at: number): boolean {
		// Events that build on it (a return that came first) were refused without it: they need re-applying.
		if (this.#refs.has(e.id)) return false;
		const st = this.#st;
		if (!canRecost(st, e, this.#events, at, this.#byId)) return false;
		const store = st.store;
		const top = store.mark();
		store.logging = true;
		st.applying(e, slot);
		this.#apply(e, false);
		const ctx = {
			st,
			index: this.#byId,
			referencing: (id: string) => this.#refs.get(id) ?? NO_IDS,
			stocktakes: () => this.#stocktakes
		};
		if (!recostBackdated(ctx, e, slot)) {
			store.rollback(top);
			return false;
		}
		this.#events.splice(at, 0, e);
		this.#slots.splice(at, 0, slot);
		const w = at - this.#windowStart;
		this.#marks.splice(w, 0, this.#marks[w]!);
		this.#recostLo = Math.min(this.#recostLo, at);
		this.#recostHi = this.#events.length;
		return true;
	}

	/** Empties the state for a full replay of `#events` (the caller applies them in order). */
	#startReplay(): void {
		this.#st = new LedgerState(this.#byId);
		this.#recostLo = Infinity;
		this.#recostHi = -1;
		this.#marks = [];
		const events = this.#events;
		this.#windowStart = events.length
			? firstOnOrAfter(events, events[events.length - 1]!.at - this.#days)
			: 0;
		this.#st.store.logging = false;
		if (events.length > 0) this.#seekVoids(events[0]!);
	}

	/** Positions the voided-document cursor for applying events in order from `e` on. */
	#seekVoids(e: AnyEvent): void {
		this.#voidCursor = lowerBound(this.#voidedInOrder, e);
	}

	#applyAt(i: number, e: AnyEvent): void {
		const st = this.#st;
		const store = st.store;
		store.logging = i >= this.#windowStart;
		if (store.logging) this.#marks.push(store.mark());
		st.applying(e, this.#slots[i]!);
		// Voided documents in derivation order, walked alongside: no id lookup per event.
		const voided = this.#voidedInOrder;
		let c = this.#voidCursor;
		while (c < voided.length && compareEvents(voided[c]!, e) < 0) c++;
		this.#voidCursor = c;
		this.#apply(e, c < voided.length && voided[c] === e);
	}

	#trimWindow(): void {
		const events = this.#events;
		if (events.length === 0) return;
		const keepFrom = firstOnOrAfter(events, events[events.length - 1]!.at - this.#days);
		const excess = keepFrom - this.#windowStart;
		// Trim in chunks: a trim copies what stays, so it waits until what goes is at least a quarter of
		// the log (half of a small one), which keeps it amortised O(1) per event and the log within 4/3
		// of the window. Trimming every 1,024 events instead copied the whole window each time: a
		// catch-up that derives a large journal slice by slice spent most of its time there.
		if (excess < this.#marks.length / 2 && (excess < 1024 || excess < this.#marks.length / 4)) return;
		if (excess <= 0) return;
		const cut = this.#marks[excess]!;
		this.#st.store.forget(cut);
		this.#marks = this.#marks.slice(excess).map((m) => m - cut);
		this.#windowStart = keepFrom;
	}

	// ---------------------------------------------------------------- period closing

	#indexCloses(): void {
		// Per device: closings sorted by `through`, with the minimum HLC seen across every closing at or
		// after that day. An event dated d from device x is quarantined iff its HLC is above that minimum.
		const devices = new Set<string>();
		for (const c of this.#closes) for (const d of c.seen.keys()) devices.add(d);
		const sorted = [...this.#closes].sort((a, b) => a.through - b.through);
		this.#maxThrough = sorted.length ? sorted[sorted.length - 1]!.through : -1;
		this.#closeIndex = new Map();
		for (const device of [...devices, '*']) {
			const rows: { through: number; minSeen: Hlc | null }[] = [];
			let min: Hlc | null | undefined;
			for (let i = sorted.length - 1; i >= 0; i--) {
				const seen = sorted[i]!.seen.get(device) ?? null;
				min =
					min === undefined
						? seen
						: min === null || seen === null
							? null
							: compareHlc(seen, min) < 0
								? seen
								: min;
				rows.unshift({ through: sorted[i]!.through, minSeen: min });
			}
			this.#closeIndex.set(device, rows);
		}
	}

	#quarantinedBy(e: AnyEvent): number | null {
		if (e.at > this.#maxThrough) return null;
		const part = CATALOGUE[e.type].partition;
		if (part === 'master' || e.type === 'period.closed') return null;
		const rows = this.#closeIndex.get(e.hlc.device) ?? this.#closeIndex.get('*')!;
		// First closing whose `through` covers the event's date.
		let lo = 0;
		let hi = rows.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (rows[mid]!.through < e.at) lo = mid + 1;
			else hi = mid;
		}
		const row = rows[lo];
		if (!row) return null;
		if (row.minSeen !== null && compareHlc(e.hlc, row.minSeen) <= 0) return null;
		return row.through;
	}

	#firstAffectedByCloses(before: readonly Close[], beforeIndex: CloseIndex): number {
		// The earliest applied event whose quarantine status may differ under the new closings. Days
		// before the first one whose closing rows changed (for any device) keep their status: the scan
		// starts there, not at the first event (a new month's closing changes only that month).
		const start = firstChangedDay(beforeIndex, this.#closeIndex);
		const events = this.#events;
		if (start === Infinity) return events.length;
		const oldMax = before.reduce((m, c) => Math.max(m, c.through), -1);
		const limit = Math.max(oldMax, this.#maxThrough);
		for (let i = firstOnOrAfter(events, start); i < events.length && events[i]!.at <= limit; i++) {
			// Both whether it is quarantined and by which closing (`through`) must match.
			const q = this.#st.quarantined.map.get(events[i]!.id)?.through ?? null;
			if (q !== this.#quarantinedBy(events[i]!)) return i;
		}
		return events.length;
	}

	/** Rebuilds the role timeline; returns the first position whose permission check may differ. */
	#regrant(fresh: readonly JEvent<'user.roles.set'>[]): number {
		const before = this.#roles;
		this.#grants = [...this.#grants, ...fresh];
		this.#roles = new RoleTimeline(this.#grants);
		if (before.enforced !== this.#roles.enforced) return 0;
		const users = this.#roles.changedUsers(before);
		const events = this.#events;
		for (let i = 0; i < events.length; i++) if (users.has(events[i]!.user)) return i;
		return events.length;
	}

	#planVoids(): VoidPlan {
		return planVoids({
			roles: this.#roles,
			control: this.#control,
			event: (id) => this.#byId.get(id),
			referencers: (id) => this.#refs.get(id) ?? [],
			quarantined: (e) => this.#quarantinedBy(e) !== null,
			settled: (doc, voidEvent) =>
				this.#closes.some((c) => doc.at <= c.through && seenBy(c, doc) && !seenBy(c, voidEvent))
		});
	}

	// ---------------------------------------------------------------- dispatch

	/**
	 * Permission checks already passed, per role held × event type × branch: the answer depends on
	 * nothing else for an ordinary user, and checking it costs a string join per event otherwise.
	 */
	#permits = new Map<RoleState, Map<EventType, Set<string>>>();

	#permitted(role: RoleState | undefined, e: AnyEvent): boolean {
		return (
			role !== undefined && e.user !== RELAY_USER && !!this.#permits.get(role)?.get(e.type)?.has(e.branch)
		);
	}

	#permit(role: RoleState, e: AnyEvent): void {
		let byType = this.#permits.get(role);
		if (!byType) this.#permits.set(role, (byType = new Map()));
		let branches = byType.get(e.type);
		if (!branches) byType.set(e.type, (branches = new Set()));
		branches.add(e.branch);
	}

	#apply(e: AnyEvent, voided: boolean): void {
		const st = this.#st;
		const through = this.#quarantinedBy(e);
		if (through !== null) {
			st.store.set(st.quarantined, e.id, {
				event: e.id,
				type: e.type,
				at: e.at,
				through,
				user: e.user,
				device: e.hlc.device
			});
			return;
		}
		if (voided) return st.putDoc(voidedDocument(e)); // [V1] as if it never happened
		// [U1] Checked against the roles the author held when recording (HLC), once the journal has roles.
		if (e.type === 'user.roles.set') {
			const why = this.#roles.refusal(e.id);
			if (why) return st.reject(e, 'not-permitted', why);
		} else if (this.#roles.enforced || e.user === RELAY_USER) {
			const role = this.#roles.roleAt(e.user, e.hlc);
			if (!this.#permitted(role, e)) {
				const ok = mayRecord(e.type, e.user, e.branch, role);
				if (!ok.ok) return st.reject(e, 'not-permitted', ok.reason);
				if (role && e.user !== RELAY_USER) this.#permit(role, e);
			}
		}
		switch (e.type) {
			case 'product.created':
			case 'supplier.created':
			case 'customer.created':
			case 'warehouse.created':
			case 'branch.created':
			case 'account.created':
				return applyMaster(st, e, e.type.slice(0, e.type.indexOf('.')) as never, true);
			case 'product.updated':
			case 'supplier.updated':
			case 'customer.updated':
			case 'warehouse.updated':
			case 'branch.updated':
			case 'account.updated':
				return applyMaster(st, e, e.type.slice(0, e.type.indexOf('.')) as never, false);
			case 'settings.updated':
				return applyMaster(st, e as never, 'settings', false);
			case 'user.roles.set':
				return; // the role timeline (roles.ts) holds grants
			case 'opening.stock':
				return openingStock(st, e);
			case 'purchase.order.placed':
				return purchaseOrderPlaced(st, e);
			case 'purchase.order.submitted':
			case 'sales.order.submitted':
				return orderSubmitted(st, e);
			case 'purchase.order.approved':
			case 'purchase.order.rejected':
			case 'purchase.order.closed':
			case 'sales.order.approved':
			case 'sales.order.rejected':
			case 'sales.order.closed':
				return orderTransition(st, e);
			case 'purchase.receipt.posted':
				return purchaseReceiptPosted(st, e);
			case 'purchase.return.posted':
				return purchaseReturnPosted(st, e);
			case 'purchase.invoice.recorded':
				return purchaseInvoiceRecorded(st, e);
			case 'sales.order.placed':
				salesOrderPlaced(st, e);
				return quoteConverted(st, e);
			case 'sales.quote.placed':
				return salesQuotePlaced(st, e);
			case 'sales.invoice.recorded':
				return salesInvoiceRecorded(st, e);
			case 'sales.delivery.posted':
				return salesDeliveryPosted(st, e);
			case 'sales.counter.posted':
				return salesCounterPosted(st, e);
			case 'sales.return.posted':
				return salesReturnPosted(st, e);
			case 'stock.transfer.shipped':
				return transferShipped(st, e);
			case 'stock.transfer.received':
				return transferReceived(st, e);
			case 'stocktake.posted':
				return stocktakePosted(st, e);
			case 'stock.adjusted':
				return stockAdjusted(st, e);
			case 'document.voided':
				return documentVoided(
					st,
					e,
					this.#voids.verdicts.get(e.id) ?? { ok: false, code: 'unknown', reason: '' }
				);
			case 'opening.balance':
				return openingBalance(st, e);
			case 'opening.cash':
				return openingCash(st, e);
			case 'payment.received':
			case 'payment.made':
				return paymentPosted(st, e);
			case 'cash.transferred':
				return cashTransferred(st, e);
			case 'expense.paid':
				return expensePaid(st, e);
			case 'income.received':
				return incomeReceived(st, e);
			case 'till.counted':
				return tillCounted(st, e);
			case 'period.closed':
				return;
		}
	}

	// ---------------------------------------------------------------- queries

	/** Stock per product × warehouse. */
	stockLevels(): StockLevel[] {
		const out: StockLevel[] = [];
		for (const t of this.#st.allTotals()) out.push(stockLevel(t));
		return out.sort((a, b) => cmp(a.product, b.product) || cmp(a.warehouse, b.warehouse));
	}

	stockOf(product: string, warehouse: string): StockLevel {
		return stockLevel(this.#st.total(product, warehouse));
	}

	/** One product's stock in every warehouse that has a record of it, by warehouse id (as `stockLevels`). */
	stockOfProduct(product: string): StockLevel[] {
		const out: StockLevel[] = [];
		for (const t of this.#st.totalsOf(product)) out.push(stockLevel(t));
		return out.sort((a, b) => cmp(a.warehouse, b.warehouse));
	}

	/**
	 * [D12] The stock ledger (库存台账) of a product in a warehouse: every move derivation made, in
	 * derivation order, one per document line, with its event, the signed quantity and the signed value
	 * (the value in, or minus the cost out). The quantities sum to the stock on hand, and the values to
	 * its value plus its variance.
	 */
	stockMoves(product: string, warehouse: string): LedgerMove[] {
		const t = this.#st.totalIfAny(product, warehouse);
		if (!t) return [];
		return inEventOrder(
			this.#st.moves.of(t.n).map((m) => ({ event: this.#byId.at(m.slot), q: m.q, value: m.value }))
		);
	}

	/**
	 * [RP3] Every stock cell's moves summed over a span of business days (the 进销存汇总表): what it held
	 * before `from`, what came in and went out on `from`…`to`, each as quantity and value; moves dated
	 * after `to` are left out. A cell that nothing moved up to `to` is not listed.
	 *
	 * What a cell held before `from` is what it holds now (on hand; value plus variance, which is what
	 * its moves sum to, D12 and P2) less the moves dated from `from` on, so only those are read: the moves
	 * lie in derivation order, by day but for late events re-costed in place (D13), and the largest day
	 * of each block of moves (`#moveDays`) tells which blocks hold none of them. A month of the large
	 * demo reads a few per cent of its five million moves.
	 */
	stockPeriod(from: number, to: number): StockPeriodCell[] {
		const moves = this.#st.moves;
		const blockDays = this.#moveDays();
		// Per cell: in and out on from…to, and the net of what came after `to`.
		const STRIDE = 6;
		const sums: number[] = [];
		// Per cell, the event whose moves are being netted (as a stock card nets one document's lines
		// into one row: a document that moved a cell in and out by the same amount moved it by nothing).
		const pending: { slot: number; after: boolean; q: number; value: number }[] = [];
		const flush = (n: number): void => {
			const p = pending[n];
			if (!p || p.slot < 0) return;
			const base = n * STRIDE;
			if (p.after) {
				sums[base + 4]! += p.q;
				sums[base + 5]! += p.value;
			} else if (p.q > 0 || (p.q === 0 && p.value >= 0)) {
				sums[base]! += p.q;
				sums[base + 1]! += p.value;
			} else {
				sums[base + 2]! -= p.q;
				sums[base + 3]! -= p.value;
			}
			p.slot = -1;
		};
		let slot = -1;
		let at = 0;
		for (let i = 0; i < moves.length; i++) {
			const block = Math.floor(i / this.#moveBlock);
			if (block < blockDays.length && blockDays[block]! < from) {
				i = (block + 1) * this.#moveBlock - 1;
				continue;
			}
			// A document's lines are moved one after another: look its day up once.
			const s = moves.slotAt(i);
			if (s !== slot) at = this.#byId.at((slot = s)).at;
			if (at < from) continue;
			const n = moves.totalAt(i);
			while (sums.length < (n + 1) * STRIDE) sums.push(0);
			let p = pending[n];
			if (p?.slot !== s) {
				flush(n);
				p = pending[n] ??= { slot: s, after: false, q: 0, value: 0 };
				p.slot = s;
				p.after = at > to;
				p.q = 0;
				p.value = 0;
			}
			p.q += moves.qAt(i);
			p.value += moves.valueAt(i);
		}
		for (let n = 0; n < pending.length; n++) flush(n);
		const out: StockPeriodCell[] = [];
		for (const t of this.#st.allTotals()) {
			const b = t.n * STRIDE;
			const [inQ = 0, inV = 0, outQ = 0, outV = 0, afterQ = 0, afterV = 0] = sums.slice(b, b + STRIDE);
			const openQ = t.onHand - afterQ - inQ + outQ;
			const openV = t.value + t.variance - afterV - inV + outV;
			if (!openQ && !openV && !inQ && !inV && !outQ && !outV) continue;
			out.push({ product: t.p, warehouse: t.wh, openQ, openV, inQ, inV, outQ, outV });
		}
		return out.sort((a, b) => cmp(a.product, b.product) || cmp(a.warehouse, b.warehouse));
	}

	/**
	 * The largest business day among each full block of `moveBlock` stock moves, kept across calls for
	 * the moves it was read from (a full replay starts new ones).
	 */
	#blockDays: { moves: StockMoves | null; days: number[] } = { moves: null, days: [] };
	readonly #moveBlock: number;

	#moveDays(): readonly number[] {
		const moves = this.#st.moves;
		if (this.#blockDays.moves !== moves) {
			moves.takeLowWater();
			this.#blockDays = { moves, days: [] };
		}
		const days = this.#blockDays.days;
		const full = Math.floor(moves.length / this.#moveBlock);
		// Blocks a rollback reached, or that were not full, are read again.
		const valid = Math.min(days.length, Math.floor(moves.takeLowWater() / this.#moveBlock), full);
		days.length = valid;
		for (let b = valid; b < full; b++) {
			let max = -Infinity;
			let slot = -1;
			for (let i = b * this.#moveBlock; i < (b + 1) * this.#moveBlock; i++) {
				const s = moves.slotAt(i);
				if (s === slot) continue;
				const at = this.#byId.at((slot = s)).at;
				if (at > max) max = at;
			}
			days.push(max);
		}
		return days;
	}

	/** Stock per product × warehouse × batch (non-zero cells). */
	batches(): { product: string; warehouse: string; batch: string; expiry?: number; onHand: number }[] {
		const out = [];
		for (const t of this.#st.allTotals())
			for (const c of t.batches?.values() ?? [])
				if (c.onHand !== 0)
					out.push({
						product: t.p,
						warehouse: t.wh,
						batch: c.batch,
						onHand: c.onHand,
						...(c.expiry !== undefined ? { expiry: c.expiry } : {})
					});
		return out.sort(
			(a, b) => cmp(a.product, b.product) || cmp(a.warehouse, b.warehouse) || cmp(a.batch, b.batch)
		);
	}

	balances(): {
		kind: 'customer' | 'supplier';
		id: string;
		balance: number;
		unapplied: number;
		openItems: number;
	}[] {
		const out = [];
		for (const p of this.#st.parties.map.values())
			out.push({
				kind: p.kind,
				id: p.id,
				balance: p.balance,
				unapplied: p.unapplied,
				openItems: this.#st.items(p.kind, p.id).length
			});
		return out.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.id, b.id));
	}

	balanceOf(kind: 'customer' | 'supplier', id: string): number {
		return this.#st.party(kind, id).balance;
	}

	openItems(kind: 'customer' | 'supplier', id: string): DocState[] {
		return this.#st.items(kind, id).map((d) => this.#st.doc(d)!);
	}

	cash(): { account: string; balance: number }[] {
		return [...this.#st.accounts.entries()]
			.map(([account, a]) => ({ account, balance: a.balance }))
			.sort((a, b) => cmp(a.account, b.account));
	}

	/**
	 * A document as derived now. Read it, do not keep it: a later `add` may revise it in place (events
	 * outside the undo window revise orders and transfers so, `LedgerState.reviseDoc`).
	 */
	document(id: string): DocState | undefined {
		return this.#st.doc(id);
	}

	/** A document's status, without building it (undefined: its event made none, refused or quarantined). */
	documentStatus(id: string): DocStatus | undefined {
		return this.#st.status(id);
	}

	/** A document's status, totals, cost and lines, cheaper than `document()` for most sales. */
	documentFigures(id: string): DocFigures | undefined {
		return this.#st.figures(id);
	}

	documents(): IterableIterator<DocState> {
		return this.#st.allDocs();
	}

	record(kind: string, id: string): RecordState | undefined {
		return this.#st.record(kind, id);
	}

	values(kind: string, id: string): Record<string, unknown> {
		return recordValues(this.record(kind, id));
	}

	records(kind: string): RecordState[] {
		return [...this.#st.records.map.values()].filter((r) => r.kind === kind).sort((a, b) => cmp(a.id, b.id));
	}

	rejected() {
		return [...this.#st.rejected.map.values()].sort((a, b) => cmp(a.event, b.event));
	}

	quarantined() {
		return [...this.#st.quarantined.map.values()].sort((a, b) => cmp(a.event, b.event));
	}

	/**
	 * The alerts of the conflict center, newest state. Derived once per change of the ledger: the menu's
	 * badge, the dashboard and the conflict center each ask after every change (13 ms each on a
	 * two-million-event company). Each call returns its own array.
	 */
	alerts(): Alert[] {
		if (this.#alerts?.changes !== this.#changes)
			this.#alerts = { changes: this.#changes, list: deriveAlerts(this.#st) };
		return this.#alerts.list.slice();
	}

	/**
	 * How many alerts are contradictions, not stock notices (`NOTICE_KINDS`): the badge on every page,
	 * after every change. It leaves out the safety-stock notices, which on a large company are most of
	 * the alerts and most of their cost.
	 */
	contradictionCount(): number {
		if (this.#alerts?.changes === this.#changes) {
			let n = 0;
			for (const a of this.#alerts.list) if (!NOTICE_KINDS.has(a.kind)) n++;
			return n;
		}
		if (this.#contradictions?.changes !== this.#changes)
			this.#contradictions = { changes: this.#changes, count: contradictions(this.#st).length };
		return this.#contradictions.count;
	}

	event(id: string): AnyEvent | undefined {
		return this.#byId.get(id);
	}

	/** The role events (`user.roles.set`), in derivation order: few, and kept apart from the journal. */
	roleEvents(): JEvent<'user.roles.set'>[] {
		return this.#control.filter((e): e is JEvent<'user.roles.set'> => e.type === 'user.roles.set');
	}

	/**
	 * A number that changes whenever a document dated `day` may have changed (was written, or undone by a
	 * rewind): a view aggregated per day recomputes only the days whose number moved.
	 */
	dayVersion(day: number): number {
		return Math.max(this.#replayedAt, this.#dayChanges.get(day) ?? 0);
	}

	#noteDays(): void {
		for (const day of this.#st.takeTouchedDays()) this.#dayChanges.set(day, this.#changes);
	}

	/**
	 * How many events arrived here, and the `i`th of them in the order they arrived (`i` below the
	 * count). A view that depends only on which events exist (not on what they derive) follows the
	 * journal by reading what arrived since it last looked, whatever the ledger did to fit those events
	 * in (append, rewind or replay). The id index numbers events in that order (their slots), so this is
	 * the index's own list: no second array of every event.
	 */
	get arrivedCount(): number {
		return this.#byId.size;
	}

	arrivedAt(i: number): AnyEvent {
		return this.#byId.at(i);
	}

	/** Every event in derivation order (read-only view). */
	get events(): readonly AnyEvent[] {
		return this.#events;
	}

	/**
	 * The events of one type, in derivation order: what a list of documents of a few types reads instead
	 * of every event of the journal (on a large company, a purchase list found its quarter of a million
	 * documents among two million events after every change). A live view: read it before the next `add`.
	 */
	eventsOfType<T extends EventType>(type: T): readonly Extract<AnyEvent, { type: T }>[] {
		return this.#listOf(type) as readonly Extract<AnyEvent, { type: T }>[];
	}

	#listOf(type: EventType): readonly AnyEvent[] {
		return this.#typeIndex().get(type) ?? NO_EVENTS;
	}

	/** The events of several types, in derivation order. */
	eventsOfTypes(types: readonly EventType[]): AnyEvent[] {
		let out: AnyEvent[] = [];
		for (const t of new Set(types)) out = mergeSorted(out, this.#listOf(t));
		return out;
	}

	/** The events of several types, newest first, read lazily (a list that shows the latest few). */
	*latestOfTypes(types: readonly EventType[]): Generator<AnyEvent> {
		const lists = [...new Set(types)].map((t) => this.#listOf(t)).filter((l) => l.length > 0);
		const next = lists.map((l) => l.length - 1);
		for (;;) {
			let best = -1;
			for (let k = 0; k < lists.length; k++)
				if (
					next[k]! >= 0 &&
					(best < 0 || compareEvents(lists[k]![next[k]!]!, lists[best]![next[best]!]!) > 0)
				)
					best = k;
			if (best < 0) return;
			yield lists[best]![next[best]!--]!;
		}
	}

	/**
	 * The events that build on a document (receipts of an order, returns of a receipt or a delivery,
	 * receipts of a transfer, invoices of a delivery), in derivation order.
	 */
	referencing(id: string): AnyEvent[] {
		const ids = this.#refs.get(id);
		if (!ids) return [];
		const out: AnyEvent[] = [];
		for (const ref of ids) {
			const e = this.#byId.get(ref);
			if (e) out.push(e);
		}
		return out.sort(compareEvents);
	}

	#typeIndex(): Map<EventType, AnyEvent[]> {
		if (this.#byType) return this.#byType;
		const index = new Map<EventType, AnyEvent[]>();
		for (const e of this.#events) {
			const list = index.get(e.type);
			if (list) list.push(e);
			else index.set(e.type, [e]);
		}
		return (this.#byType = index);
	}

	/** Files new events (in derivation order) in the type index, if it is built. */
	#indexTypes(fresh: readonly AnyEvent[]): void {
		const index = this.#byType;
		if (!index) return;
		for (const e of fresh) {
			const list = index.get(e.type);
			if (!list) index.set(e.type, [e]);
			else {
				// Most new events sort last; a late one is inserted in place.
				const at = lowerBound(list, e);
				if (at === list.length) list.push(e);
				else list.splice(at, 0, e);
			}
		}
	}

	/**
	 * A deterministic, JSON-able picture of the derived state. `full` adds every document and every
	 * field version: two ledgers with equal full snapshots derived the same state.
	 */
	snapshot(options: { full?: boolean } = {}): LedgerSnapshot {
		const nonZero = (s: StockLevel) => s.onHand || s.reserved || s.incoming || s.value || s.variance;
		const snap: LedgerSnapshot = {
			events: this.#events.length,
			stock: this.stockLevels().filter(nonZero),
			balances: this.balances().filter((b) => b.balance || b.unapplied || b.openItems),
			cash: this.cash().filter((c) => c.balance !== 0),
			alerts: this.alerts(),
			rejected: this.rejected(),
			quarantined: this.quarantined()
		};
		if (options.full) {
			snap.batches = this.batches();
			snap.documents = [...this.#st.allDocs()].sort((a, b) => cmp(a.id, b.id));
			snap.records = [...this.#st.records.map.values()].sort((a, b) => cmp(a.kind + a.id, b.kind + b.id));
			// In event order, and within one event by product and warehouse (a move a backdate added to an
			// event, D13, was made after the event's others); one cell's moves of one event as made.
			const moves = [...this.#st.moves.all()].map((m) => {
				const t = this.#st.numbered(m.total)!;
				return { e: this.#byId.at(m.slot), product: t.p, warehouse: t.wh, q: m.q, value: m.value };
			});
			moves.sort(
				(a, b) =>
					(a.e === b.e ? 0 : compareEvents(a.e, b.e)) ||
					cmp(a.product, b.product) ||
					cmp(a.warehouse, b.warehouse)
			);
			snap.moves = moves.map(({ e, ...m }) => ({ event: e.id, ...m }));
		}
		return snap;
	}
}

export interface StockLevel {
	product: string;
	warehouse: string;
	onHand: number;
	reserved: number;
	available: number;
	incoming: number;
	/** Stock value in fen. */
	value: number;
	/** Display unit cost: fen per base unit, rounded. */
	unitCost: number;
	/** Cost differences from refilling oversold stock (fen). */
	variance: number;
}

export interface LedgerSnapshot {
	events: number;
	stock: StockLevel[];
	balances: ReturnType<Ledger['balances']>;
	cash: ReturnType<Ledger['cash']>;
	alerts: Alert[];
	rejected: ReturnType<Ledger['rejected']>;
	quarantined: ReturnType<Ledger['quarantined']>;
	batches?: ReturnType<Ledger['batches']>;
	documents?: DocState[];
	records?: RecordState[];
	moves?: { event: string; product: string; warehouse: string; q: number; value: number }[];
}

/**
 * One stock cell over a span of days (`Ledger.stockPeriod`): held before it (open), in and out within
 * it, quantities in thousandths and values in fen, in and out both positive (a return in is in, a
 * purchase return out is out). Held at its end: open + in − out.
 */
export interface StockPeriodCell {
	readonly product: string;
	readonly warehouse: string;
	readonly openQ: number;
	readonly openV: number;
	readonly inQ: number;
	readonly inV: number;
	readonly outQ: number;
	readonly outV: number;
}

export interface LedgerMove {
	readonly event: AnyEvent;
	/** Signed quantity in thousandths: positive in, negative out. */
	readonly q: number;
	/** Signed value in fen: the value in, or minus the cost out. */
	readonly value: number;
}

function stockLevel(t: StockTotal): StockLevel {
	return {
		product: t.p,
		warehouse: t.wh,
		onHand: t.onHand,
		reserved: t.reserved,
		available: t.onHand - t.reserved,
		incoming: t.incoming,
		value: t.value,
		unitCost: unitCostFen(t),
		variance: t.variance
	};
}

/** Derives everything from a set of events in one full replay. */
export function deriveAll(events: readonly AnyEvent[], options?: LedgerOptions): Ledger {
	const l = new Ledger(options);
	l.add(events);
	return l;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const NO_EVENTS: readonly AnyEvent[] = [];
const NO_IDS: readonly string[] = [];

/**
 * Moves in the order their events sort, each event's own in the order it made them. They are stored in
 * the order they were made, which is that order except for a re-costed backdated sale's (D13), made
 * last: a sort that finds them sorted costs one comparison per move.
 */
function inEventOrder<M extends { readonly event: AnyEvent }>(moves: M[]): M[] {
	for (let i = 1; i < moves.length; i++)
		if (moves[i - 1]!.event !== moves[i]!.event && compareEvents(moves[i - 1]!.event, moves[i]!.event) > 0)
			return moves.sort((a, b) => (a.event === b.event ? 0 : compareEvents(a.event, b.event)));
	return moves;
}

function mergeSorted<E extends AnyEvent>(a: readonly E[], b: readonly E[]): E[] {
	if (a.length === 0) return b.slice();
	const out: E[] = new Array<E>(a.length + b.length);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < a.length && j < b.length) out[k++] = compareEvents(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
	while (i < a.length) out[k++] = a[i++]!;
	while (j < b.length) out[k++] = b[j++]!;
	return out;
}

/** mergeSorted, carrying each event's slot along. */
function mergeWithSlots(
	a: readonly AnyEvent[],
	as: readonly number[],
	b: readonly AnyEvent[],
	bs: readonly number[]
): [AnyEvent[], number[]] {
	const n = a.length + b.length;
	const out: AnyEvent[] = new Array(n);
	const slots: number[] = new Array(n);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < a.length && j < b.length) {
		if (compareEvents(a[i]!, b[j]!) <= 0) {
			slots[k] = as[i]!;
			out[k++] = a[i++]!;
		} else {
			slots[k] = bs[j]!;
			out[k++] = b[j++]!;
		}
	}
	for (; i < a.length; i++, k++) {
		slots[k] = as[i]!;
		out[k] = a[i]!;
	}
	for (; j < b.length; j++, k++) {
		slots[k] = bs[j]!;
		out[k] = b[j]!;
	}
	return [out, slots];
}

/** Sorts events into derivation order, their slots alongside (`add` checks whether they already are). */
function sortWithSlots(events: AnyEvent[], slots: number[]): [AnyEvent[], number[]] {
	const order = events.map((_, i) => i).sort((x, y) => compareEvents(events[x]!, events[y]!));
	return [order.map((i) => events[i]!), order.map((i) => slots[i]!)];
}

/**
 * [D8] The period closings in force: those whose author held owner or finance at the time (roles as
 * recorded by the relay), or any closing in a journal without roles.
 */
function effectiveCloses(events: readonly AnyEvent[], roles: RoleTimeline): Close[] {
	const out: Close[] = [];
	for (const e of events) {
		if (e.type === 'period.closed') {
			if (roles.enforced && !mayRecord(e.type, e.user, e.branch, roles.roleAt(e.user, e.hlc)).ok) continue;
			const p = (e as JEvent<'period.closed'>).payload;
			const seen = new Map<string, Hlc>();
			for (const s of p.seen) {
				const h = parseHlc(s.hlc);
				if (h) seen.set(s.device, h);
			}
			out.push({ id: e.id, through: p.through, seen });
		}
	}
	return out;
}

/** Whether a closing's author had an event when closing. */
function seenBy(c: Close, e: AnyEvent): boolean {
	const seen = c.seen.get(e.hlc.device);
	return seen !== undefined && compareHlc(e.hlc, seen) <= 0;
}

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
	const out: string[] = [];
	for (const x of a) if (!b.has(x)) out.push(x);
	for (const x of b) if (!a.has(x)) out.push(x);
	return out;
}

function sameCloses(a: readonly Close[], b: readonly Close[]): boolean {
	return a.length === b.length && a.every((c, i) => c.id === b[i]!.id);
}

export type { Alert } from './derive/alerts';
export type { DocFigures, DocState } from './derive/state';
export type { EventType };
