/**
 * Cold open from read models (issue 4): a workspace that saved its read models reopens from them at
 * once, marked provisional, catches up from the journal in the background, and from then on shows
 * exactly what a full derivation of the journal shows, and saves that. Runs in Node with
 * fake-indexeddb (y-indexeddb for the journal, Dexie for the read models) and an in-memory localStorage.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import * as Y from 'yjs';
import { EventFactory } from '../../../tests/factories/events';
import { generateDemo } from '../demo/generate';
import { dayFromWall, monthOfDay } from '../domain/dates';
import { formatRoom } from '../domain/journal-format';
import type { AnyEvent } from '../domain/event';
import { deriveAll } from '../domain/ledger';
import { expenseSummary } from '../projections/cash-book';
import { cashFlow, cashOutlook } from '../projections/cash-flow';
import { dashboard } from '../projections/dashboard';
import { latestDocuments } from '../projections/documents';
import { masterNames } from '../projections/names';
import { stockRows } from '../projections/stock';
import { DeviceClock } from '../sync/device-clock';
import { Journal } from '../sync/journal';
import { ReadModelStore } from './read-models';
import { saveDelay, Workspace, type WorkspaceConfig } from './workspace.svelte';

class MemoryStorage {
	#items = new Map<string, string>();
	getItem = (k: string) => this.#items.get(k) ?? null;
	setItem = (k: string, v: string) => void this.#items.set(k, String(v));
	removeItem = (k: string) => void this.#items.delete(k);
}

const SALES = ['sales.counter.posted', 'sales.delivery.posted'] as const;
let demo: AnyEvent[] = [];
let today = 0;
let prefixes = 0;

beforeAll(() => {
	(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
	demo = [...generateDemo({ size: 'tiny' })];
	today = Math.max(...demo.map((e) => e.at));
});

function config(prefix: string): WorkspaceConfig {
	return {
		mode: 'demo',
		tenant: 'demo',
		user: 'owner',
		displayName: 'Owner',
		device: 'T1',
		storagePrefix: prefix,
		rooms: [],
		roles: [],
		fixedToday: today
	};
}

/**
 * A signed-in device's workspace (live mode) of a user who writes master data and branches and reads
 * finance. Node 20 has no WebSocket: the providers are created but, without a token, never connect.
 */
function liveConfig(prefix: string): WorkspaceConfig {
	(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
	return {
		...config(prefix),
		mode: 'live',
		rooms: [
			{ pattern: 't/demo/master', access: 'write' },
			{ pattern: 't/demo/finance/*', access: 'read' },
			{ pattern: 't/demo/b/*/*', access: 'write' }
		]
	};
}

/** Lets fake-indexeddb commit what y-indexeddb queued (it writes each update in its own transaction). */
async function settle(): Promise<void> {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function until(check: () => boolean, ms = 20_000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 5));
	}
}

/** What a full derivation of these events shows. */
function expected(events: readonly AnyEvent[]) {
	const ledger = deriveAll(events);
	const names = masterNames(ledger);
	return {
		dashboard: dashboard(ledger, names, today),
		stock: stockRows(ledger, names),
		sales: latestDocuments(ledger, names, SALES, 5),
		expenses: expenseSummary(ledger, today - 29, today),
		flow: cashFlow(ledger, today - 29, today),
		outlook: cashOutlook(ledger, today, 30)
	};
}

