/**
 * The simulation core: a clock shared by every device, an agenda of timed tasks, the event emitter,
 * and what the company remembers about its open documents and money.
 *
 * Ordering invariant: tasks run in time order and every emitted event takes a strictly later wall
 * time than the one before, so the HLC order of the journal is exactly the order in which the
 * generator applied each movement to its own books. The ledger sorts by (at, hlc, id); events dated
 * on the day they are recorded therefore derive in the generator's order, and a backdated event is
 * applied by the generator at the end of its business day, which is where the ledger places it.
 */
import { CATALOGUE, type EventType, type PayloadOf } from '../domain/catalogue';
import { DocSequences } from '../domain/docnumber';
import { makeEvent, type AnyEvent, type JEvent } from '../domain/event';
import { formatHlc, HlcClock } from '../domain/hlc';
import { localMs } from './calendar';
import { buildCompany } from './company';
import type { Branch, Company, Customer, Device, Product, Profile, Supplier, User, Warehouse } from './model';
import { Rng, WeightedTable } from './random';
import { StockBook } from './stock';

interface Task {
	t: number;
	seq: number;
	run: () => void;
}

/** A binary min-heap of tasks by (time, insertion order): equal times run first-come first-served. */
class Agenda {
	readonly #heap: Task[] = [];
	#seq = 0;

	get size(): number {
		return this.#heap.length;
	}

	push(t: number, run: () => void): void {
		const h = this.#heap;
		h.push({ t, seq: this.#seq++, run });
		let i = h.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!before(h[i]!, h[parent]!)) break;
			[h[i], h[parent]] = [h[parent]!, h[i]!];
			i = parent;
		}
	}

	peek(): Task | undefined {
		return this.#heap[0];
	}

	pop(): Task | undefined {
		const h = this.#heap;
		const top = h[0];
		const last = h.pop();
		if (h.length > 0 && last) {
			h[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < h.length && before(h[l]!, h[m]!)) m = l;
				if (r < h.length && before(h[r]!, h[m]!)) m = r;
				if (m === i) break;
				[h[i], h[m]] = [h[m]!, h[i]!];
				i = m;
			}
		}
		return top;
	}
}

const before = (a: Task, b: Task) => a.t < b.t || (a.t === b.t && a.seq < b.seq);

export interface By {
	device: Device;
	user: User;
	/** Business date; default: the day of recording. */
	at?: number;
	/** Branch of a branch-partition event; default: the device's branch. */
	branch?: string;
}

// ---- what the company remembers about its documents ----

export type OrderStatus = 'pending' | 'approved' | 'draft' | 'partial' | 'complete' | 'closed' | 'voided';

export interface OrderLine {
	p: Product;
	q: number;
	amount: number;
	/** Received (accepted) or delivered so far. */
	done: number;
	unit?: string;
}

export interface PurchaseOrder {
	id: string;
	branch: Branch;
	wh: Warehouse;
	supplier: Supplier;
	lines: OrderLine[];
	status: OrderStatus;
	placedOn: number;
}

export interface SalesOrder {
	id: string;
	branch: Branch;
	wh: Warehouse;
	customer: Customer;
	lines: OrderLine[];
	status: OrderStatus;
	/** Delivery attempts that found nothing to ship. */
	misses: number;
}

export interface DocLine {
	p: Product;
	q: number;
	amount: number;
	batch?: string;
	expiry?: number;
	/** Returned so far. */
	returned: number;
}

/** A posted receipt, delivery or counter sale, kept for returns and voids. */
export interface PostedDoc {
	id: string;
	at: number;
	wh: Warehouse;
	lines: DocLine[];
	supplier?: Supplier;
	customer?: Customer;
	tenders?: { account: string; amount: number }[];
	change?: number;
}

export interface OpenItem {
	id: string;
	due: number;
	open: number;
}

export interface PartyBook {
	items: OpenItem[];
}

export interface GenerateOptions {
	profile: Profile;
	seed: number;
	/** Check every event through makeEvent as it is made (slower; tests turn it on). */
	validate?: boolean;
}

export class Sim {
	readonly rng: Rng;
	/** The till counts' own draws (F8), so that adding them left every other draw of the demo as it was. */
	readonly tillRng: Rng;
	/** Other income's own draws (F9, G16), for the same reason. */
	readonly incomeRng: Rng;
	readonly profile: Profile;
	readonly company: Company;
	readonly stock: StockBook;
	readonly setupDay: number;
	readonly firstDay: number;
	readonly lastDay: number;
	/** Simulated wall clock (UTC ms), shared by every device. */
	now = 0;
	today = 0;
	readonly out: AnyEvent[] = [];
	readonly #seq = new DocSequences();
	readonly #agenda = new Agenda();
	readonly #validate: boolean;

	readonly purchaseOrders = new Map<string, PurchaseOrder>();
	readonly salesOrders = new Map<string, SalesOrder>();
	readonly suppliersBook = new Map<string, PartyBook>();
	readonly customersBook = new Map<string, PartyBook>();
	/** What the generator believes each account holds (fen). */
	readonly balances = new Map<string, number>();
	/**
	 * Per drawer (cash account): what till counts found over (+) or short (−) in all. The ledger's
	 * balance is `balances` plus this; kept apart so that every decision the demo took before it had till
	 * counts (what to bank, which bills the bank can pay) is taken the same, and the demo stays the same
	 * company with its drawers counted.
	 */
	readonly tillDrift = new Map<string, number>();
	/** Per branch: what the counter can sell, by popularity; rebuilt when products come and go. */
	retail!: WeightedTable<Product>;
	wholesale!: WeightedTable<Product>;
	/** Per branch: its customers known so far, by tier. */
	customersByBranch: { member: Customer[]; wholesale: Customer[]; retail: Customer[] }[] = [];
	/** Version of the settings record and the purchase approval limit in force. */
	settingsVersion = '';
	poApprovalAbove: number;
	/** Months already repriced / the last month whose books were closed (`yyyy-mm`). */
	readonly repricedMonth = new Set<string>();
	closedMonth = '';

