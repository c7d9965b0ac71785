/**
 * Cost pools per product × warehouse (DESIGN §4; rules C1–C8 in docs/SPEC.md).
 *
 * A pool carries its quantity (thousandths) and its total value (fen) exactly; the unit cost is never
 * stored, only derived (value ÷ qty). Issuing q out of Q units takes round(value × q ÷ Q), so issuing
 * the whole stock takes exactly the whole value: rounding never accumulates into drift, and a pool that
 * reaches zero quantity holds zero value. Where that cannot hold (stock that went negative and is refilled
 * at a different cost), the difference is booked as `variance` on the pool, never lost.
 *
 * Pools are immutable values: every operation returns a new pool, which is what lets the ledger undo.
 */
import { mulDivRound } from '../money';

export type CostingMethod = 'moving-average' | 'fifo';

export interface Layer {
	readonly q: number;
	readonly v: number;
	/** The document that brought this layer in, so that its return can take back its own goods. */
	readonly src?: string;
}

export interface CostPool {
	readonly qty: number;
	readonly value: number;
	/** The last positive (qty, value): the unit cost used to issue stock that is not there (oversell). */
	readonly refQ: number;
	readonly refV: number;
	/** Accumulated cost differences (fen) that could not be carried in stock value. */
	readonly variance: number;
	/** FIFO only: the open receipt layers, oldest first. Empty for moving average. */
	readonly layers: readonly Layer[];
}

export const EMPTY_POOL: CostPool = Object.freeze({
	qty: 0,
	value: 0,
	refQ: 0,
	refV: 0,
	variance: 0,
	layers: []
});

export const NO_LAYERS: readonly Layer[] = Object.freeze([]);

/** Value of q units at the pool's reference unit cost (used when issuing stock that is not there). */
function atRefCost(pool: Pick<CostPool, 'refQ' | 'refV'>, q: number): number {
	return pool.refQ > 0 ? mulDivRound(q, pool.refV, pool.refQ) : 0;
}

function withRef(
	qty: number,
	value: number,
	pool: CostPool,
	variance: number,
	layers: readonly Layer[]
): CostPool {
	const positive = qty > 0 && value >= 0;
	return {
		qty,
		value,
		refQ: positive ? qty : pool.refQ,
		refV: positive ? value : pool.refV,
		variance,
		layers
	};
}

/** [C1] Goods in at a known total value; `src` names the document (FIFO layers remember it). */
export function receive(
	method: CostingMethod,
	pool: CostPool,
	q: number,
	value: number,
	src?: string
): CostPool {
	if (q === 0 && value === 0) return pool;
	if (method === 'fifo') return fifoReceive(pool, q, value, src);
	const out = copyPool(pool);
	averageReceive(out, q, value);
	return out;
}

/**
 * A cost pool held in place (the ledger's stock totals): the moving-average moves below change it
 * without building a pool object per stock move. `receive`/`issueAt` are these on a copy.
 */
export interface PoolCell {
	qty: number;
	value: number;
	refQ: number;
	refV: number;
	variance: number;
	layers: readonly Layer[];
}

function copyPool(p: CostPool): PoolCell {
	return { qty: p.qty, value: p.value, refQ: p.refQ, refV: p.refV, variance: p.variance, layers: NO_LAYERS };
}

/** Sets qty and value, and the reference cost when the pool holds a positive quantity (see withRef). */
function settle(c: PoolCell, qty: number, value: number, variance: number): void {
	if (qty > 0 && value >= 0) {
		c.refQ = qty;
		c.refV = value;
	}
	c.qty = qty;
	c.value = value;
	c.variance = variance;
	c.layers = NO_LAYERS;
}

/** [C1] Moving average, in place: goods in at a known total value. */
export function averageReceive(c: PoolCell, q: number, value: number): void {
	if (q === 0 && value === 0) return;
	const qty = c.qty + q;
	let total = c.value + value;
	let variance = c.variance;
	if (qty === 0 && total !== 0) {
		// [C4] Stock back at exactly zero must hold zero value: the residue of an oversell is a variance.
		variance += total;
		total = 0;
	} else if (c.qty < 0 && qty > 0) {
		// [C4] Refilling an oversold pool: the units sold short were costed at the old reference cost;
		// what is left on the shelf is valued at this receipt's cost, the difference goes to variance.
		const shelf = mulDivRound(qty, value, q);
		variance += total - shelf;
		total = shelf;
	}
	settle(c, qty, total, variance);
}

/** [C5] Moving average, in place: goods out at a known value. */
export function averageIssueAt(c: PoolCell, q: number, value: number): void {
	const qty = c.qty - q;
	let total = c.value - value;
	let variance = c.variance;
	if (qty === 0 && total !== 0) {
		variance += total;
		total = 0;
	}
	settle(c, qty, total, variance);
}

/** The moving-average cost of issuing q units: what issue() takes, without building the new pool. */
export function averageIssueCost(pool: Pick<CostPool, 'qty' | 'value' | 'refQ' | 'refV'>, q: number): number {
	if (pool.qty >= q && pool.qty > 0)
		return pool.qty === q ? pool.value : mulDivRound(pool.value, q, pool.qty);
	const there = Math.max(pool.qty, 0);
	return (there > 0 ? pool.value : 0) + atRefCost(pool, q - there);
}

