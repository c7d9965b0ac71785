/**
 * The generator's own stock book: on hand, reserved and incoming per warehouse × product, and batch
 * lots for batch-tracked products. It mirrors what the ledger will derive (the generator applies each
 * movement in the same order the ledger sorts the events), so the demo can sell what it has bought and
 * count what is on the shelf. Quantities are thousandths of the base unit.
 *
 * Invariant: for a batch-tracked product, on hand is the sum of its lots, and every outbound line names
 * the lots it takes (earliest expiry first), exactly as the ledger keeps one cell per batch.
 */

export interface Lot {
	batch: string;
	expiry: number;
	q: number;
}

export interface Take {
	q: number;
	batch?: string;
	expiry?: number;
}

export class StockBook {
	readonly onHand: Float64Array;
	readonly reserved: Float64Array;
	readonly incoming: Float64Array;
	readonly min: Float64Array;
	readonly max: Float64Array;
	readonly #lots = new Map<number, Lot[]>();

	constructor(
		readonly products: number,
		warehouses: number,
		readonly tracked: (p: number) => boolean
	) {
		const n = products * warehouses;
		this.onHand = new Float64Array(n);
		this.reserved = new Float64Array(n);
		this.incoming = new Float64Array(n);
		this.min = new Float64Array(n);
		this.max = new Float64Array(n);
	}

	cell(wh: number, p: number): number {
		return wh * this.products + p;
	}

	available(wh: number, p: number): number {
		const c = this.cell(wh, p);
		return this.onHand[c]! - this.reserved[c]!;
	}

	/** What will be there once open orders and transfers arrive, net of reservations. */
	position(wh: number, p: number): number {
		const c = this.cell(wh, p);
		return this.onHand[c]! + this.incoming[c]! - this.reserved[c]!;
	}

	lots(wh: number, p: number): readonly Lot[] {
		return this.#lots.get(this.cell(wh, p)) ?? [];
	}

	add(wh: number, p: number, q: number, lot?: { batch: string; expiry: number }): void {
		const c = this.cell(wh, p);
		this.onHand[c]! += q;
		if (!lot) return;
		let lots = this.#lots.get(c);
		if (!lots) this.#lots.set(c, (lots = []));
		const same = lots.find((l) => l.batch === lot.batch);
		if (same) same.q += q;
		else {
			lots.push({ batch: lot.batch, expiry: lot.expiry, q });
			lots.sort((a, b) => a.expiry - b.expiry || (a.batch < b.batch ? -1 : 1));
		}
		if (same && same.q <= 0) lots.splice(lots.indexOf(same), 1);
	}

	/**
	 * Takes q out, earliest expiry first for tracked products. Returns the parts taken (one per lot);
	 * an untracked product may go negative (an oversell), a tracked one only gives what its lots hold.
	 */
	take(wh: number, p: number, q: number): Take[] {
		const c = this.cell(wh, p);
		if (!this.tracked(p)) {
			this.onHand[c]! -= q;
			return [{ q }];
		}
		const lots = this.#lots.get(c) ?? [];
		const out: Take[] = [];
		let rest = q;
		while (rest > 0 && lots.length > 0) {
			const lot = lots[0]!;
			const n = Math.min(rest, lot.q);
			out.push({ q: n, batch: lot.batch, expiry: lot.expiry });
			lot.q -= n;
			rest -= n;
			if (lot.q <= 0) lots.shift();
		}
		this.onHand[c]! -= q - rest;
		return out;
	}

	/** Takes q out of one named lot (a return of a received batch); false if the lot lacks it. */
	takeLot(wh: number, p: number, batch: string, q: number): boolean {
		const c = this.cell(wh, p);
		const lots = this.#lots.get(c);
		const lot = lots?.find((l) => l.batch === batch);
		if (!lots || !lot || lot.q < q) return false;
		lot.q -= q;
		if (lot.q <= 0) lots.splice(lots.indexOf(lot), 1);
		this.onHand[c]! -= q;
		return true;
	}

	/** Lots past their expiry on `day`. */
	expired(wh: number, p: number, day: number): Lot[] {
		return (this.#lots.get(this.cell(wh, p)) ?? []).filter((l) => l.expiry < day && l.q > 0);
	}
}
