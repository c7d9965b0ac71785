/**
 * A refund at the counter in progress: the sale picked (from today's list or by its receipt number),
 * how much of each line comes back, and how the money goes back. The refund split defaults to the
 * accounts the sale was paid from (K4); the clerk may change the amounts or pay it all in cash.
 */
import { recordCounterRefund } from '../../commands/counter';
import { defaultRefundSplit, planReturn, returnableLines } from '../../domain/counter/refund';
import { ONE } from '../../domain/counter/cart';
import type { Workspace } from '../../device/workspace.svelte';
import { errorNotice, fenText, parseAmount, type Notice } from './desk.svelte';
import { counterSalesOf, findSaleByNumber } from './queries';

export interface RefundRow {
	readonly account: string;
	readonly text: string;
}

export class RefundDesk {
	readonly #ws: Workspace;
	readonly #branch: () => string;
	selected = $state<string | null>(null);
	/** Quantity coming back per sale line (thousandths). */
	picks = $state.raw<Record<number, number>>({});
	restock = $state(true);
	reason = $state('');
	findText = $state('');
	notice = $state.raw<Notice | null>(null);
	/** The refund just recorded (its receipt is shown). */
	done = $state<string | null>(null);
	#rows = $state.raw<RefundRow[] | null>(null);
	saving = $state(false);

	constructor(ws: Workspace, branch: () => string) {
		this.#ws = ws;
		this.#branch = branch;
	}

	readonly today = $derived.by(
		() => (
			void this.#ws.version,
			counterSalesOf(this.#ws.ledger, this.#ws.names, this.#branch(), this.#ws.today)
		)
	);

	readonly sale = $derived.by(() => {
		void this.#ws.version;
		return this.selected ? this.#ws.ledger.document(this.selected) : undefined;
	});

	readonly lines = $derived(this.sale ? returnableLines(this.sale) : []);

	readonly plan = $derived.by(() => {
		if (!this.sale) return null;
		const picks = Object.entries(this.picks).map(([line, q]) => ({ line: Number(line), q }));
		return planReturn(this.sale, picks, this.restock);
	});

	readonly refundDue = $derived(this.plan?.ok ? this.plan.refund : 0);

	/** The refund split: as the clerk edited it, else the default over the sale's accounts. */
	readonly rows = $derived.by((): RefundRow[] => {
		if (this.#rows) return this.#rows;
		if (!this.sale) return [];
		return defaultRefundSplit(this.sale, this.refundDue).map((t) => ({
			account: t.account,
			text: fenText(t.amount)
		}));
	});

	select(id: string): void {
		this.selected = id;
		this.picks = {};
		this.#rows = null;
		this.notice = null;
		this.done = null;
		this.reason = '';
		this.restock = true;
	}

	back(): void {
		this.selected = null;
		this.picks = {};
		this.#rows = null;
	}

	find(): boolean {
		const d = findSaleByNumber(this.#ws.ledger, this.findText);
		if (!d) {
			this.notice = {
				tone: 'error',
				key: 'counter.refund.notFound',
				params: { number: this.findText.trim() }
			};
			return false;
		}
		this.select(d.id);
		this.findText = '';
		return true;
	}

	/** One unit more or less coming back on a line, within 0 … what is left. */
	step(line: number, units: 1 | -1): void {
		const l = this.lines[line];
		if (!l) return;
		const q = Math.max(0, Math.min(l.left, (this.picks[line] ?? 0) + units * ONE));
		this.setPick(line, q);
	}

	all(line: number): void {
		const l = this.lines[line];
		if (l) this.setPick(line, l.left);
	}

	setPick(line: number, q: number): void {
		this.picks = { ...this.picks, [line]: q };
		this.#rows = null;
	}

	setRowText(account: string, text: string): void {
		this.#rows = this.rows.map((r) => (r.account === account ? { ...r, text } : r));
	}

	/** Everything back in cash from this drawer. */
	allCash(drawer: string): void {
		if (!drawer) return;
		this.#rows = [{ account: drawer, text: fenText(this.refundDue) }];
	}

	async confirm(): Promise<boolean> {
		if (this.saving || !this.sale) return false;
		const refunds: { account: string; amount: number }[] = [];
		for (const r of this.rows) {
			const amount = parseAmount(r.text);
			if (amount === null) {
				this.notice = { tone: 'error', key: 'counter.error.badAmount' };
				return false;
			}
			refunds.push({ account: r.account, amount });
		}
		this.saving = true;
		try {
			const reason = this.reason.trim();
			const r = await recordCounterRefund(this.#ws.commands, {
				sale: this.sale.id,
				picks: Object.entries(this.picks).map(([line, q]) => ({ line: Number(line), q })),
				restock: this.restock,
				refunds,
				...(reason ? { reason } : {})
			});
			if (!r.ok) {
				const first = Object.values(r.errors)[0];
				if (first) this.notice = errorNotice(first);
				return false;
			}
			this.done = r.value.id;
			this.notice = {
				tone: 'ok',
				key: 'counter.refund.done',
				params: { number: r.value.number, amount: r.value.refund }
			};
			this.selected = null;
			this.picks = {};
			this.#rows = null;
			return true;
		} finally {
			this.saving = false;
		}
	}
}
