/**
 * A seeded simulation of a small company (STYLE habit 5), for the property tests and the convergence
 * fuzz (issue 2 §4): up to six products (one batch-tracked), two warehouses, two customers, two
 * suppliers, two accounts and five people on five devices.
 *
 * Every operation is decided from a *view*: the Ledger of whoever performs it. In a property test all
 * staff share one view (one company, always online); in the fuzz each replica decides from its own
 * Ledger, fed by its own Y.Doc, so offline staff act on stale facts exactly as real ones would. Most
 * events are valid in the view they were decided from; a few (`invalidRate`) are deliberately not
 * (an over-return, a walk-in sale paid short, an approval of an order that is not pending, …), to
 * exercise rejection. The same seed always gives the same history.
 */
import fc from 'fast-check';
import { CATALOGUE, type EventType, type PayloadOf } from '../../src/lib/domain/catalogue';
import { dayFromIso, dayFromWall } from '../../src/lib/domain/dates';
import { CURRENT_VERSION, makeEvent, type AnyEvent, type JEvent } from '../../src/lib/domain/event';
import { compareHlc, formatHlc, type Hlc } from '../../src/lib/domain/hlc';
import { ALLOWED, RELAY_USER, type Role } from '../../src/lib/domain/derive/permissions';
import type { DocState, DocStatus } from '../../src/lib/domain/derive/state';
import type { CostingMethod } from '../../src/lib/domain/costing/pool';
import { Ledger } from '../../src/lib/domain/ledger';
import { mulDivRound } from '../../src/lib/domain/money';
import { DeviceClock } from '../../src/lib/sync/device-clock';
import { seededRandom, type Random } from '../../src/lib/sync/testing';

export const U = 1000; // one unit, in thousandths
export const PRODUCTS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'] as const;
/** Batch-tracked: receipts carry lots, outbound lines name one. */
export const BATCHED = 'P2';
export const LOTS = ['L1', 'L2'] as const;
export const WAREHOUSES = ['W1', 'W2'] as const;
export const CUSTOMERS = ['C1', 'C2'] as const;
export const SUPPLIERS = ['S1', 'S2'] as const;
export const ACCOUNTS = ['CASH', 'BANK'] as const;
export const BRANCH = 'B01';
/** Business starts on Monday 5 January 2026, 09:00 in China. */
export const START_MS = Date.UTC(2026, 0, 5, 1);
export const DAY0 = dayFromIso('2026-01-05')!;

export interface Staff {
	readonly device: string;
	readonly user: string;
	readonly roles: readonly Role[];
}

export const STAFF: readonly Staff[] = [
	{ device: 'T1', user: 'u1', roles: ['owner'] },
	{ device: 'T2', user: 'u2', roles: ['manager'] },
	{ device: 'T3', user: 'u3', roles: ['sales', 'warehouse'] },
	{ device: 'T4', user: 'u4', roles: ['purchasing', 'warehouse', 'finance'] },
	{ device: 'T5', user: 'u5', roles: ['finance', 'sales'] }
];

const PURCHASE_PRICE: Record<string, number> = { P1: 850, P2: 1290, P3: 333, P4: 2475, P5: 99, P6: 15_000 };

/**
 * One person on one device: their clock, their document numbers, and what they remember having seen
 * (the last HLC of every device, for a period closing; old record versions, to edit from stale data).
 */
export class Actor {
	readonly clock: DeviceClock;
	readonly #time: () => number;
	#roles: readonly string[];
	readonly #lastSeen = new Map<string, Hlc>();
	readonly #stale = new Map<string, string>();
	readonly #ids = new Map<EventType, string[]>();
	readonly #seenIds = new Set<string>();
	#rolesAt: Hlc | null = null;
	#closedThrough = -1;

	constructor(
		readonly staff: Staff,
		time: () => number
	) {
		this.#time = time;
		this.#roles = staff.roles;
		this.clock = new DeviceClock(staff.device, { now: time });
	}

	get device(): string {
		return this.staff.device;
	}

