/**
 * An open company on this device: the journal (one Y.Doc per partition, kept in IndexedDB by
 * y-indexeddb), a relay connection per live partition, and the Ledger that folds every event the journal
 * delivers. The Ledger is plain TypeScript and mutable; the UI learns that it changed through one
 * `$state` version number bumped by the journal's sink, and every view below is a `$derived` of it, so a
 * page recomputes only what it shows, once per change.
 *
 * Opening: when read models saved by an earlier session exist (read-models.ts), `open()` returns at once
 * and the views show them, marked provisional, while the journal is loaded and the ledger derived in the
 * background (`catchUp` reports the progress); then the views switch to the ledger and the read models
 * are saved again. Without saved read models, `open()` does the same catch-up before it returns.
 * During a catch-up, events are collected, sorted once, and derived in time slices that leave the main
 * thread to the page: partitions load in any order, and feeding them to the ledger one by one would
 * rewind it over and over.
 */
import * as Y from 'yjs';
import type { AnyEvent } from '../domain/event';
import { ALLOWED } from '../domain/derive/permissions';
import { EVENT_TYPES, type EventType } from '../domain/catalogue';
import { dayFromWall, monthOfDay } from '../domain/dates';
import { Ledger } from '../domain/ledger';
import { formatRoom, parseRoom } from '../domain/journal-format';
import { DeviceClock } from '../sync/device-clock';
import { indexedDbPersistence } from '../sync/indexeddb';
import { Journal } from '../sync/journal';
import type { JournalBatch } from '../sync/partition';
import { roomFor } from '../sync/routing';
import type { CommandContext } from '../commands/context';
import { expenseSummary, type ExpenseSummary } from '../projections/cash-book';
import {
	cashFlow,
	cashOutlook,
	FLOW_SPANS,
	OUTLOOK_DAYS,
	type CashFlow,
	type CashOutlook
} from '../projections/cash-flow';
import { conflictCards, urgentCount, type ConflictCard } from '../projections/conflicts';
import { dashboard } from '../projections/dashboard';
import { latestDocuments, type DocumentRow } from '../projections/documents';
import { moneyView } from '../projections/money';
import { masterNames } from '../projections/names';
import { branchCodes, productRows } from '../projections/products';
import { salesReport, soldByProduct } from '../projections/reports';
import { STUCK_SPAN_DAYS, stuckStock, type StuckStock } from '../projections/stuck';
import { stockRows, type StockRow } from '../projections/stock';
import { generateDemoInto, type DemoInfo } from './demo';
import {
	ReadModelStore,
	SAVED_DOCUMENTS,
	samePosition,
	type HeadModels,
	type JournalPosition,
	type ListModels
} from './read-models';
import { accessTo, type RoleGrant, type RoomGrant } from './relay-api';
import { loadVector, RoomSync, type RoomPhase } from './room-sync.svelte';
import { SLICE_MS, sortInSlices, yieldToBrowser } from './slices';
import { withTabs } from './tab-channel';

export interface WorkspaceConfig {
	readonly mode: 'live' | 'demo';
	readonly tenant: string;
	readonly user: string;
	readonly displayName: string;
	readonly device: string;
	/** IndexedDB database prefix: live and demo data never mix. */
	readonly storagePrefix: string;
	readonly rooms: readonly RoomGrant[];
	readonly roles: readonly RoleGrant[];
	/** Demo: the last business day of the demo; live: today. */
	readonly fixedToday?: number;
	readonly branch?: string;
}

export interface ConnectOptions {
	readonly url: string;
	readonly token: string | null;
	readonly epoch: string | null;
	readonly onEpoch: (epoch: string) => void;
}

/** Someone else working in this company now (from awareness on the master partition). */
export interface PresencePeer {
	/** The awareness client id (one per tab). */
	readonly id: number;
	readonly user: string;
	readonly name: string;
	readonly device: string;
	/** The page they are on, as a section path such as `/stock`. */
	readonly page: string;
}

function presencePeer(id: number, state: unknown): PresencePeer | null {
	const p = (state as { presence?: Record<string, unknown> } | null)?.presence;
	if (!p) return null;
	const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 80) : '');
	return {
		id,
		user: text(p.user),
		name: text(p.name) || text(p.user),
		device: text(p.device),
		page: text(p.page)
	};
}

export type SyncPhase = 'demo' | 'offline' | 'syncing' | 'saved' | 'refused' | 'no-token';

/** What the badge shows when a background sign-in was refused (as a relay's 4401: sign in again). */
const SIGN_IN_REFUSED = { code: '4401', reason: 'the relay refused the password' } as const;

export interface RoomInfo {
	readonly room: string;
	readonly phase: RoomPhase | 'local';
	readonly pending: number;
	readonly events: number;
	readonly access: 'read' | 'write';
}