/** [C2] Goods out at the pool's cost; returns the value that left (the cost of goods sold). */
export function issue(method: CostingMethod, pool: CostPool, q: number): { pool: CostPool; value: number } {
	if (q === 0) return { pool, value: 0 };
	if (method === 'fifo') return fifoIssue(pool, q);
	let value: number;
	if (pool.qty >= q && pool.qty > 0)
		value = pool.qty === q ? pool.value : mulDivRound(pool.value, q, pool.qty);
	else {
		// [C3] Oversell: the units that are there go at their value, the rest at the reference cost.
		const there = Math.max(pool.qty, 0);
		value = (there > 0 ? pool.value : 0) + atRefCost(pool, q - there);
	}
	return { pool: withRef(pool.qty - q, pool.value - value, pool, pool.variance, NO_LAYERS), value };
}

/**
 * [C5] Goods out at a known value (a purchase return at the receipt's cost, a reversal). The quantity
 * and value leave exactly; for FIFO, the layers give up the quantity and any value difference is variance.
 */
export function issueAt(
	method: CostingMethod,
	pool: CostPool,
	q: number,
	value: number,
	src?: string
): CostPool {
	if (method === 'fifo') {
		// [C5] A return takes back its own document's layer first (newest first), then FIFO for the rest.
		const own = src === undefined ? null : takeOwnLayers(pool, q, src);
		const rest = own ? own.rest : q;
		const start = own ? own.pool : pool;
		const out = rest > 0 ? fifoIssue(start, rest) : { pool: start, value: 0 };
		const taken = (own ? own.value : 0) + out.value;
		return { ...out.pool, variance: out.pool.variance + (taken - value) };
	}
	const out = copyPool(pool);
	averageIssueAt(out, q, value);
	return out;
}

/** [C6] Changing the costing method mid-history converts the pool: one layer at the average, or the sum. */
export function convertPool(pool: CostPool, to: CostingMethod): CostPool {
	if (to === 'moving-average') return pool.layers.length === 0 ? pool : { ...pool, layers: NO_LAYERS };
	if (pool.layers.length > 0 || pool.qty <= 0) return pool;
	return { ...pool, layers: [{ q: pool.qty, v: pool.value }] };
}

export function unitCostFen(pool: Pick<CostPool, 'qty' | 'value'>): number {
	// Display only: fen per base unit, rounded (the ledger never stores it).
	return pool.qty > 0 ? mulDivRound(pool.value, 1000, pool.qty) : 0;
}

// ---- FIFO ----

/** Takes up to q units from the layers `src` brought in, newest first. */
function takeOwnLayers(
	pool: CostPool,
	q: number,
	src: string
): { pool: CostPool; value: number; rest: number } {
	let need = q;
	let value = 0;
	const layers = pool.layers.slice();
	for (let i = layers.length - 1; i >= 0 && need > 0; i--) {
		const l = layers[i]!;
		if (l.src !== src) continue;
		const take = Math.min(need, l.q);
		const v = take === l.q ? l.v : mulDivRound(l.v, take, l.q);
		value += v;
		need -= take;
		if (take === l.q) layers.splice(i, 1);
		else layers[i] = { ...l, q: l.q - take, v: l.v - v };
	}
	const taken = q - need;
	if (taken === 0) return { pool, value: 0, rest: q };
	return {
		pool: withRef(pool.qty - taken, pool.value - value, pool, pool.variance, layers),
		value,
		rest: need
	};
}

function fifoReceive(pool: CostPool, q: number, value: number, src?: string): CostPool {
	if (pool.qty >= 0) {
		const layers =
			q > 0 ? [...pool.layers, src === undefined ? { q, v: value } : { q, v: value, src }] : pool.layers;
		return withRef(pool.qty + q, pool.value + value, pool, pool.variance, layers);
	}
	// [C7] A receipt first covers the units sold short. They were costed at the reference cost when sold;
	// what they really cost is this receipt's price, and the difference is variance (extra cost of goods).
	const short = -pool.qty;
	const covered = Math.min(q, short);
	const coveredValue = covered === q ? value : mulDivRound(value, covered, q);
	const shortValue = covered === short ? -pool.value : mulDivRound(-pool.value, covered, short);
	const variance = pool.variance + (coveredValue - shortValue);
	const restQ = q - covered;
	const restV = value - coveredValue;
	const stillShortValue = pool.value + shortValue;
	if (restQ > 0)
		return withRef(restQ, restV + stillShortValue, pool, variance, [
			src === undefined ? { q: restQ, v: restV } : { q: restQ, v: restV, src }
		]);
	const qty = pool.qty + covered;
	if (qty === 0) return withRef(0, 0, pool, variance + stillShortValue, NO_LAYERS);
	return withRef(qty, stillShortValue, pool, variance, NO_LAYERS);
}

function fifoIssue(pool: CostPool, q: number): { pool: CostPool; value: number } {
	let need = q;
	let value = 0;
	let i = 0;
	const layers = pool.layers;
	let rest: Layer[] | null = null;
	for (; i < layers.length && need > 0; i++) {
		const l = layers[i]!;
		if (l.q <= need) {
			value += l.v;
			need -= l.q;
		} else {
			const v = mulDivRound(l.v, need, l.q);
			value += v;
			rest = [{ q: l.q - need, v: l.v - v }];
			need = 0;
			i++;
			break;
		}
	}
	const remaining: readonly Layer[] = rest
		? rest.concat(layers.slice(i))
		: i === 0
			? layers
			: layers.slice(i);
	if (need > 0) value += atRefCost(pool, need); // [C3] oversell at the reference cost
	const qty = pool.qty - q;
	return {
		pool: withRef(qty, pool.value - value, pool, pool.variance, qty > 0 ? remaining : NO_LAYERS),
		value
	};
}