describe('Workspace read models', () => {
	it('without read models: open() derives the journal first, then saves them', async () => {
		const prefix = `ws-test-${prefixes++}`;
		const ws = new Workspace(config(prefix));
		expect((await ws.open()).fromReadModels).toBe(false);
		expect(ws.ready).toBe(true);
		await ws.journal.append(demo);
		await settle();
		expect(await ws.saveReadModels()).toBe(true);
		// Nothing changed since: not written again.
		expect(await ws.saveReadModels()).toBe(false);
		await ws.destroy();
		const saved = await new ReadModelStore().head(`${prefix}:demo`);
		expect(saved?.position.events).toBe(demo.length);
		expect(saved?.models.dashboard).toEqual(expected(demo).dashboard);
	});

	it('reopens from them at once, then shows and saves what the journal says once caught up', async () => {
		const prefix = `ws-test-${prefixes++}`;
		const first = new Workspace(config(prefix));
		await first.open();
		const older = demo.slice(0, Math.floor(demo.length * 0.8));
		await first.journal.append(older);
		await first.saveReadModels();
		// More events reach the journal, and the session ends before their read models are saved
		// (e.g. the tab was killed): the stored picture is now stale.
		await first.journal.append(demo);
		await settle();
		(first as unknown as { saveReadModels: () => Promise<boolean> }).saveReadModels = () =>
			Promise.resolve(false);
		await first.destroy();

		const ws = new Workspace(config(prefix));
		expect((await ws.open()).fromReadModels).toBe(true);
		expect(ws.ready).toBe(false);
		expect(ws.provisionalSince).not.toBeNull();
		// [U5] Until the journal is derived, commands wait (a form's command made now reads it later).
		const commands = ws.commands;
		expect(ws.deriving).toBe(true);
		expect(commands.deriving).toBe(true);
		expect(ws.dashboard).toEqual(expected(older).dashboard);
		// The document lists too, once the long lists are read (right after the first paint).
		await until(() => ws.documents(SALES, 5).length > 0 || ws.ready);
		if (!ws.ready) expect(ws.documents(SALES, 5)).toEqual(expected(older).sales);
		// And the profit card's expenses (F5), which the ledger alone has only once derived.
		if (!ws.ready) expect(ws.expenses).toEqual(expected(older).expenses);
		// And the money page's 资金流 and 资金预测 (F6).
		if (!ws.ready)
			expect([ws.cashFlow(30), ws.outlook]).toEqual([expected(older).flow, expected(older).outlook]);

		await until(() => ws.ready);
		const truth = expected(demo);
		expect(ws.provisionalSince).toBeNull();
		expect(commands.deriving).toBe(false);
		expect(ws.dashboard).toEqual(truth.dashboard);
		expect(ws.stock).toEqual(truth.stock);
		expect(ws.documents(SALES, 5)).toEqual(truth.sales);
		expect(truth.expenses.total).toBeGreaterThan(0);
		expect(ws.expenses).toEqual(truth.expenses);
		expect(truth.flow.lines.length).toBeGreaterThan(0);
		expect([ws.cashFlow(30), ws.outlook]).toEqual([truth.flow, truth.outlook]);
		expect(ws.ledger.size).toBe(demo.length);
		// The read models are replaced by the ledger's.
		const store = new ReadModelStore();
		let saved = await store.head(`${prefix}:demo`);
		for (let i = 0; i < 100 && saved?.position.events !== demo.length; i++) {
			await new Promise((r) => setTimeout(r, 20));
			saved = await store.head(`${prefix}:demo`);
		}
		expect(saved?.models.dashboard).toEqual(truth.dashboard);
		expect((await store.lists(`${prefix}:demo`))?.models.stock).toEqual(truth.stock);
		expect((await store.lists(`${prefix}:demo`))?.models.expenses).toEqual(truth.expenses);
		expect((await store.lists(`${prefix}:demo`))?.models.flows[30]).toEqual(truth.flow);
		expect((await store.lists(`${prefix}:demo`))?.models.outlook).toEqual(truth.outlook);
		await ws.destroy();
		store.close();
	});
});

describe('Workspace, demo company', () => {
	it('records on the business day it shows, so a visitor’s entries count among today’s', async () => {
		const ws = new Workspace(config(`ws-test-${prefixes++}`));
		await ws.open();
		const r = await ws.journal.record(
			'warehouse.created',
			{ id: 'W-DEMO', fields: { name: '演示仓' } },
			{ user: 'owner' }
		);
		expect(r.ok && r.event.at).toBe(today);
		expect(ws.today).toBe(today);
		await ws.destroy({ saveReadModels: false });
	});
});

describe('Workspace memory', () => {
	it('closes the partitions of earlier months once their events are derived, and counts nothing twice', async () => {
		const prefix = `ws-test-${prefixes++}`;
		const first = new Workspace(config(prefix));
		await first.open();
		await first.journal.append(demo);
		await settle();
		await first.destroy({ saveReadModels: false });

		const ws = new Workspace(config(prefix));
		await ws.open();
		await until(() => ws.ready);
		const master = formatRoom({ tenant: 'demo', kind: 'master' });
		const earlier = ['t/demo/b/B01/2025-11', 't/demo/finance/2025-12'];
		// Everything derived, from partitions no longer held in memory (the tiny demo is a year old).
		expect(ws.ledger.size).toBe(demo.length);
		expect(ws.stock).toEqual(expected(demo).stock);
		expect(ws.journal.isOpen(master)).toBe(true);
		for (const room of earlier) expect(ws.journal.isOpen(room)).toBe(false);
		expect(ws.closedRooms).toBe(6);
		// The journal's position still names them, as the saved read models are stamped with it.
		for (const room of earlier) expect(ws.position().rooms[room]).toBeInstanceOf(Uint8Array);

		// Recording goes to this month's partition, which stays open; reopening an earlier month adds
		// nothing the ledger already has.
		const product = demo.find((e) => e.type === 'product.created')!;
		const recorded = await ws.journal.record(
			'stock.adjusted',
			{ wh: 'W011', reason: 'damaged', lines: [{ p: (product.payload as { id: string }).id, q: -1000 }] },
			{ user: 'owner', branch: 'B01' }
		);
		expect(recorded.ok).toBe(true);
		await ws.journal.open(earlier[0]!);
		await settle();
		expect(ws.ledger.size).toBe(demo.length + 1);
		expect(ws.journal.size).toBe(demo.length + 1);
		await ws.destroy({ saveReadModels: false });

		const again = new Workspace(config(prefix));
		await again.open();
		await until(() => again.ready);
		expect(again.ledger.size).toBe(demo.length + 1);
		const month = monthOfDay(dayFromWall(Date.now()));
		expect(again.journal.isOpen(formatRoom({ tenant: 'demo', kind: 'branch', branch: 'B01', month }))).toBe(
			true
		);
		await again.destroy({ saveReadModels: false });
	});
});