/** Where a catch-up stands: partitions loaded from storage, then events derived. */
export interface CatchUpProgress {
	readonly phase: 'loading' | 'fetching' | 'deriving';
	readonly done: number;
	readonly total: number;
}

/** Events per step of a catch-up's derivation (each step is checked against the time slice). */
const SLICE_EVENTS = 1000;
/** Snapshot requests in flight at once when a new device fetches the history. */
const HISTORY_FETCHES = 4;
/** A history snapshot that has not arrived in this long is given up until the next start. */
const HISTORY_TIMEOUT_MS = 60_000;
/** Read models are saved this long after a change at the soonest (and when the page is hidden). */
const SAVE_DELAY_MS = 1500;
/** …and at least this many times as long as building the last save took, so saving stays under ~5 %. */
const SAVE_SPACING = 20;

/**
 * How long to wait before saving the read models: 1.5 s, or longer when building them is slow (a large
 * company on a tablet: a save that takes 0.4 s every 1.5 s of a busy day would freeze the page a
 * quarter of the time). A page being hidden saves at once regardless.
 */
export function saveDelay(lastSaveMs: number): number {
	return Math.max(SAVE_DELAY_MS, Math.ceil(SAVE_SPACING * lastSaveMs));
}

/**
 * Resolves once the browser has painted what is on screen now (a frame, then the task after it), so the
 * first screen is not held up by background work started right after it was rendered.
 */
function afterPaint(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestAnimationFrame === 'undefined' || document.visibilityState !== 'visible')
			return void setTimeout(resolve, 0);
		requestAnimationFrame(() => setTimeout(resolve, 0));
		// A frame may never come (a hidden or throttled page): do not wait for it long.
		setTimeout(resolve, 500);
	});
}

function readModelStore(): ReadModelStore | null {
	return typeof indexedDB === 'undefined' ? null : new ReadModelStore();
}

