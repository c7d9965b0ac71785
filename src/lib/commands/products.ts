/**
 * Creating a product (商品): validates the clerk's input against the catalogue's rules and the products
 * already known (code and barcode unique), then records one `product.created` in the master partition.
 * Errors are per field, as codes with parameters, so the form shows them in the user's language next to
 * the field and keeps what was typed.
 */
import { MoneyError, parseYuan } from '../domain/money';
import type { CommandContext, CommandResult, FieldError } from './context';
import { stillDeriving } from './context';

export interface NewProductInput {
	readonly code: string;
	readonly name: string;
	readonly spec: string;
	readonly unit: string;
	readonly barcode: string;
	/** Yuan, as typed ("12.5"). */
	readonly retailPrice: string;
	readonly purchasePrice: string;
	/** Basis points (1300 = 13 %). */
	readonly vat: number;
}

export type ProductField = keyof NewProductInput | 'form';

export const VAT_CHOICES = [1300, 900, 600, 300, 100, 0] as const;

function parsePrice(text: string): number | FieldError | undefined {
	if (text.trim() === '') return undefined;
	try {
		const fen = parseYuan(text);
		return fen < 0 ? { code: 'price' } : fen;
	} catch (e) {
		if (e instanceof MoneyError) return { code: 'price' };
		throw e;
	}
}

/** A fresh record id: the device code and a time-ordered random suffix (ids are global, made offline). */
function newProductId(): string {
	const random = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36);
	return `P-${Date.now().toString(36)}${random}`.slice(0, 32);
}

/** The next free `SPnnnn` code, for a product created without one. */
function nextCode(existing: ReadonlySet<string>): string {
	let max = 0;
	for (const c of existing) {
		const m = /^SP(\d+)$/.exec(c);
		if (m) max = Math.max(max, Number(m[1]));
	}
	return `SP${String(max + 1).padStart(4, '0')}`;
}

export async function createProduct(
	ctx: CommandContext,
	input: NewProductInput
): Promise<CommandResult<{ id: string; name: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (!ctx.may('product.created', '')) return { ok: false, errors: { form: { code: 'readOnly' } } };
	const errors: Partial<Record<ProductField, FieldError>> = {};
	const name = input.name.trim();
	const unit = input.unit.trim();
	const code = input.code.trim();
	const barcode = input.barcode.trim();
	if (name === '') errors.name = { code: 'nameRequired' };
	else if (name.length > 120) errors.name = { code: 'tooLong', params: { max: 120 } };
	if (unit === '') errors.unit = { code: 'unitRequired' };
	else if (unit.length > 8) errors.unit = { code: 'tooLong', params: { max: 8 } };
	if (code.length > 32) errors.code = { code: 'tooLong', params: { max: 32 } };
	if (input.spec.trim().length > 120) errors.spec = { code: 'tooLong', params: { max: 120 } };
	if (barcode !== '' && !/^\d{8,14}$/.test(barcode)) errors.barcode = { code: 'barcode' };
	const retail = parsePrice(input.retailPrice);
	if (typeof retail === 'object') errors.retailPrice = retail;
	const purchase = parsePrice(input.purchasePrice);
	if (typeof purchase === 'object') errors.purchasePrice = purchase;

	const codes = new Set<string>();
	for (const r of ctx.ledger.records('product')) {
		const v = ctx.ledger.values('product', r.id);
		const other = typeof v.name === 'string' ? v.name : r.id;
		if (typeof v.code === 'string') {
			codes.add(v.code);
			if (code !== '' && v.code === code) errors.code = { code: 'codeTaken', params: { code, name: other } };
		}
		if (barcode !== '' && Array.isArray(v.barcodes) && v.barcodes.includes(barcode))
			errors.barcode = { code: 'barcodeTaken', params: { code: barcode, name: other } };
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };

	const id = newProductId();
	const r = await ctx.journal.record(
		'product.created',
		{
			id,
			fields: {
				code: code || nextCode(codes),
				name,
				unit,
				...(input.spec.trim() ? { spec: input.spec.trim() } : {}),
				...(barcode ? { barcodes: [barcode] } : {}),
				...(typeof retail === 'number' ? { retailPrice: retail } : {}),
				...(typeof purchase === 'number' ? { purchasePrice: purchase } : {}),
				vat: input.vat,
				active: true
			}
		},
		{ user: ctx.user }
	);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	return { ok: true, value: { id, name } };
}
