/**
 * Read models kept in Dexie, so the app opens at once instead of replaying the journal (DESIGN §3).
 *
 * What the first screens show (master names, the dashboard, stock, money with its cash flow, the sales
 * report and its expenses, the conflict cards, the latest documents) is derived from the Ledger and saved here, stamped with the journal position it reflects: the
 * event count and each partition's Yjs state vector. A cold open shows them straight away, marked
 * provisional, while the workspace loads the journal and derives the ledger in the background; once the
 * ledger has caught up, its own figures replace them and are saved again. The models are never the
 * truth, only its last known picture: they can be dropped at any time (a new schema, a damaged
 * database) and are rebuilt from the journal.
 *
 * Two rows per company: `head` (what the dashboard and the shell need, read before the first paint) and
 * `lists` (the long lists, read right after), so the large tables never delay the first screen.
 */
import { Dexie, type EntityTable } from 'dexie';
import * as Y from 'yjs';
import type { ExpenseSummary } from '../projections/cash-book';
import type { CashFlow, CashOutlook } from '../projections/cash-flow';
import type { ConflictCard } from '../projections/conflicts';
import type { Dashboard } from '../projections/dashboard';
import type { DocumentRow } from '../projections/documents';
import type { MoneyView } from '../projections/money';
import type { MasterNames } from '../projections/names';
import type { SalesReport } from '../projections/reports';
import type { StuckStock } from '../projections/stuck';
import type { StockRow } from '../projections/stock';

/** Bumped whenever the shape of a model changes: older rows are ignored and rebuilt. */
export const READ_MODEL_SCHEMA = 8;

/** How many of the latest documents (all types) the read models keep for the document lists. */
export const SAVED_DOCUMENTS = 500;

/** Where the journal stood when the models were derived. */
export interface JournalPosition {
	/** Distinct events derived. */
	readonly events: number;
	/** Each partition's Yjs state vector (`Y.encodeStateVector`). */
	readonly rooms: Readonly<Record<string, Uint8Array>>;
}

export interface HeadModels {
	readonly names: MasterNames;
	readonly dashboard: Dashboard;
	/** Conflicts that need someone (the shell's badge). */
	readonly urgent: number;
}

export interface ListModels {
	readonly stock: readonly StockRow[];
	readonly money: MoneyView;
	readonly report: SalesReport;
	/** Stock that does not sell (the report page). */
	readonly stuck: StuckStock;
	/** Expenses of the sales report's 30 days (the report page's profit card). */
	readonly expenses: ExpenseSummary;
	/** The money page's 资金流, by span in days (`FLOW_SPANS`), and its 资金预测. */
	readonly flows: Readonly<Record<number, CashFlow>>;
	readonly outlook: CashOutlook;
	readonly conflicts: readonly ConflictCard[];
	/** The latest documents of every type, newest first (the purchase and sales lists filter them). */
	readonly documents: readonly DocumentRow[];
}

export interface Stamp {
	readonly schema: number;
	readonly position: JournalPosition;
	/** When they were saved (ms since the epoch). */
	readonly savedAt: number;
}

interface HeadRow extends Stamp {
	readonly scope: string;
	readonly models: HeadModels;
}

interface ListRow extends Stamp {
	readonly scope: string;
	readonly models: ListModels;
}

export type Stamped<T> = Stamp & { readonly models: T };

function sameVector(a: Uint8Array, b: Uint8Array): boolean {
	const x = Y.decodeStateVector(a);
	const y = Y.decodeStateVector(b);
	if (x.size !== y.size) return false;
	for (const [client, clock] of x) if (y.get(client) !== clock) return false;
	return true;
}

/** Do two positions name the same journal (same partitions, same state in each)? */
export function samePosition(a: JournalPosition, b: JournalPosition): boolean {
	if (a.events !== b.events) return false;
	const rooms = Object.keys(a.rooms);
	if (rooms.length !== Object.keys(b.rooms).length) return false;
	return rooms.every((room) => {
		const other = b.rooms[room];
		return other !== undefined && sameVector(a.rooms[room]!, other);
	});
}

/**
 * Is `a` at least as far as `b` in every partition? The journal only grows, so a position behind
 * another is an older picture of the same company.
 */
export function covers(a: JournalPosition, b: JournalPosition): boolean {
	if (a.events < b.events) return false;
	for (const [room, vector] of Object.entries(b.rooms)) {
		const mine = a.rooms[room];
		if (!mine) return false;
		const have = Y.decodeStateVector(mine);
		for (const [client, clock] of Y.decodeStateVector(vector))
			if ((have.get(client) ?? 0) < clock) return false;
	}
	return true;
}

class ReadModelDb extends Dexie {
	heads!: EntityTable<HeadRow, 'scope'>;
	lists!: EntityTable<ListRow, 'scope'>;

	constructor(name: string) {
		super(name);
		this.version(1).stores({ heads: 'scope', lists: 'scope' });
	}
}

export class ReadModelStore {
	readonly #db: ReadModelDb;

	/** One database per device (`jxc-read-models`); a scope per storage prefix and company. */
	constructor(name = 'jxc-read-models') {
		this.#db = new ReadModelDb(name);
	}

	/** The saved head models, if any of the current schema. */
	async head(scope: string): Promise<Stamped<HeadModels> | null> {
		const row = await this.#db.heads.get(scope);
		return row && row.schema === READ_MODEL_SCHEMA ? row : null;
	}

	/** The saved long lists, if any of the current schema. */
	async lists(scope: string): Promise<Stamped<ListModels> | null> {
		const row = await this.#db.lists.get(scope);
		return row && row.schema === READ_MODEL_SCHEMA ? row : null;
	}

	/**
	 * Saves both parts in one transaction, unless what is stored already covers a later position (another
	 * tab of this device got further): a picture is never replaced by an older one. Returns whether it
	 * wrote.
	 */
	async save(
		scope: string,
		position: JournalPosition,
		head: HeadModels,
		lists: ListModels,
		savedAt = Date.now()
	): Promise<boolean> {
		return this.#db.transaction('rw', this.#db.heads, this.#db.lists, async () => {
			const stored = await this.#db.heads.get(scope);
			if (
				stored &&
				stored.schema === READ_MODEL_SCHEMA &&
				covers(stored.position, position) &&
				!samePosition(stored.position, position)
			)
				return false;
			const stamp = { schema: READ_MODEL_SCHEMA, position, savedAt };
			await this.#db.heads.put({ scope, ...stamp, models: head });
			await this.#db.lists.put({ scope, ...stamp, models: lists });
			return true;
		});
	}

	/** Drops a company's models (they are rebuilt from the journal on the next open). */
	async clear(scope: string): Promise<void> {
		await this.#db.transaction('rw', this.#db.heads, this.#db.lists, async () => {
			await this.#db.heads.delete(scope);
			await this.#db.lists.delete(scope);
		});
	}

	close(): void {
		this.#db.close();
	}
}