function previousMonth(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function nextMonth(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export class Workspace {
	readonly config: WorkspaceConfig;
	#ledger = $state.raw(new Ledger());
	readonly journal: Journal;
	#version = $state(0);
	/** Bumped only when master data (or a whole partition) arrives: names are rebuilt from it. */
	#masterVersion = $state(0);
	#syncs = $state.raw<RoomSync[]>([]);
	#roomEvents: Record<string, number> = {};
	#connect: ConnectOptions | null = null;
	#token = $state<string | null>(null);
	/** A background sign-in was refused (see `signInRefused`). */
	#signInRefused = $state(false);
	#branch = $state('');
	#online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	#ensuring: Promise<void> | null = null;
	/** Set when #ensureLiveRooms is called during a pass: the room list may have grown since it was read. */
	#ensureAgain = false;
	#destroyed = false;
	/** Events collected during a catch-up (null once the ledger follows the journal directly). */
	#buffer: AnyEvent[] | null = [];
	#caughtUp = $state(false);
	#progress = $state.raw<CatchUpProgress | null>(null);
	readonly #store = readModelStore();
	#cachedHead = $state.raw<HeadModels | null>(null);
	#cachedLists = $state.raw<ListModels | null>(null);
	#cachedAt = $state(0);
	/** The position of the read models last read or written (a save at the same position is skipped). */
	#savedPosition: JournalPosition | null = null;
	#saveTimer: ReturnType<typeof setTimeout> | null = null;
	#unsaved = false;
	/** How long building the read models took at the last save (ms). */
	#lastSaveMs = 0;
	#page = '/';
	#peers = $state.raw<PresencePeer[]>([]);
	#presence: RoomSync | null = null;

	constructor(config: WorkspaceConfig) {
		this.config = config;
		this.#branch = config.branch ?? '';
		this.journal = new Journal({
			tenant: config.tenant,
			clock: new DeviceClock(config.device),
			persistence: withTabs(indexedDbPersistence(config.storagePrefix), config.storagePrefix),
			sink: (batch) => this.#onBatch(batch),
			// The demo records on the business day it shows (its last), not on the wall clock's.
			...(config.fixedToday !== undefined ? { today: () => config.fixedToday! } : {})
		});
		if (typeof window !== 'undefined') {
			window.addEventListener('online', this.#onOnline);
			window.addEventListener('offline', this.#onOffline);
			document.addEventListener('visibilitychange', this.#onHidden);
		}
	}

	// ------------------------------------------------------------------ opening

	/**
	 * Opens the company. With saved read models it resolves at once (`fromReadModels`) and catches up in
	 * the background; without, it loads every partition this device holds and derives them first.
	 * Either way the live partitions (master, this and last month) are opened once the ledger is current.
	 */
	async open(): Promise<{ fromReadModels: boolean }> {
		performance.mark('jxc:read-models-asked');
		const head = this.#store ? await this.#store.head(this.#scope).catch(() => null) : null;
		performance.mark('jxc:read-models-read');
		if (head && head.position.events > 0) {
			this.#cachedHead = head.models;
			this.#cachedAt = head.savedAt;
			this.#savedPosition = head.position;
			// The dashboard first: the long lists and the journal are read once it has been painted.
			const store = this.#store!;
			void afterPaint()
				.then(async () => {
					const lists = await store.lists(this.#scope).catch(() => null);
					if (lists && !this.#caughtUp) this.#cachedLists = lists.models;
					await this.#catchUp();
				})
				.catch((error: unknown) => console.error('could not load the journal', error));
			return { fromReadModels: true };
		}
		await this.#catchUp();
		return { fromReadModels: false };
	}

	get #scope(): string {
		return `${this.config.storagePrefix}:${this.config.tenant}`;
	}

	/**
	 * Loads every partition held here (master first), collecting their events, then derives them in
	 * order, in slices, and from then on lets the ledger follow the journal directly.
	 */
	async #catchUp(): Promise<void> {
		const master = formatRoom({ tenant: this.config.tenant, kind: 'master' });
		const known = this.#knownRooms().filter((r) => r !== master);
		const rooms = this.access(master) !== 'none' ? [master, ...known] : known;
		for (const [i, room] of rooms.entries()) {
			if (this.#destroyed) return;
			this.#progress = { phase: 'loading', done: i, total: rooms.length };
			const from = this.#buffer?.length ?? 0;
			await this.#openRoom(room);
			if (this.#holdsUnsent(room, from)) this.#unsent[room] = true;
			// Live partitions sync as soon as they are loaded; what they bring joins the collected events.
			if (this.#connect && this.#syncedRooms().includes(room)) this.#attach(room);
			else if (!this.#keepsOpen(room)) await this.#release(room);
			await yieldToBrowser();
		}
		if (!(await this.#deriveCollected())) return;
		this.#caughtUp = true;
		this.#progress = null;
		this.#cachedHead = null;
		this.#cachedLists = null;
		this.#bumpAll();
		void this.saveReadModels();
		if (this.#connect) {
			await this.#ensureLiveRooms();
			this.#maybeFetchHistory();
		}
	}

	/** Fills an empty demo journal with the generated demo company. */
	async importDemo(onProgress: (phase: 'generating' | 'saving', count: number) => void): Promise<DemoInfo> {
		const info = await generateDemoInto(this.journal, onProgress);
		for (const room of this.journal.rooms()) this.#remember(room);
		this.#bumpAll();
		return info;
	}

	/** Connects the live partitions to the relay (a null token: not yet; `setToken` later). */
	connect(options: ConnectOptions): void {
		this.#connect = options;
		this.#token = options.token;
		for (const room of this.#syncedRooms()) this.#attach(room);
		if (this.#caughtUp) void this.#ensureLiveRooms().catch(() => undefined);
		this.#maybeFetchHistory();
	}

	/**
	 * Derives the events collected in `#buffer`, sorted, in time slices; then the ledger follows the
	 * journal directly again. Resolves false if the workspace was closed meanwhile.
	 */
	async #deriveCollected(): Promise<boolean> {
		const collected = this.#buffer ?? [];
		this.#buffer = [];
		// Everything is derived into a new ledger as one add taken in steps (D11), and the views switch to
		// it when done; they keep the current one meanwhile (a ledger that already holds events, such as
		// master data or the relay's role events dated today, would rewind for older events).
		const current = this.#ledger;
		const target = new Ledger();
		const events = await sortInSlices(current.size === 0 ? [collected] : [current.events, collected]);
		const steps = target.adding(events, SLICE_EVENTS);
		for (let step = steps.next(); !step.done;) {
			if (this.#destroyed) return false;
			// The steps go through each event twice: indexed, then applied (into an empty ledger, in order).
			this.#progress = { phase: 'deriving', done: step.value, total: 2 * events.length };
			const start = performance.now();
			do step = steps.next();
			while (!step.done && performance.now() - start < SLICE_MS);
			await yieldToBrowser();
		}
		// Whatever arrived meanwhile (the relay, another tab, this user) goes in last.
		const late = this.#buffer ?? [];
		this.#buffer = null;
		if (late.length > 0) target.add(late);
		this.#ledger = target;
		return !this.#destroyed;
	}

	#historyStarted = false;

	/** Fetches history once per session, as soon as there is a token and master data to date it by. */
	#maybeFetchHistory(): void {
		if (this.#historyStarted || !this.#caughtUp || !this.#token || this.ledger.size === 0) return;
		this.#historyStarted = true;
		void this.fetchHistory().finally(() => this.#bumpAll());
	}

	/** A new token for a session this device ended itself (a password change): every room reconnects. */
	renewToken(token: string): void {
		this.#token = token;
		this.#signInRefused = false;
		for (const s of this.#syncs) s.resume(token);
	}

	setToken(token: string): void {
		this.#token = token;
		this.#signInRefused = false;
		for (const s of this.#syncs) s.start(token);
		this.#maybeFetchHistory();
	}

	/**
	 * Months before the live ones are fetched once as snapshots over HTTP (no socket stays open for
	 * them) and kept in IndexedDB like the rest: a device new to the company gets its whole history, so
	 * stock and balances derive from every event. Rooms already stored here are skipped.
	 */
	async fetchHistory(fetcher: typeof fetch = fetch): Promise<void> {
		const token = this.#token;
		if (this.config.mode === 'demo' || !token || this.ledger.size === 0) return;
		let first = Infinity;
		for (const e of this.ledger.events) if (e.hlc.wall < first) first = e.hlc.wall;
		const t = this.config.tenant;
		const live = this.#liveRooms();
		const known = this.#knownRooms();
		const last = monthOfDay(dayFromWall(Date.now()));
		const rooms: string[] = [];
		for (let m = monthOfDay(dayFromWall(first)); m <= last; m = nextMonth(m)) {
			rooms.push(formatRoom({ tenant: t, kind: 'finance', month: m }));
			for (const b of this.#branches())
				rooms.push(formatRoom({ tenant: t, kind: 'branch', branch: b, month: m }));
		}
		const queue = rooms.filter(
			(room) => !live.includes(room) && !known.includes(room) && this.access(room) !== 'none'
		);
		if (queue.length === 0) return;
		// A few requests at a time; the events are collected and derived in one sorted pass at the end, as
		// in a catch-up (month by month, each partition would rewind the ledger over the one before).
		this.#buffer ??= [];
		const total = queue.length;
		let done = 0;
		this.#progress = { phase: 'fetching', done, total };
		const fetchNext = async (): Promise<void> => {
			for (let room = queue.shift(); room !== undefined && !this.#destroyed; room = queue.shift()) {
				// A request that stalls errors after a while instead of keeping the device deriving for good.
				const res = await fetcher(`/api/snapshot/${room}`, {
					headers: { authorization: `Bearer ${token}` },
					signal: AbortSignal.timeout(HISTORY_TIMEOUT_MS)
				});
				if (res.ok) {
					const update = new Uint8Array(await res.arrayBuffer());
					await this.#openRoom(room);
					const doc = this.journal.doc(room);
					if (doc) Y.applyUpdate(doc, update, 'snapshot');
					if (!this.#keepsOpen(room)) await this.#release(room);
				}
				this.#progress = { phase: 'fetching', done: ++done, total };
			}
		};
		try {
			await Promise.all(Array.from({ length: HISTORY_FETCHES }, fetchNext));
		} catch {
			queue.length = 0; // Offline: what arrived is kept, the next start fetches the rest.
		}
		await this.#deriveCollected();
		this.#progress = null;
		this.#bumpAll();
		this.#scheduleSave();
		// Branches created in the history have live partitions too.
		if (this.#connect) await this.#ensureLiveRooms();
	}

	get token(): string | null {
		return this.#token;
	}

	access(room: string): 'none' | 'read' | 'write' {
		if (this.config.mode === 'demo') return 'write';
		return accessTo(this.config.rooms, room);
	}

	#storageListKey(): string {
		return `jxc:rooms:${this.config.storagePrefix}:${this.config.tenant}`;
	}

	/** Rooms this device has stored before (remembered per storage prefix and company). */
	#knownRooms(): string[] {
		try {
			const list = JSON.parse(localStorage.getItem(this.#storageListKey()) ?? '[]') as unknown;
			const rooms = Array.isArray(list)
				? list.filter((r): r is string => typeof r === 'string' && !!parseRoom(r))
				: [];
			for (const room of rooms) this.#listed[room] = true;
			return rooms;
		} catch {
			return [];
		}
	}

	/**
	 * Rooms seen in the stored list (which only grows, from any tab) or remembered this session: the
	 * list is not read again for them (not reactive). Reading it for every partition a catch-up opened
	 * made the catch-up quadratic in partitions.
	 */
	readonly #listed: Record<string, true> = {};

	#remember(room: string): void {
		if (this.#listed[room]) return;
		const list = this.#knownRooms();
		this.#listed[room] = true;
		if (list.includes(room)) return;
		try {
			localStorage.setItem(this.#storageListKey(), JSON.stringify([...list, room].sort()));
		} catch {
			// Not remembered: the room is opened again when it is live.
		}
	}

	async #openRoom(room: string): Promise<void> {
		if (this.#destroyed) return;
		await this.journal.open(room);
		delete this.#released[room];
		this.#remember(room);
		this.#bumpAll();
	}

	/**
	 * Partitions that stay open once their events are collected: master data, and this and last month's
	 * (the months this device records in and syncs). Older months are closed by `#release`.
	 */
	#keepsOpen(room: string): boolean {
		const name = parseRoom(room);
		if (!name || name.month === undefined || this.#unsent[room]) return true;
		return name.month >= previousMonth(monthOfDay(dayFromWall(Date.now())));
	}

	/**
	 * Partitions of earlier months that hold events of this device the relay was not known to have: a
	 * device that recorded offline and came back after two month-ends. They stay open and sync like the
	 * live ones, or those events would never leave the device (not reactive).
	 */
	readonly #unsent: Record<string, true> = {};

	/**
	 * Whether a partition just opened holds events of this device (among those it delivered from `from` on
	 * in the collected events) beyond what the relay was last known to hold of it.
	 */
	#holdsUnsent(room: string, from: number): boolean {
		const events = this.#buffer;
		if (this.config.mode === 'demo' || !events || this.access(room) !== 'write') return false;
		if (this.#liveRooms().includes(room)) return false;
		let own = false;
		for (let i = from; i < events.length && !own; i++) own = events[i]!.hlc.device === this.config.device;
		const doc = own ? this.journal.doc(room) : undefined;
		if (!doc) return false;
		const relay = loadVector(`${this.config.storagePrefix}:${room}`);
		for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc)))
			if ((relay.get(client) ?? 0) < clock) return true;
		return false;
	}

	/** The partitions that sync with the relay: the live ones and those holding unsent events. */
	#syncedRooms(): string[] {
		const live = this.#liveRooms();
		return [...live, ...Object.keys(this.#unsent).filter((r) => !live.includes(r))];
	}

	/** State vectors of the partitions `#release` closed, for `position()` (not reactive). */
	readonly #released: Record<string, Uint8Array> = {};

	/** How many partitions of earlier months are kept on this device but closed (all derived). */
	get closedRooms(): number {
		void this.#version;
		return Object.keys(this.#released).length;
	}

	/**
	 * Closes a partition of an earlier month once its events have reached the ledger (or the events being
	 * collected for it). Nothing is recorded into an earlier month (events go to the month they are
	 * recorded in) and those months do not sync, so the document only held memory: a Y.Doc costs about
	 * as much as the decoded events again, most of the tab's memory on a large company. Storage keeps it;
	 * the journal reopens it if it is ever needed, and knows its event ids meanwhile (no double counting).
	 */
	async #release(room: string): Promise<void> {
		const doc = this.journal.doc(room);
		if (!doc) return;
		this.#released[room] = Y.encodeStateVector(doc);
		await this.journal.close(room);
	}

	#branches(): string[] {
		return branchCodes(
			this.#caughtUp ? masterNames(this.ledger) : (this.#cachedHead?.names ?? masterNames(this.ledger)),
			this.config.rooms.map((g) => g.pattern)
		);
	}

	/** The partitions kept live: master, and this and last month's finance and branch partitions. */
	#liveRooms(): string[] {
		if (this.config.mode === 'demo') return [];
		const t = this.config.tenant;
		const month = monthOfDay(dayFromWall(Date.now()));
		const months = [month, previousMonth(month)];
		const rooms = [formatRoom({ tenant: t, kind: 'master' })];
		for (const m of months) rooms.push(formatRoom({ tenant: t, kind: 'finance', month: m }));
		for (const b of this.#branches())
			for (const m of months) rooms.push(formatRoom({ tenant: t, kind: 'branch', branch: b, month: m }));
		return rooms.filter((r) => parseRoom(r) && this.access(r) !== 'none');
	}

	/**
	 * Opens (and connects) live rooms not yet open: new branches appear in master data over time. A call
	 * while a pass is running asks for one more pass: the running one read the room list before the
	 * master data that prompted the call (a new branch) arrived, so it would miss that branch's rooms,
	 * and nothing else opens them (a new device then saw its stock without the branch's events).
	 */
	#ensureLiveRooms(): Promise<void> {
		if (this.#ensuring) {
			this.#ensureAgain = true;
			return this.#ensuring;
		}
		this.#ensuring = (async () => {
			do {
				this.#ensureAgain = false;
				for (const room of this.#liveRooms()) {
					if (!this.journal.isOpen(room)) await this.#openRoom(room);
					if (this.#connect) this.#attach(room);
				}
			} while (this.#ensureAgain && !this.#destroyed);
		})().finally(() => (this.#ensuring = null));
		return this.#ensuring;
	}

	#attach(room: string): void {
		if (this.#destroyed || !this.#connect || this.#syncs.some((s) => s.room === room)) return;
		const doc = this.journal.doc(room);
		if (!doc) return;
		const sync = new RoomSync(room, doc, {
			url: this.#connect.url,
			token: this.#token,
			epoch: this.#connect.epoch,
			onEpoch: this.#connect.onEpoch,
			storageKey: `${this.config.storagePrefix}:${room}`
		});
		this.#syncs = [...this.#syncs, sync];
		if (parseRoom(room)?.kind === 'master') this.#watchPresence(sync);
	}

	// ------------------------------------------------------------------ presence

	/** Announces who works here and on which page, and follows the others, on the master partition. */
	#watchPresence(sync: RoomSync): void {
		this.#presence = sync;
		const awareness = sync.awareness;
		awareness.setLocalStateField('presence', this.#presenceState());
		const update = () => {
			const peers: PresencePeer[] = [];
			for (const [id, state] of awareness.getStates()) {
				if (id === awareness.clientID) continue;
				const peer = presencePeer(id, state);
				if (peer) peers.push(peer);
			}
			this.#peers = peers.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
		};
		awareness.on('change', update);
		update();
	}

	#presenceState() {
		return {
			user: this.config.user,
			name: this.config.displayName,
			device: this.config.device,
			page: this.#page
		};
	}

	/** The page this user is on now (a section path), shown to the others. */
	setPage(page: string): void {
		if (page === this.#page) return;
		this.#page = page;
		this.#presence?.awareness.setLocalStateField('presence', this.#presenceState());
	}

	/** Others working in this company now, with their page. */
	get peers(): readonly PresencePeer[] {
		return this.#peers;
	}

	#onBatch(batch: JournalBatch): void {
		// The sink runs inside Yjs observers: it must never throw.
		try {
			this.#roomEvents[batch.room] = (this.#roomEvents[batch.room] ?? 0) + batch.added.length;
			if (batch.room.endsWith('/master')) this.#masterVersion++;
			// Partitions opened by a command or an import are remembered too, so the next start loads them.
			this.#remember(batch.room);
			if (this.#buffer) {
				for (const e of batch.added) this.#buffer.push(e);
				return;
			}
			if (batch.added.length > 0) this.ledger.add(batch.added);
			this.#bump();
			this.#scheduleSave();
			if (batch.added.some((e) => e.type === 'branch.created') && this.#connect)
				void this.#ensureLiveRooms().catch(() => undefined);
			if (batch.origin === 'remote' && batch.room.endsWith('/master')) this.#maybeFetchHistory();
		} catch (error) {
			console.error('derivation failed', error);
		}
	}

	#bump(): void {
		this.#version++;
	}

	#bumpAll(): void {
		this.#masterVersion++;
		this.#version++;
	}

	// ------------------------------------------------------------------ read models

	#scheduleSave(): void {
		this.#unsaved = true;
		if (this.#saveTimer !== null || this.#destroyed) return;
		this.#saveTimer = setTimeout(() => {
			this.#saveTimer = null;
			void this.saveReadModels();
		}, saveDelay(this.#lastSaveMs));
	}

	#onHidden = () => {
		if (document.visibilityState === 'hidden' && this.#unsaved) void this.saveReadModels();
	};

	/** Where the journal stands: events derived, and each partition's state vector (closed ones too). */
	position(): JournalPosition {
		const rooms: Record<string, Uint8Array> = { ...this.#released };
		for (const room of this.journal.rooms()) {
			const doc = this.journal.doc(room);
			if (doc) rooms[room] = Y.encodeStateVector(doc);
		}
		return { events: this.ledger.size, rooms };
	}

	/**
	 * Saves the ledger's current views as the read models (skipped while catching up, and when nothing
	 * changed since they were last read or written). Resolves with whether it wrote.
	 */
	async saveReadModels(): Promise<boolean> {
		if (!this.#store || !this.#caughtUp) return false;
		this.#unsaved = false;
		if (this.#saveTimer !== null) {
			clearTimeout(this.#saveTimer);
			this.#saveTimer = null;
		}
		const position = this.position();
		if (this.#savedPosition && samePosition(this.#savedPosition, position)) return false;
		const started = performance.now();
		const head: HeadModels = { names: this.names, dashboard: this.dashboard, urgent: this.urgentConflicts };
		const lists: ListModels = {
			stock: this.stock,
			money: this.money,
			report: this.report,
			stuck: this.stuck,
			expenses: this.expenses,
			flows: Object.fromEntries(FLOW_SPANS.map((days) => [days, this.cashFlow(days)])),
			outlook: this.outlook,
			conflicts: this.conflicts,
			documents: latestDocuments(this.ledger, this.names, EVENT_TYPES, SAVED_DOCUMENTS)
		};
		this.#lastSaveMs = performance.now() - started;
		try {
			await this.#store.save(this.#scope, position, head, lists);
			this.#savedPosition = position;
			return true;
		} catch (error) {
			console.error('could not save the read models', error);
			return false;
		}
	}

	#onOnline = () => {
		this.#online = true;
		for (const s of this.#syncs) s.reconnect();
	};

	#onOffline = () => {
		this.#online = false;
	};

	// ------------------------------------------------------------------ state for the UI

	/** Changes whenever the ledger does (read it to depend on the ledger). */
	get version(): number {
		return this.#version;
	}

	/** The branch new documents are recorded for: the one chosen, else the first this user may use (a
	 * company that had no branch when it was opened gets one as soon as its first branch is created). */
	get branch(): string {
		return this.#branch || (this.branches[0] ?? '');
	}

	set branch(code: string) {
		this.#branch = code;
	}

	get today(): number {
		return this.config.fixedToday ?? dayFromWall(Date.now());
	}

	/** Every figure, derived from the journal (partial while `ready` is false). */
	get ledger(): Ledger {
		return this.#ledger;
	}

	/** Distinct events derived so far. */
	get eventCount(): number {
		void this.#version;
		return this.ledger.size;
	}

	/** The ledger has derived everything this device holds; until then the views are the read models. */
	get ready(): boolean {
		return this.#caughtUp;
	}

	/**
	 * [U5] The ledger is not complete yet: the device is opening (from its read models, before or during
	 * the catch-up) or fetching its history. Commands wait for it.
	 */
	get deriving(): boolean {
		return !this.#caughtUp || this.#progress !== null;
	}

	/** Progress of the catch-up (null when there is none). */
	get catchUp(): CatchUpProgress | null {
		return this.#progress;
	}

	/** When the figures shown are the saved read models: their time (ms); otherwise null. */
	readonly provisionalSince = $derived(this.#caughtUp || !this.#cachedHead ? null : this.#cachedAt);

	readonly #cached = $derived(this.#caughtUp ? null : this.#cachedHead);
	readonly #cachedList = $derived(this.#caughtUp ? null : this.#cachedHead && this.#cachedLists);

	// Names change only with master data: a sale must not rebuild them (a scan of every event).
	readonly names = $derived.by(() => this.#cached?.names ?? (this.#masterVersion, masterNames(this.ledger)));
	readonly dashboard = $derived.by(
		() => this.#cached?.dashboard ?? (this.#version, dashboard(this.ledger, this.names, this.today))
	);
	readonly stock: readonly StockRow[] = $derived.by(() =>
		this.#cached ? (this.#cachedList?.stock ?? []) : (this.#version, stockRows(this.ledger, this.names))
	);
	readonly conflicts: readonly ConflictCard[] = $derived.by(() =>
		this.#cached
			? (this.#cachedList?.conflicts ?? [])
			: (this.#version, conflictCards(this.ledger, this.names))
	);
	readonly money = $derived.by(
		() => (this.#cached && this.#cachedList?.money) || (this.#version, moneyView(this.ledger, this.names))
	);
	readonly report = $derived.by(
		() =>
			(this.#cached && this.#cachedList?.report) ||
			(this.#version, salesReport(this.ledger, this.names, this.today))
	);
	/** [F5] Expenses paid in the sales report's 30 days (for the profit card). */
	readonly expenses: ExpenseSummary = $derived.by(
		() =>
			(this.#cached && this.#cachedList?.expenses) ||
			(this.#version, expenseSummary(this.ledger, this.today - 29, this.today))
	);
	/** [F6] 资金流 of the last `days` days, today included (saved for the spans the page offers). */
	cashFlow(days: number): CashFlow {
		const saved = this.#cached && this.#cachedList?.flows[days];
		if (saved) return saved;
		void this.#version;
		return cashFlow(this.ledger, this.today - days + 1, this.today);
	}
	/** [F6] 资金预测 for the next `OUTLOOK_DAYS` days. */
	readonly outlook: CashOutlook = $derived.by(
		() =>
			(this.#cached && this.#cachedList?.outlook) ||
			(this.#version, cashOutlook(this.ledger, this.today, OUTLOOK_DAYS))
	);
	readonly stuck: StuckStock = $derived.by(
		() =>
			(this.#cached && this.#cachedList?.stuck) ||
			(this.#version,
			stuckStock(this.stock, soldByProduct(this.ledger, this.today, STUCK_SPAN_DAYS), this.names))
	);
	readonly products = $derived(productRows(this.names, this.stock));
	// The badge in the menu, shown on every page: counted from the alerts, not from the cards (on a large
	// company building every card costs several times as much, and this runs after every change).
	readonly urgentConflicts = $derived(
		this.#cached ? this.#cached.urgent : (this.#version, urgentCount(this.ledger))
	);
	readonly branches = $derived.by(() =>
		branchCodes(
			this.names,
			this.config.rooms.map((g) => g.pattern)
		)
	);

	/** The latest documents of some types, newest first (from the read models while catching up). */
	documents(types: readonly EventType[], limit: number): DocumentRow[] {
		const cached = this.#cached && this.#cachedList;
		if (cached) return cached.documents.filter((d) => types.includes(d.type)).slice(0, limit);
		void this.#version;
		return latestDocuments(this.ledger, this.names, types, limit);
	}

	/** Local events the relay has not acknowledged, over all live partitions. */
	readonly pending = $derived(this.#syncs.reduce((n, s) => n + s.pending, 0));

	readonly syncPhase: SyncPhase = $derived.by((): SyncPhase => {
		if (this.config.mode === 'demo') return 'demo';
		const syncs = this.#syncs;
		if (syncs.some((s) => s.phase === 'refused')) return 'refused';
		if (this.#token === null) return this.#signInRefused ? 'refused' : 'no-token';
		if (!this.#online || syncs.length === 0) return 'offline';
		// A relay that cannot be reached is "offline" to a clerk, however hard the provider retries.
		if (syncs.every((s) => s.phase === 'offline')) return 'offline';
		if (syncs.every((s) => s.phase === 'saved')) return 'saved';
		return 'syncing';
	});

	/** Why the relay refused, if it did (`4401`: the session ended; `epoch`: the relay was restored). */
	readonly refusal = $derived(
		this.#syncs.find((s) => s.status.refused)?.status.refused ??
			(this.#token === null && this.#signInRefused ? SIGN_IN_REFUSED : null)
	);

	/**
	 * The relay refused the password this device was unlocked with offline (changed or disabled
	 * elsewhere): the device keeps working offline, and the badge asks the user to sign in again instead
	 * of promising to sign in by itself.
	 */
	signInRefused(): void {
		this.#signInRefused = true;
	}

	readonly rooms: RoomInfo[] = $derived.by(() => {
		void this.#version;
		return this.journal
			.rooms()
			.sort()
			.map((room) => {
				const s = this.#syncs.find((x) => x.room === room);
				return {
					room,
					phase: s ? s.phase : 'local',
					pending: s?.pending ?? 0,
					events: this.#roomEvents[room] ?? 0,
					access: this.access(room) === 'read' ? 'read' : 'write'
				};
			});
	});

	/** Resolves once every live partition's local events are on the relay's disk. */
	async whenSaved(): Promise<void> {
		await Promise.all(this.#syncs.map((s) => s.whenSaved()));
	}

	// ------------------------------------------------------------------ commands

	/** May this user record `type` (for `branch`)? Roles and partition access, as the relay will judge. */
	may = (type: EventType, branch: string): boolean => {
		if (this.config.mode === 'demo') return true;
		const grants = this.config.roles.filter(
			(g) => g.role === 'owner' || g.branches === null || branch === '' || g.branches.includes(branch)
		);
		if (!grants.some((g) => ALLOWED[type].includes(g.role))) return false;
		const r = roomFor(this.config.tenant, { type, branch, wall: Date.now() });
		return r.ok && this.access(r.room) === 'write';
	};

	get commands(): CommandContext {
		const current = () => this.ledger;
		const deriving = () => this.deriving;
		return {
			journal: this.journal,
			// Read when used: the ledger object is replaced once a new device has derived its history.
			get ledger() {
				return current();
			},
			user: this.config.user,
			may: this.may,
			// [U5] Read when used, like the ledger: a form made during the catch-up submits after it.
			get deriving() {
				return deriving();
			}
		};
	}

	/** Closes the company; unsaved read models are saved first unless `saveReadModels` is false. */
	async destroy(options: { saveReadModels?: boolean } = {}): Promise<void> {
		if (this.#unsaved && options.saveReadModels !== false) await this.saveReadModels();
		this.#destroyed = true;
		if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
		this.#store?.close();
		if (typeof window !== 'undefined') {
			window.removeEventListener('online', this.#onOnline);
			window.removeEventListener('offline', this.#onOffline);
			document.removeEventListener('visibilitychange', this.#onHidden);
		}
		this.#presence = null;
		for (const s of this.#syncs) s.destroy();
		this.#syncs = [];
		await this.journal.destroy();
	}
}