describe('Workspace, a device back after two month-ends', () => {
	it('still sends the earlier month it recorded in offline, and closes the earlier months it only received', async () => {
		const prefix = `ws-test-${prefixes++}`;
		const live = liveConfig(prefix);
		// January 2026: this device (T1) recorded a sale offline; another device's sale came in another
		// branch's partition (received, as history is). Neither month is live any more.
		const f = new EventFactory(Date.UTC(2026, 0, 10));
		const line = { p: 'P1', q: 1000, amount: 100, vat: 0 };
		const mine = f.make('sales.counter.posted', {
			no: 1,
			wh: 'W1',
			lines: [line],
			tenders: [{ account: 'CASH', amount: 100 }]
		});
		const theirs = f.make(
			'sales.counter.posted',
			{ no: 1, wh: 'W2', lines: [line], tenders: [{ account: 'CASH', amount: 100 }] },
			{ device: 'T9', branch: 'B02' }
		);
		const first = new Workspace(live);
		await first.open();
		await first.journal.append([mine, theirs]);
		await settle();
		await first.destroy({ saveReadModels: false });

		const ws = new Workspace(live);
		await ws.open();
		await until(() => ws.ready);
		expect(ws.ledger.size).toBe(2);
		const unsent = 't/demo/b/B01/2026-01';
		const received = 't/demo/b/B02/2026-01';
		expect(ws.journal.isOpen(unsent)).toBe(true);
		expect(ws.journal.isOpen(received)).toBe(false);
		// Connecting (no token yet: nothing goes out) attaches it like a live partition.
		ws.connect({ url: 'ws://127.0.0.1:9/sync', token: null, epoch: null, onEpoch: () => {} });
		await until(() => ws.rooms.some((r) => r.room === unsent && r.phase !== 'local'), 3_000);
		// Once the relay is known to hold it, it is an earlier month like any other.
		localStorage.setItem(
			`jxc:saved:${prefix}:${unsent}`,
			JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(ws.journal.doc(unsent)!))])
		);
		await ws.destroy({ saveReadModels: false });
		const later = new Workspace(live);
		await later.open();
		await until(() => later.ready);
		expect(later.journal.isOpen(unsent)).toBe(false);
		await later.destroy({ saveReadModels: false });
	});
});

describe('Workspace sync phase', () => {
	it('unlocked offline it promises to sign in; once the relay refused the password it asks the user to', async () => {
		const ws = new Workspace(liveConfig(`ws-test-${prefixes++}`));
		await ws.open();
		ws.connect({ url: 'ws://127.0.0.1:9/sync', token: null, epoch: null, onEpoch: () => {} });
		expect(ws.syncPhase).toBe('no-token');
		expect(ws.refusal).toBeNull();
		ws.signInRefused();
		expect(ws.syncPhase).toBe('refused');
		expect(ws.refusal?.code).toBe('4401');
		// Signed in later (the user typed the new password): the refusal is over.
		ws.setToken('t0ken');
		expect(ws.refusal).toBeNull();
		expect(ws.syncPhase).not.toBe('refused');
		await ws.destroy({ saveReadModels: false });
	});
});

describe('Workspace live partitions', () => {
	it('opens the partitions of a branch whose creation arrives while live partitions are being opened', async () => {
		// A device new to the company: the relay's master data (with the branch) lands while the first
		// pass over the live partitions, begun before the branch was known, is still opening them. The
		// branch's partitions must open too, or its stock and sales never reach this device.
		const ws = new Workspace(liveConfig(`ws-test-${prefixes++}`));
		await ws.open();
		const master = formatRoom({ tenant: 'demo', kind: 'master' });
		const other = new Journal({ tenant: 'demo', clock: new DeviceClock('HQ') });
		const branch = new EventFactory().make('branch.created', {
			id: 'B2',
			fields: { code: 'B2', name: 'Second shop' }
		});
		await other.append([branch]);
		const update = Y.encodeStateAsUpdate(other.doc(master)!);
		// No token: nothing goes to the network; connecting starts the pass over the live partitions.
		ws.connect({ url: 'ws://127.0.0.1:9/sync', token: null, epoch: null, onEpoch: () => {} });
		Y.applyUpdate(ws.journal.doc(master)!, update, 'remote');
		expect(ws.ledger.event(branch.id)).toBeDefined();
		const room = formatRoom({
			tenant: 'demo',
			kind: 'branch',
			branch: 'B2',
			month: monthOfDay(dayFromWall(Date.now()))
		});
		await until(() => ws.journal.isOpen(room), 3_000);
		await ws.destroy();
		await other.destroy();
	});
});

describe('read-model saves', () => {
	it('wait 1.5 s after a change, or 20 times what building the last save took when that is longer', () => {
		expect(saveDelay(0)).toBe(1500);
		// A small company: a few milliseconds per save changes nothing.
		expect(saveDelay(12)).toBe(1500);
		// A large company on a tablet: 0.4 s to build spaces saves 8 s apart (5 % of the time).
		expect(saveDelay(400)).toBe(8000);
	});
});