	get today(): number {
		return dayFromWall(this.#time());
	}

	get now(): number {
		return this.#time();
	}

	/** The latest period closing this actor has seen. */
	get closedThrough(): number {
		return this.#closedThrough;
	}

	/** Whether this actor believes their roles allow an event type (they may be out of date). */
	may(type: EventType): boolean {
		return this.#roles.some((r) => (ALLOWED[type] as readonly string[]).includes(r));
	}

	/** Takes in events (own or others', each once however often it is seen): clock, closings, roles. */
	observe(events: readonly AnyEvent[]): void {
		this.clock.observe(events);
		for (const e of events) {
			if (this.#seenIds.has(e.id)) continue;
			this.#seenIds.add(e.id);
			const last = this.#lastSeen.get(e.hlc.device);
			if (!last || compareHlc(e.hlc, last) > 0) this.#lastSeen.set(e.hlc.device, e.hlc);
			if (e.type === 'period.closed') this.#closedThrough = Math.max(this.#closedThrough, e.payload.through);
			// Roles follow recording time: a grant that arrives late does not undo a later one.
			if (e.type === 'user.roles.set' && e.payload.user === this.staff.user)
				if (!this.#rolesAt || compareHlc(e.hlc, this.#rolesAt) > 0) {
					this.#roles = e.payload.roles;
					this.#rolesAt = e.hlc;
				}
			const ids = this.#ids.get(e.type);
			if (ids) ids.push(e.id);
			else this.#ids.set(e.type, [e.id]);
		}
	}

	/** Ids of the events of a type this actor has seen, oldest first (documents are named by them). */
	idsOf(type: EventType): readonly string[] {
		return this.#ids.get(type) ?? [];
	}

	/** What a period closing by this actor lists as seen: the last HLC of every device it knows. */
	seen(): { device: string; hlc: string }[] {
		return [...this.#lastSeen.values()]
			.sort((a, b) => (a.device < b.device ? -1 : 1))
			.map((h) => ({ device: h.device, hlc: formatHlc(h) }));
	}

	nextNo(type: EventType): number {
		return this.clock.nextNo(type);
	}

	/** Stamps and validates an event made by this actor; throws if the factory itself made a bad payload. */
	make<T extends EventType>(
		type: T,
		payload: PayloadOf<T>,
		at = this.today,
		user = this.staff.user
	): JEvent<T> {
		const hlc = this.clock.tick();
		const r = makeEvent({
			id: formatHlc(hlc),
			type,
			v: CURRENT_VERSION,
			hlc,
			user,
			branch: CATALOGUE[type].partition === 'branch' ? BRANCH : '',
			at,
			payload
		});
		if (!r.ok) throw new Error(`business factory made an invalid ${type}: ${r.path} ${r.reason}`);
		this.observe([r.event]);
		return r.event as JEvent<T>;
	}

	/** A record version seen some time ago, to edit from (a clerk who loaded the form an hour ago). */
	staleVersion(key: string, current: string, rng: Random): string {
		const old = this.#stale.get(key);
		if (old === undefined || rng.chance(0.3)) this.#stale.set(key, current);
		return old !== undefined && rng.chance(0.4) ? old : current;
	}
}

/** What an operation is decided from. */
export interface PlanContext {
	readonly actor: Actor;
	readonly view: Ledger;
	readonly rng: Random;
	/** Share of deliberately invalid events (default 0.03). */
	readonly invalidRate?: number;
	/** A business date to use instead of today (a document backdated on purpose). */
	readonly at?: number;
	/** Never switch the costing method. */
	readonly lockCosting?: boolean;
	/** Weights that replace those of OPERATIONS (e.g. many period closings and role changes). */
	readonly weights?: Partial<Record<OpKind, number>>;
	/** Share of events dated a few days back (default 0.08). */
	readonly backdateRate?: number;
}

type Planned = AnyEvent[] | null;

// ---------------------------------------------------------------- helpers over a view

const bad = (c: PlanContext) => c.rng.chance(c.invalidRate ?? 0.03);

/** The documents of these types in the view (looked up by the ids the actor has seen: no full scan). */
function docsOf(c: PlanContext, types: readonly EventType[], statuses?: readonly DocStatus[]): DocState[] {
	const out: DocState[] = [];
	for (const t of types)
		for (const id of c.actor.idsOf(t)) {
			const d = c.view.document(id);
			if (d && (!statuses || statuses.includes(d.status))) out.push(d);
		}
	return out;
}

function liveProducts(view: Ledger): string[] {
	const out = view
		.records('product')
		.filter((r) => r.fields['active']?.value !== false)
		.map((r) => r.id);
	return out.length > 0 ? out : [PRODUCTS[0]];
}

function priceOf(view: Ledger, p: string, which: 'purchasePrice' | 'retailPrice'): number {
	const v = view.values('product', p)[which];
	if (typeof v === 'number') return v;
	const base = PURCHASE_PRICE[p] ?? 500;
	return which === 'purchasePrice' ? base : Math.round(base * 1.6);
}

function vatOf(view: Ledger, p: string): number {
	const v = view.values('product', p)['vat'];
	return typeof v === 'number' ? v : 1300;
}

function units(rng: Random, max = 6): number {
	return rng.chance(0.12) ? rng.int(100, 4_900) : rng.int(1, max) * U;
}

function pickSome<T>(rng: Random, items: readonly T[], max: number): T[] {
	return rng.shuffle(items.slice()).slice(0, rng.int(1, Math.max(1, Math.min(max, items.length))));
}

const amountOf = (q: number, price: number) => Math.max(1, mulDivRound(q, price, U));
const sum = (xs: readonly { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);
const other = <T>(items: readonly T[], x: T): T => items.find((i) => i !== x) ?? x;

/** A lot of the batch-tracked product to take from: one that has stock in the view, if any. */
function lotFor(c: PlanContext, p: string, wh: string): { batch?: string } {
	if (p !== BATCHED) return {};
	const held = c.view.batches().filter((b) => b.product === p && b.warehouse === wh && b.onHand > 0);
	return { batch: held.length > 0 ? c.rng.pick(held).batch : c.rng.pick(LOTS) };
}

/** Outbound quantity: usually no more than the view says is available, sometimes more (an oversell). */
function outQty(c: PlanContext, p: string, wh: string): number {
	const available = c.view.stockOf(p, wh).available;
	const want = units(c.rng);
	if (available <= 0 || c.rng.chance(0.06)) return want;
	return Math.max(1, Math.min(want, available));
}

/** A business date: today, sometimes a few days back, rarely into a closed period (quarantine). */
function pickAt(c: PlanContext): number {
	if (c.at !== undefined) return c.at;
	const today = c.actor.today;
	if (!c.rng.chance(c.backdateRate ?? 0.08)) return today;
	const back = today - c.rng.int(1, 4);
	if (back > c.actor.closedThrough || c.rng.chance(0.15)) return Math.max(0, back);
	return today;
}

interface Line {
	p: string;
	q: number;
	amount: number;
	vat: number;
	batch?: string;
	expiry?: number;
}

function saleLines(c: PlanContext, wh: string, max = 3): Line[] {
	return pickSome(c.rng, liveProducts(c.view), max).map((p) => {
		const q = outQty(c, p, wh);
		return {
			p,
			q,
			amount: amountOf(q, priceOf(c.view, p, 'retailPrice')),
			vat: vatOf(c.view, p),
			...lotFor(c, p, wh)
		};
	});
}

function buyLines(c: PlanContext, max = 3): Line[] {
	return pickSome(c.rng, liveProducts(c.view), max).map((p) => {
		const q = units(c.rng, 20);
		const lot =
			p === BATCHED ? { batch: c.rng.pick(LOTS), expiry: c.actor.today + c.rng.pick([90, 180, 365]) } : {};
		return { p, q, amount: amountOf(q, priceOf(c.view, p, 'purchasePrice')), vat: vatOf(c.view, p), ...lot };
	});
}

function setting(view: Ledger, field: string): unknown {
	return view.values('settings', 'company')[field];
}

function needsApproval(c: PlanContext, field: 'poApprovalAbove' | 'soApprovalAbove', total: number): boolean {
	const limit = setting(c.view, field);
	return typeof limit === 'number' ? total > limit : c.rng.chance(0.3);
}

const remaining = (l: { q: number; done: number }) => Math.max(0, l.q - l.done);

/** A part of what is left: all of it, or a random share (never zero). */
function part(rng: Random, left: number): number {
	return rng.chance(0.5) ? left : Math.max(1, Math.round((left * rng.int(20, 90)) / 100));
}

// ---------------------------------------------------------------- operations

type Op = (c: PlanContext) => Planned;

const counterSale: Op = (c) => {
	const { actor: a, rng } = c;
	const wh = rng.pick(WAREHOUSES);
	const lines = saleLines(c, wh);
	const total = sum(lines);
	const customer = rng.chance(0.3) ? rng.pick(CUSTOMERS) : undefined;
	let tenders: { account: string; amount: number }[];
	let change: number | undefined;
	const style = rng.int(0, 3);
	if (bad(c)) {
		// A walk-in sale paid short, or paid more than the total without change: both rejected.
		tenders = [{ account: 'BANK', amount: rng.chance(0.5) && total > 1 ? total - 1 : total + 100 }];
		return [
			a.make('sales.counter.posted', { no: a.nextNo('sales.counter.posted'), wh, lines, tenders }, pickAt(c))
		];
	}
	if (customer && style === 3 && total > 1) tenders = [{ account: 'BANK', amount: rng.int(1, total - 1) }];
	else if (style === 0 || total < 2) tenders = [{ account: rng.pick(ACCOUNTS), amount: total }];
	else if (style === 1) {
		const paid = Math.ceil(total / 1000) * 1000;
		tenders = [{ account: 'CASH', amount: paid }];
		if (paid > total) change = paid - total;
	} else {
		// Mixed: part by card into the bank, the rest in cash, with change from the till (the first tender).
		const card = rng.int(1, total - 1);
		const cash = Math.ceil((total - card) / 500) * 500;
		tenders = [
			{ account: 'CASH', amount: cash },
			{ account: 'BANK', amount: card }
		];
		if (cash + card > total) change = cash + card - total;
	}
	return [
		a.make(
			'sales.counter.posted',
			{
				no: a.nextNo('sales.counter.posted'),
				...(customer ? { customer } : {}),
				wh,
				lines,
				tenders,
				...(change ? { change } : {})
			},
			pickAt(c)
		)
	];
};

const salesOrder: Op = (c) => {
	const { actor: a, rng } = c;
	const wh = rng.pick(WAREHOUSES);
	const lines = pickSome(rng, liveProducts(c.view), 3).map((p) => {
		const q = units(rng, 8);
		return { p, q, amount: amountOf(q, priceOf(c.view, p, 'retailPrice')), vat: vatOf(c.view, p) };
	});
	const approval = needsApproval(c, 'soApprovalAbove', sum(lines));
	const no = a.nextNo('sales.order.placed');
	return [
		a.make('sales.order.placed', { no, customer: rng.pick(CUSTOMERS), wh, lines, approval }, pickAt(c))
	];
};

const salesDelivery: Op = (c) => {
	const { actor: a, rng } = c;
	const no = a.nextNo('sales.delivery.posted');
	const orders = docsOf(c, ['sales.order.placed'], bad(c) ? undefined : ['approved', 'partial']);
	const due = rng.chance(0.3) ? { due: a.today + 30 } : {};
	if (orders.length > 0 && rng.chance(0.55)) {
		const o = rng.pick(orders);
		const lines: (Line & { line: number })[] = [];
		o.lines.forEach((l, i) => {
			const left = remaining(l);
			if (left === 0 && !rng.chance(0.05)) return;
			if (lines.length > 0 && rng.chance(0.3)) return;
			// Sometimes more than ordered: an over-delivery alert.
			const q = left === 0 || rng.chance(0.05) ? left + U : part(rng, left);
			lines.push({
				p: l.p,
				q,
				amount: amountOf(q, mulDivRound(l.amount, U, l.q)),
				vat: l.vat,
				line: i,
				...lotFor(c, l.p, o.wh!)
			});
		});
		if (lines.length === 0) return null;
		return [
			a.make(
				'sales.delivery.posted',
				{ no, order: o.id, customer: o.party!, wh: o.wh!, lines, ...due },
				pickAt(c)
			)
		];
	}
	const wh = rng.pick(WAREHOUSES);
	const lines = saleLines(c, wh);
	return [
		a.make('sales.delivery.posted', { no, customer: rng.pick(CUSTOMERS), wh, lines, ...due }, pickAt(c))
	];
};

/** An invoice for one to three posted deliveries of one customer (voids may then pick it, V6). */
const salesInvoice: Op = (c) => {
	const { actor: a, rng } = c;
	const posted = docsOf(c, ['sales.delivery.posted'], ['posted']);
	if (posted.length === 0) return null;
	const first = rng.pick(posted);
	const billed = posted
		.filter((d) => d.party === first.party && (d === first || rng.chance(0.3)))
		.slice(0, 3);
	const no = a.nextNo('sales.invoice.recorded');
	return [
		a.make(
			'sales.invoice.recorded',
			{
				no,
				customer: first.party!,
				kind: rng.pick(['normal', 'special'] as const),
				number: `0440${rng.int(1000, 9999)}`,
				deliveries: billed.map((d) => ({ ref: d.id, amount: Math.max(1, d.total) })),
				tax: 0
			},
			pickAt(c)
		)
	];
};

/** A supplier's invoice (收票) for one or a few receipts of theirs (PU15). */
const purchaseInvoice: Op = (c) => {
	const { actor: a, rng } = c;
	const posted = docsOf(c, ['purchase.receipt.posted'], ['posted']);
	if (posted.length === 0) return null;
	const first = rng.pick(posted);
	const billed = posted
		.filter((d) => d.party === first.party && (d === first || rng.chance(0.3)))
		.slice(0, 3);
	const no = a.nextNo('purchase.invoice.recorded');
	return [
		a.make(
			'purchase.invoice.recorded',
			{
				no,
				supplier: first.party!,
				kind: rng.pick(['normal', 'special'] as const),
				number: `3300${rng.int(1000, 9999)}`,
				receipts: billed.map((d) => ({ ref: d.id, amount: Math.max(1, d.total) })),
				tax: 0
			},
			pickAt(c)
		)
	];
};

const salesReturn: Op = (c) => {
	const { actor: a, rng } = c;
	const sold = docsOf(c, ['sales.delivery.posted', 'sales.counter.posted'], ['posted']).filter((d) =>
		d.lines.some((l) => remaining(l) > 0)
	);
	if (sold.length === 0) return null;
	const d = rng.pick(sold);
	const over = bad(c);
	const lines = d.lines
		.map((l, line) => ({ line, q: over ? l.q + U : part(rng, remaining(l)), restock: rng.chance(0.7) }))
		.filter((l, i) => remaining(d.lines[i]!) > 0 && (l.line === 0 || rng.chance(0.5)));
	if (lines.length === 0) return null;
	const no = a.nextNo('sales.return.posted');
	return [a.make('sales.return.posted', { no, delivery: d.id, lines, reason: '客户退货' }, pickAt(c))];
};

const orderDecision = (kind: 'sales' | 'purchase'): Op => {
	return (c) => {
		const { actor: a, rng } = c;
		const placed = kind === 'sales' ? 'sales.order.placed' : 'purchase.order.placed';
		const invalid = bad(c);
		const pending = docsOf(c, [placed], invalid ? undefined : ['pending']);
		const drafts = docsOf(c, [placed], ['draft']);
		if (drafts.length > 0 && (pending.length === 0 || rng.chance(0.4))) {
			const d = rng.pick(drafts);
			// The rejected order, amended: quantities cut down, then submitted again.
			const lines = d.lines.map((l) => {
				const q = Math.max(U, Math.round(l.q / 2 / U) * U);
				return { p: l.p, q, amount: amountOf(q, mulDivRound(l.amount, U, l.q)), vat: l.vat };
			});
			if (kind === 'sales') {
				const approval = needsApproval(c, 'soApprovalAbove', sum(lines));
				return [a.make('sales.order.submitted', { ref: d.id, lines, approval }, pickAt(c))];
			}
			const approval = needsApproval(c, 'poApprovalAbove', sum(lines));
			return [a.make('purchase.order.submitted', { ref: d.id, lines, approval }, pickAt(c))];
		}
		if (pending.length === 0) return null;
		const d = rng.pick(pending);
		const type = rng.chance(0.75) ? (`${kind}.order.approved` as const) : (`${kind}.order.rejected` as const);
		return [a.make(type, { ref: d.id, comment: type.endsWith('approved') ? '同意' : '价格太高' }, pickAt(c))];
	};
};

const orderClose = (kind: 'sales' | 'purchase'): Op => {
	return (c) => {
		const placed = kind === 'sales' ? 'sales.order.placed' : 'purchase.order.placed';
		const open = docsOf(c, [placed], bad(c) ? undefined : ['approved', 'partial']);
		if (open.length === 0) return null;
		const d = c.rng.pick(open);
		return [c.actor.make(`${kind}.order.closed`, { ref: d.id, reason: '不再需要' }, pickAt(c))];
	};
};

const purchaseOrder: Op = (c) => {
	const { actor: a, rng } = c;
	const lines = buyLines(c).map(({ p, q, amount, vat }) => ({ p, q, amount, vat }));
	const approval = needsApproval(c, 'poApprovalAbove', sum(lines));
	const no = a.nextNo('purchase.order.placed');
	const expected = rng.chance(0.5) ? { expected: a.today + rng.int(2, 10) } : {};
	return [
		a.make(
			'purchase.order.placed',
			{ no, supplier: rng.pick(SUPPLIERS), wh: rng.pick(WAREHOUSES), lines, approval, ...expected },
			pickAt(c)
		)
	];
};

const purchaseReceipt: Op = (c) => {
	const { actor: a, rng } = c;
	const no = a.nextNo('purchase.receipt.posted');
	const invalid = bad(c);
	const statuses: DocStatus[] = rng.chance(0.1) ? ['complete'] : ['approved', 'partial'];
	const orders = docsOf(c, ['purchase.order.placed'], invalid ? undefined : statuses);
	if (orders.length > 0 && rng.chance(0.6)) {
		const o = rng.pick(orders);
		const lines: PayloadOf<'purchase.receipt.posted'>['lines'] = [];
		o.lines.forEach((l, i) => {
			const left = remaining(l);
			if (lines.length > 0 && rng.chance(0.25)) return;
			// Inspection: some units refused; sometimes more arrives than was ordered (an alert).
			const arrived = left === 0 || rng.chance(0.08) ? left + units(rng, 2) : part(rng, left);
			const rejected = rng.chance(0.2) ? Math.min(arrived, rng.int(1, 2) * U) : 0;
			const q = arrived - rejected;
			const lot = l.p === BATCHED ? { batch: rng.pick(LOTS), expiry: a.today + 180 } : {};
			lines.push({
				p: l.p,
				q,
				amount: q === 0 ? 0 : amountOf(q, mulDivRound(l.amount, U, l.q)),
				vat: l.vat,
				line: i,
				...(rejected > 0 ? { rejected, reason: '外包装破损' } : {}),
				...lot
			});
		});
		if (lines.length === 0) return null;
		// A receipt naming the wrong supplier is rejected.
		const supplier = invalid && rng.chance(0.5) ? other<string>(SUPPLIERS, o.party!) : o.party!;
		return [a.make('purchase.receipt.posted', { no, order: o.id, supplier, wh: o.wh!, lines }, pickAt(c))];
	}
	const due = rng.chance(0.3) ? { due: a.today + 45 } : {};
	return [
		a.make(
			'purchase.receipt.posted',
			{ no, supplier: rng.pick(SUPPLIERS), wh: rng.pick(WAREHOUSES), lines: buyLines(c), ...due },
			pickAt(c)
		)
	];
};

const purchaseReturn: Op = (c) => {
	const { actor: a, rng } = c;
	const receipts = docsOf(c, ['purchase.receipt.posted'], ['posted']).filter((d) =>
		d.lines.some((l) => remaining(l) > 0)
	);
	if (receipts.length === 0) return null;
	const r = rng.pick(receipts);
	const over = bad(c);
	const lines = r.lines
		.map((l, line) => ({ line, q: over ? l.q + U : part(rng, remaining(l)) }))
		.filter((l) => remaining(r.lines[l.line]!) > 0 && rng.chance(0.7));
	if (lines.length === 0) return null;
	const no = a.nextNo('purchase.return.posted');
	return [a.make('purchase.return.posted', { no, receipt: r.id, lines, reason: '质量问题' }, pickAt(c))];
};

const transferShip: Op = (c) => {
	const { actor: a, rng } = c;
	const from = rng.pick(WAREHOUSES);
	const to = bad(c) ? from : other(WAREHOUSES, from);
	const lines = pickSome(rng, liveProducts(c.view), 2).map((p) => ({
		p,
		q: outQty(c, p, from),
		...lotFor(c, p, from)
	}));
	const no = a.nextNo('stock.transfer.shipped');
	return [a.make('stock.transfer.shipped', { no, from, to, lines }, pickAt(c))];
};

const transferReceive: Op = (c) => {
	const { actor: a, rng } = c;
	const open = docsOf(c, ['stock.transfer.shipped'], ['in-transit']);
	if (open.length === 0) return null;
	const d = rng.pick(open);
	const over = bad(c);
	const lines = d.lines
		.map((l, line) => ({ line, q: over ? l.q + U : part(rng, remaining(l)) }))
		.filter((l) => remaining(d.lines[l.line]!) > 0 && !rng.chance(0.15));
	// `final` with something missing closes the transfer short (an alert with the lost value).
	const final = rng.chance(0.3);
	if (lines.length === 0 && !final) return null;
	return [a.make('stock.transfer.received', { ref: d.id, lines, final }, pickAt(c))];
};

const stocktake: Op = (c) => {
	const { actor: a, rng, view } = c;
	const wh = rng.pick(WAREHOUSES);
	const lines: PayloadOf<'stocktake.posted'>['lines'] = [];
	for (const p of pickSome(rng, liveProducts(view), 3)) {
		const cells =
			p === BATCHED
				? view.batches().filter((b) => b.product === p && b.warehouse === wh)
				: [{ batch: '', onHand: view.stockOf(p, wh).onHand }];
		for (const cell of cells) {
			// Counted as the view has it, or a unit or two off (breakage, theft, a miscount before).
			const noise = rng.chance(0.5) ? 0 : rng.int(-3, 3) * U;
			lines.push({
				p,
				counted: Math.max(0, cell.onHand + noise),
				...(cell.batch ? { batch: cell.batch } : {})
			});
		}
	}
	if (lines.length === 0) return null;
	// Counting started a while ago: sales recorded since then sort after the count.
	const countedAt = formatHlc({ wall: a.now - rng.int(60_000, 3_600_000), counter: 0, device: a.device });
	const no = a.nextNo('stocktake.posted');
	return [a.make('stocktake.posted', { no, wh, countedAt, lines }, c.at)];
};

const adjust: Op = (c) => {
	const { actor: a, rng } = c;
	const wh = rng.pick(WAREHOUSES);
	const lines = pickSome(rng, liveProducts(c.view), 2).map((p) => {
		const gain = rng.chance(0.4);
		const q = gain ? units(rng, 3) : -outQty(c, p, wh);
		const value = gain && rng.chance(0.5) ? { value: amountOf(q, priceOf(c.view, p, 'purchasePrice')) } : {};
		return {
			p,
			q,
			...value,
			...(gain ? (p === BATCHED ? { batch: rng.pick(LOTS) } : {}) : lotFor(c, p, wh))
		};
	});
	const no = a.nextNo('stock.adjusted');
	const reason = lines[0]!.q > 0 ? '盘盈' : rng.pick(['破损', '过期', '被盗']);
	return [a.make('stock.adjusted', { no, wh, reason, lines }, pickAt(c))];
};

const payment = (kind: 'customer' | 'supplier'): Op => {
	return (c) => {
		const { actor: a, rng, view } = c;
		const party = rng.pick(kind === 'customer' ? CUSTOMERS : SUPPLIERS);
		const items = view.openItems(kind, party);
		let amount: number;
		let allocations: { ref: string; amount: number }[] | undefined;
		if (items.length > 0 && rng.chance(0.6)) {
			// Against named documents; sometimes naming more than is open (the excess is credit).
			allocations = pickSome(rng, items, 2).map((d) => ({
				ref: d.id,
				amount: rng.chance(0.15) ? (d.open ?? 0) + 500 : part(rng, d.open ?? 1)
			}));
			amount = sum(allocations);
			if (rng.chance(0.2)) amount += rng.int(1, 5000);
		} else {
			const owed = view.balanceOf(kind, party);
			amount = owed > 0 && rng.chance(0.7) ? part(rng, owed) : rng.int(1, 20_000);
		}
		const account = rng.pick(ACCOUNTS);
		const no = a.nextNo(kind === 'customer' ? 'payment.received' : 'payment.made');
		const alloc = allocations ? { allocations } : {};
		return [
			kind === 'customer'
				? a.make('payment.received', { no, customer: party, account, amount, ...alloc }, pickAt(c))
				: a.make('payment.made', { no, supplier: party, account, amount, ...alloc }, pickAt(c))
		];
	};
};

const cashTransfer: Op = (c) => {
	const { actor: a, rng } = c;
	const from = rng.pick(ACCOUNTS);
	const to = bad(c) ? from : other(ACCOUNTS, from);
	const no = a.nextNo('cash.transferred');
	return [
		a.make('cash.transferred', { no, from, to, amount: rng.int(1, 50) * 1000, note: '存现' }, pickAt(c))
	];
};

const expense: Op = (c) => {
	const { actor: a, rng } = c;
	const no = a.nextNo('expense.paid');
	const category = rng.pick(['rent', 'wages', 'utilities', 'other']);
	return [
		a.make(
			'expense.paid',
			{ no, account: rng.pick(ACCOUNTS), amount: rng.int(1, 30) * 1000, category },
			pickAt(c)
		)
	];
};

/** Money in that is not a sale (F9): a rebate, scrap sold, rent from a sublet. */
const income: Op = (c) => {
	const { actor: a, rng } = c;
	const no = a.nextNo('income.received');
	const category = rng.pick(['rebate', 'scrap', 'rent', 'other']);
	return [
		a.make(
			'income.received',
			{ no, account: rng.pick(ACCOUNTS), amount: rng.int(1, 20) * 1000, category, note: '返利' },
			pickAt(c)
		)
	];
};

/** The drawer counted at the close: what was found, and the difference from the balance the clerk saw. */
const tillCount: Op = (c) => {
	const { actor: a, rng, view } = c;
	const account = rng.pick(ACCOUNTS);
	const balance = view.cash().find((x) => x.account === account)?.balance ?? 0;
	// Mostly even or a few yuan off; now and then a drawer that does not add up at all.
	const diff = rng.chance(0.4) ? 0 : rng.int(-20, 20) * (rng.chance(0.1) ? 10_000 : 50);
	const counted = Math.max(0, balance + diff);
	const no = a.nextNo('till.counted');
	return [a.make('till.counted', { no, account, counted, diff: counted - balance }, pickAt(c))];
};

/** The document types a void can reverse or stop (voids.ts). */
export const VOIDABLE: readonly EventType[] = [
	'purchase.order.placed',
	'sales.order.placed',
	'purchase.receipt.posted',
	'sales.delivery.posted',
	'sales.counter.posted',
	'stock.transfer.shipped',
	'stock.adjusted',
	'opening.stock',
	'payment.received',
	'payment.made',
	'cash.transferred',
	'expense.paid',
	'income.received',
	'till.counted',
	'sales.invoice.recorded',
	'purchase.invoice.recorded'
];

const voidDocument: Op = (c) => {
	const { actor: a, rng } = c;
	// Mostly a document that looks untouched here; sometimes one that others may have built on
	// (a receipt against the order, a return), which the void must wait for (V4).
	const candidates = bad(c)
		? docsOf(c, [...VOIDABLE, 'sales.return.posted', 'stocktake.posted'])
		: rng.chance(0.2)
			? docsOf(c, VOIDABLE).filter((d) => d.status !== 'voided')
			: docsOf(c, VOIDABLE).filter((d) => d.status !== 'voided' && d.lines.every((l) => l.done === 0));
	if (candidates.length === 0) return null;
	// Mostly a recent document: people void what they just got wrong.
	const recent = candidates.slice(-Math.max(3, Math.ceil(candidates.length / 4)));
	const d = rng.pick(rng.chance(0.7) ? recent : candidates);
	return [a.make('document.voided', { ref: d.id, reason: '录入错误' }, pickAt(c))];
};

const MASTER_KINDS = ['product', 'product', 'product', 'customer', 'supplier', 'account'] as const;

const masterEdit: Op = (c) => {
	const { actor: a, rng, view } = c;
	const kind = rng.pick(MASTER_KINDS);
	const ids: readonly string[] =
		kind === 'product'
			? liveProducts(view)
			: kind === 'customer'
				? CUSTOMERS
				: kind === 'supplier'
					? SUPPLIERS
					: ACCOUNTS;
	const id = bad(c) ? `${kind[0]!.toUpperCase()}99` : rng.pick(ids);
	const rec = view.record(kind, id);
	const base = rec ? a.staleVersion(`${kind}:${id}`, rec.version, rng) : undefined;
	const b = base ? { base } : {};
	const n = rng.int(1, 999);
	switch (kind) {
		case 'product': {
			// [D5] An emptied field: a version like any other, concurrent with edits of the same field.
			if (rng.chance(0.12))
				return [
					a.make('product.updated', { id, fields: {}, clear: [rng.pick(['safety', 'barcodes'])], ...b })
				];
			const price = priceOf(view, id, 'purchasePrice');
			const fields = rng.pick([
				{ retailPrice: Math.round(price * (1.4 + rng.int(0, 40) / 100)) },
				{ purchasePrice: Math.max(1, price + rng.int(-50, 80)) },
				{ name: `商品${id}-${n}` },
				{ safety: { W1: { min: rng.int(0, 8) * U, max: 200 * U }, W2: { min: rng.int(0, 4) * U } } },
				// A barcode that may already be another product's: a duplicate-barcode alert.
				{ barcodes: [`69012345${rng.int(0, 6)}`] },
				{ vat: rng.pick([1300, 900]) },
				{ active: !rng.chance(0.1) }
			]);
			return [a.make('product.updated', { id, fields, ...b })];
		}
		case 'customer': {
			if (rng.chance(0.12))
				return [a.make('customer.updated', { id, fields: {}, clear: ['creditLimit'], ...b })];
			const fields = rng.pick([
				{ creditLimit: rng.int(1, 30) * 10_000 },
				{ termsDays: rng.pick([0, 15, 30, 60]) },
				{ name: `客户${id}-${n}` },
				{ discountBp: rng.int(0, 1500) }
			]);
			return [a.make('customer.updated', { id, fields, ...b })];
		}
		case 'supplier': {
			const fields = rng.pick([{ termsDays: rng.pick([0, 30, 60]) }, { name: `供应商${id}-${n}` }]);
			return [a.make('supplier.updated', { id, fields, ...b })];
		}
		case 'account':
			return [a.make('account.updated', { id, fields: { name: `账户${id}-${n}` }, ...b })];
	}
};

const productCreated: Op = (c) => {
	const { actor: a, rng, view } = c;
	const missing = PRODUCTS.filter((p) => !view.record('product', p));
	// Two devices may create the same next product offline: the later one is a duplicate id.
	const id = missing.length > 0 && !bad(c) ? missing[0]! : rng.pick(PRODUCTS);
	const price = PURCHASE_PRICE[id] ?? 500;
	return [
		a.make('product.created', {
			id,
			fields: {
				code: id,
				name: `商品${id}`,
				unit: '个',
				purchasePrice: price,
				retailPrice: Math.round(price * 1.6),
				vat: 1300,
				...(id === BATCHED ? { batchTracked: true, shelfLifeDays: 365 } : {})
			}
		})
	];
};

const settings: Op = (c) => {
	const { actor: a, rng, view } = c;
	const rec = view.record('settings', 'company');
	const base = rec ? { base: a.staleVersion('settings:company', rec.version, rng) } : {};
	const roll = c.lockCosting ? 0.7 + rng.next() * 0.3 : rng.next();
	const fields =
		roll < 0.7
			? { costing: setting(view, 'costing') === 'fifo' ? ('moving-average' as const) : ('fifo' as const) }
			: roll < 0.8
				? { vatDeductible: setting(view, 'vatDeductible') === false }
				: roll < 0.9
					? { poApprovalAbove: rng.int(1, 8) * 10_000 }
					: { soApprovalAbove: rng.int(1, 8) * 10_000 };
	return [a.make('settings.updated', { fields, ...base })];
};

const periodClose: Op = (c) => {
	const { actor: a, rng } = c;
	const through = a.today - rng.int(2, 6);
	if (through <= a.closedThrough || through < DAY0) return null;
	return [a.make('period.closed', { through, seen: a.seen() })];
};

/** The relay records a role change: the warehouse role moves on or off a clerk. */
const rolesChanged: Op = (c) => {
	const { actor: a, rng } = c;
	const s = rng.pick(STAFF.slice(2));
	const roles: Role[] = rng.chance(0.5) ? s.roles.filter((r) => r !== 'warehouse') : [...s.roles];
	if (roles.length === 0) roles.push('sales');
	return [a.make('user.roles.set', { user: s.user, name: s.user, roles, branches: [] }, a.today, RELAY_USER)];
};

export type OpKind =
	| 'counter-sale'
	| 'sales-order'
	| 'sales-order-decision'
	| 'sales-order-close'
	| 'delivery'
	| 'sales-return'
	| 'invoice'
	| 'purchase-order'
	| 'purchase-order-decision'
	| 'purchase-order-close'
	| 'receipt'
	| 'purchase-return'
	| 'purchase-invoice'
	| 'transfer-ship'
	| 'transfer-receive'
	| 'stocktake'
	| 'adjust'
	| 'payment-in'
	| 'payment-out'
	| 'cash-transfer'
	| 'expense'
	| 'income'
	| 'till-count'
	| 'void'
	| 'master-edit'
	| 'product-created'
	| 'settings'
	| 'period-close'
	| 'roles';

export const OPERATIONS: Record<OpKind, { weight: number; type: EventType; plan: Op }> = {
	'counter-sale': { weight: 12, type: 'sales.counter.posted', plan: counterSale },
	'sales-order': { weight: 5, type: 'sales.order.placed', plan: salesOrder },
	'sales-order-decision': { weight: 3, type: 'sales.order.approved', plan: orderDecision('sales') },
	'sales-order-close': { weight: 1, type: 'sales.order.closed', plan: orderClose('sales') },
	delivery: { weight: 8, type: 'sales.delivery.posted', plan: salesDelivery },
	'sales-return': { weight: 3, type: 'sales.return.posted', plan: salesReturn },
	invoice: { weight: 2, type: 'sales.invoice.recorded', plan: salesInvoice },
	'purchase-order': { weight: 5, type: 'purchase.order.placed', plan: purchaseOrder },
	'purchase-order-decision': { weight: 3, type: 'purchase.order.approved', plan: orderDecision('purchase') },
	'purchase-order-close': { weight: 1, type: 'purchase.order.closed', plan: orderClose('purchase') },
	receipt: { weight: 8, type: 'purchase.receipt.posted', plan: purchaseReceipt },
	'purchase-return': { weight: 2, type: 'purchase.return.posted', plan: purchaseReturn },
	'purchase-invoice': { weight: 1, type: 'purchase.invoice.recorded', plan: purchaseInvoice },
	'transfer-ship': { weight: 4, type: 'stock.transfer.shipped', plan: transferShip },
	'transfer-receive': { weight: 4, type: 'stock.transfer.received', plan: transferReceive },
	stocktake: { weight: 2, type: 'stocktake.posted', plan: stocktake },
	adjust: { weight: 2, type: 'stock.adjusted', plan: adjust },
	'payment-in': { weight: 5, type: 'payment.received', plan: payment('customer') },
	'payment-out': { weight: 4, type: 'payment.made', plan: payment('supplier') },
	'cash-transfer': { weight: 1, type: 'cash.transferred', plan: cashTransfer },
	expense: { weight: 1, type: 'expense.paid', plan: expense },
	income: { weight: 0.5, type: 'income.received', plan: income },
	'till-count': { weight: 1, type: 'till.counted', plan: tillCount },
	void: { weight: 4, type: 'document.voided', plan: voidDocument },
	'master-edit': { weight: 6, type: 'product.updated', plan: masterEdit },
	'product-created': { weight: 0.6, type: 'product.created', plan: productCreated },
	settings: { weight: 1, type: 'settings.updated', plan: settings },
	'period-close': { weight: 1, type: 'period.closed', plan: periodClose },
	roles: { weight: 0.3, type: 'user.roles.set', plan: rolesChanged }
};

const KINDS = Object.keys(OPERATIONS) as OpKind[];
const TOTAL_WEIGHT = KINDS.reduce((s, k) => s + OPERATIONS[k].weight, 0);

function pickKind(rng: Random, boost?: Partial<Record<OpKind, number>>): OpKind {
	const weight = (k: OpKind) => boost?.[k] ?? OPERATIONS[k].weight;
	const total = boost ? KINDS.reduce((s, k) => s + weight(k), 0) : TOTAL_WEIGHT;
	let x = rng.next() * total;
	for (const k of KINDS) {
		x -= weight(k);
		if (x < 0) return k;
	}
	return 'counter-sale';
}

/** Performs one operation of the given kind from the actor's view, or null if the view offers none. */
export function planKind(c: PlanContext, kind: OpKind): AnyEvent[] | null {
	return OPERATIONS[kind].plan(c);
}

/**
 * One random business operation by the actor, decided from their view. People mostly do what their
 * roles allow (as they believe them to be); now and then someone tries anyway (rejected: not-permitted).
 */
export function planOperation(c: PlanContext): { kind: OpKind; events: AnyEvent[] } {
	for (let attempt = 0; attempt < 20; attempt++) {
		const kind = pickKind(c.rng, c.weights);
		const op = OPERATIONS[kind];
		if (kind !== 'roles' && !c.actor.may(op.type) && !c.rng.chance(0.02)) continue;
		const events = op.plan(c);
		if (events) return { kind, events };
	}
	return { kind: 'counter-sale', events: counterSale(c)! };
}

// ---------------------------------------------------------------- the opening of the books

/**
 * The company's first day: roles (written by the relay), settings, master data, opening stock, opening
 * balances and cash, all by the owner.
 */
export function setupEvents(owner: Actor, rng: Random, costing?: CostingMethod): AnyEvent[] {
	const a = owner;
	const at = DAY0;
	const out: AnyEvent[] = [];
	for (const s of STAFF)
		out.push(
			a.make(
				'user.roles.set',
				{ user: s.user, name: s.user, roles: [...s.roles], branches: [] },
				at,
				RELAY_USER
			)
		);
	out.push(
		a.make(
			'settings.updated',
			{
				fields: {
					companyName: '示例商贸有限公司',
					costing: rng.chance(0.7) ? 'moving-average' : 'fifo',
					...(costing ? { costing } : {}),
					poApprovalAbove: 30_000,
					soApprovalAbove: 20_000
				}
			},
			at
		)
	);
	out.push(a.make('branch.created', { id: BRANCH, fields: { code: BRANCH, name: '总店' } }, at));
	for (const wh of WAREHOUSES)
		out.push(
			a.make('warehouse.created', { id: wh, fields: { code: wh, name: `${wh}仓`, branch: BRANCH } }, at)
		);
	out.push(a.make('account.created', { id: 'CASH', fields: { name: '现金', kind: 'cash' } }, at));
	out.push(a.make('account.created', { id: 'BANK', fields: { name: '工商银行', kind: 'bank' } }, at));
	for (const id of CUSTOMERS)
		out.push(
			a.make(
				'customer.created',
				{ id, fields: { name: `客户${id}`, creditLimit: 300_000, termsDays: rng.pick([0, 30]) } },
				at
			)
		);
	for (const id of SUPPLIERS)
		out.push(
			a.make(
				'supplier.created',
				{ id, fields: { name: `供应商${id}`, termsDays: rng.pick([0, 30, 60]) } },
				at
			)
		);
	const first = PRODUCTS.slice(0, rng.int(3, 5));
	const view = new Ledger();
	view.add(out);
	for (let i = 0; i < first.length; i++) {
		const created = productCreated({ actor: a, view, rng, invalidRate: 0 })!;
		view.add(created);
		out.push(...created);
	}
	for (const wh of WAREHOUSES) {
		const lines = first
			.filter(() => rng.chance(0.8))
			.map((p) => {
				const q = rng.int(5, 40) * U;
				return { p, q, value: amountOf(q, PURCHASE_PRICE[p]!), ...(p === BATCHED ? { batch: 'L0' } : {}) };
			});
		if (lines.length > 0) out.push(a.make('opening.stock', { no: a.nextNo('opening.stock'), wh, lines }, at));
	}
	out.push(
		a.make(
			'opening.balance',
			{ party: 'customer', id: 'C1', amount: rng.int(1, 50) * 1000, due: at + 10 },
			at
		)
	);
	out.push(a.make('opening.balance', { party: 'customer', id: 'C2', amount: -rng.int(0, 20) * 100 }, at));
	out.push(a.make('opening.balance', { party: 'supplier', id: 'S1', amount: rng.int(1, 80) * 1000 }, at));
	out.push(a.make('opening.cash', { account: 'CASH', amount: rng.int(0, 500) * 100 }, at));
	out.push(a.make('opening.cash', { account: 'BANK', amount: rng.int(100, 5000) * 100 }, at));
	return out;
}

// ---------------------------------------------------------------- one company, always online

export interface History {
	readonly seed: number;
	readonly ops: number;
	/** The opening of the books. */
	readonly setup: readonly AnyEvent[];
	/** Every event, in the order it was made. */
	readonly events: readonly AnyEvent[];
	/** The company's own view at the end (every event added as it was made). */
	readonly ledger: Ledger;
	/** Continue the same company: more operations, or one of a given kind, by a chosen or random actor. */
	readonly more: (kind?: OpKind, options?: MoreOptions) => AnyEvent[];
	readonly actors: readonly Actor[];
	readonly rng: Random;
	readonly clock: { now: number };
}

export interface MoreOptions {
	/** Which of the staff acts (default: anyone). */
	readonly actor?: number;
	/**
	 * Decide from this view instead of the company's ledger; the events are then returned but not
	 * recorded (a what-if: "had someone posted this there").
	 */
	readonly view?: Ledger;
	readonly at?: number;
	readonly invalidRate?: number;
}

export interface HistoryOptions {
	/** How many of the staff work (default 4: owner, manager, and two clerks). */
	readonly staff?: number;
	readonly invalidRate?: number;
	/** Largest step of the shared wall clock between operations (default 3 h). */
	readonly maxStepMs?: number;
	/** One costing method throughout (default: chosen at random, and switched now and then). */
	readonly costing?: CostingMethod;
	readonly weights?: Partial<Record<OpKind, number>>;
}

/** A rough company: frequent closings, role and costing changes, voids and backdating targets. */
export const TURBULENT: Partial<Record<OpKind, number>> = {
	'period-close': 4,
	roles: 2,
	settings: 3,
	void: 8,
	'master-edit': 10,
	stocktake: 4
};

/**
 * A company's history: the opening of the books, then `ops` random operations by random staff, each
 * decided from the company's ledger at that moment. The first k operations of a seed are the same for
 * any ops ≥ k, so a failing history shrinks to a prefix of itself.
 */
export function generateHistory(seed: number, ops: number, options: HistoryOptions = {}): History {
	const rng = seededRandom(seed);
	const clock = { now: START_MS };
	const actors = STAFF.slice(0, options.staff ?? 4).map((s, i) => new Actor(s, () => clock.now + i * 7));
	const ledger = new Ledger();
	const events: AnyEvent[] = [];
	const record = (evs: readonly AnyEvent[]) => {
		ledger.add(evs);
		for (const a of actors) a.observe(evs);
		events.push(...evs);
	};
	record(setupEvents(actors[0]!, rng, options.costing));
	const setup = events.slice();
	const maxStep = options.maxStepMs ?? 3 * 3_600_000;
	const more = (kind?: OpKind, o: MoreOptions = {}) => {
		clock.now += rng.int(60_000, maxStep);
		const actor = o.actor === undefined ? rng.pick(actors) : actors[o.actor]!;
		const c: PlanContext = {
			actor,
			view: o.view ?? ledger,
			rng,
			invalidRate: o.invalidRate ?? options.invalidRate ?? 0.03,
			lockCosting: options.costing !== undefined,
			...(options.weights ? { weights: options.weights } : {}),
			...(o.at === undefined ? {} : { at: o.at })
		};
		const evs = kind ? (planKind(c, kind) ?? []) : planOperation(c).events;
		if (!o.view) record(evs);
		return evs;
	};
	for (let i = 0; i < ops; i++) more();
	return { seed, ops, setup, events, ledger, more, actors, rng, clock };
}

/** fast-check parameters of a history; shrinking `ops` shrinks the history to a prefix. */
export function historyParams(o: { minOps?: number; maxOps?: number } = {}) {
	return fc.record({
		seed: fc.integer({ min: 1, max: 0x7fffffff }),
		ops: fc.integer({ min: o.minOps ?? 0, max: o.maxOps ?? 120 }),
		/** A rough company (TURBULENT) one time in three. */
		turbulent: fc.oneof(fc.constant(false), fc.constant(false), fc.constant(true))
	});
}

/** The history of historyParams(). */
export function historyOf(
	p: { seed: number; ops: number; turbulent?: boolean },
	options: HistoryOptions = {}
) {
	return generateHistory(p.seed, p.ops, p.turbulent ? { ...options, weights: TURBULENT } : options);
}

export { seededRandom, type Random };

/**
 * A history split in two arrivals for views that keep what they read: the first `cut` (0…1) of the
 * events less every fifth of them, then the rest with those fifths, which arrive late, dated on days
 * (and months) a view has already read.
 */
export function lateArrivals(
	events: readonly AnyEvent[],
	cut: number
): { early: AnyEvent[]; late: AnyEvent[] } {
	const k = Math.floor(events.length * cut);
	return {
		early: events.slice(0, k).filter((_, i) => i % 5 !== 4),
		late: [...events.slice(0, k).filter((_, i) => i % 5 === 4), ...events.slice(k)]
	};
}