	constructor(options: GenerateOptions, firstDay: number) {
		this.rng = new Rng(options.seed);
		this.tillRng = new Rng((options.seed ^ 0x7111c0de) >>> 0);
		this.incomeRng = new Rng((options.seed ^ 0x1c0e5eed) >>> 0);
		this.profile = options.profile;
		this.#validate = options.validate === true;
		this.poApprovalAbove = options.profile.poApprovalAbove;
		this.firstDay = firstDay;
		this.setupDay = firstDay - 1;
		this.lastDay = firstDay + options.profile.days - 1;
		this.today = this.setupDay;
		this.company = buildCompany(this.rng, this.profile, this.setupDay, (code, branch) => ({
			code,
			branch,
			clock: new HlcClock(code, { now: () => this.now })
		}));
		this.stock = new StockBook(
			this.company.products.length,
			this.company.warehouses.length,
			(p) => this.company.products[p]!.shelfLife !== undefined
		);
		this.refreshAssortment();
		this.refreshCustomers();
	}

	/** Products on sale (introduced; discontinued ones are sold off), as weighted pick tables. */
	refreshAssortment(): void {
		const live = this.company.products.filter((p) => p.introducedOn <= this.today);
		this.retail = new WeightedTable(live, (p) => p.pop);
		this.wholesale = new WeightedTable(
			live.filter((p) => p.wholesale),
			(p) => p.pop
		);
	}

	refreshCustomers(): void {
		this.customersByBranch = this.company.branches.map(() => ({ member: [], wholesale: [], retail: [] }));
		for (const c of this.company.customers)
			if (c.introducedOn <= this.today) this.customersByBranch[c.home.idx]![c.tier].push(c);
	}

	// ---- time ----

	at(t: number, run: () => void): void {
		this.#agenda.push(t, run);
	}

	atLocal(day: number, hour: number, minute: number, run: () => void): void {
		this.#agenda.push(localMs(day, hour, minute, this.rng.int(0, 59)), run);
	}

	/** Runs every task due before `until` (tasks may add more). */
	runUntil(until: number): void {
		for (let task = this.#agenda.peek(); task && task.t < until; task = this.#agenda.peek()) {
			this.#agenda.pop();
			this.now = Math.max(this.now + 1, task.t);
			task.run();
		}
	}

	// ---- events ----

	/** The next document number of a type on a device. */
	docNo(type: EventType, device: Device): number {
		const n = this.#seq.next(type, device.code);
		this.#seq.observe(type, device.code, n);
		return n;
	}

	/** An HLC timestamp from a device without an event (a stocktake's counting start). */
	tick(device: Device): string {
		this.now++;
		return formatHlc(device.clock.tick());
	}

	emit<T extends EventType>(type: T, payload: PayloadOf<T>, by: By): JEvent<T> {
		this.now++;
		const hlc = by.device.clock.tick();
		const id = formatHlc(hlc);
		const branch = CATALOGUE[type].partition === 'branch' ? (by.branch ?? by.device.branch.id) : '';
		const at = by.at ?? this.today;
		let event: JEvent<T>;
		if (this.#validate) {
			const r = makeEvent({ id, type, v: 1, hlc, user: by.user.id, branch, at, payload });
			if (!r.ok) throw new Error(`demo generator made an invalid ${type}: ${r.path} ${r.reason}`);
			event = r.event as JEvent<T>;
		} else {
			event = { id, type, v: 1, hlc, user: by.user.id, branch, at, payload } as JEvent<T>;
		}
		this.out.push(event as AnyEvent);
		return event;
	}

	// ---- money ----

	cashIn(account: string, amount: number): void {
		this.balances.set(account, (this.balances.get(account) ?? 0) + amount);
	}

	book(kind: 'supplier' | 'customer', id: string): PartyBook {
		const books = kind === 'supplier' ? this.suppliersBook : this.customersBook;
		let b = books.get(id);
		if (!b) books.set(id, (b = { items: [] }));
		return b;
	}

	openItem(kind: 'supplier' | 'customer', party: string, item: OpenItem): void {
		if (item.open > 0) this.book(kind, party).items.push(item);
	}

	/** Reduces an open item (a return or a void); anything beyond it is forgotten (a credit). */
	reduceItem(kind: 'supplier' | 'customer', party: string, id: string, amount: number): void {
		const b = this.book(kind, party);
		const item = b.items.find((i) => i.id === id);
		if (!item) return;
		item.open -= Math.min(item.open, amount);
		if (item.open === 0) b.items.splice(b.items.indexOf(item), 1);
	}

	/** What a party owes (customer) or is owed (supplier) in open items. */
	owed(kind: 'supplier' | 'customer', party: string): number {
		return this.book(kind, party).items.reduce((s, i) => s + i.open, 0);
	}
}
