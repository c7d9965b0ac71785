/**
 * The product form's state (new or edit): every field as typed, the extra units, barcodes and safety
 * rows, and the errors per field path from the domain's checks. A refused save keeps everything typed.
 */
import type { CommandContext } from '../commands/context';
import { saveProduct, type Seen } from '../commands/master';
import type { FieldError } from '../domain/master/fields';
import { EMPTY_PRODUCT, type ProductInput, type SafetyInput, type UnitInput } from '../domain/master/product';
import { errorText } from './master-text';

export class ProductEditor {
	readonly id: string | null;
	code = $state('');
	name = $state('');
	spec = $state('');
	model = $state('');
	category = $state('');
	unit = $state('');
	units = $state<UnitInput[]>([]);
	barcodes = $state<string[]>([]);
	purchasePrice = $state('');
	retailPrice = $state('');
	wholesalePrice = $state('');
	memberPrice = $state('');
	vat = $state('13');
	safety = $state<SafetyInput[]>([]);
	batchTracked = $state(false);
	shelfLifeDays = $state('');
	supplier = $state('');
	leadTimeDays = $state('');
	active = $state(true);
	#errors = $state.raw<Record<string, FieldError>>({});
	#saving = $state(false);

	/** The record as the form opened it (edits only). */
	readonly #seen: Seen | undefined;

	constructor(id: string | null = null, initial: ProductInput = EMPTY_PRODUCT, seen?: Seen) {
		this.id = id;
		this.#seen = seen;
		this.load(initial);
	}

	load(p: ProductInput): void {
		this.code = p.code;
		this.name = p.name;
		this.spec = p.spec;
		this.model = p.model;
		this.category = p.category;
		this.unit = p.unit;
		this.units = p.units.map((u) => ({ ...u }));
		this.barcodes = p.barcodes.length ? [...p.barcodes] : [''];
		this.purchasePrice = p.purchasePrice;
		this.retailPrice = p.retailPrice;
		this.wholesalePrice = p.wholesalePrice;
		this.memberPrice = p.memberPrice;
		this.vat = p.vat;
		this.safety = p.safety.map((s) => ({ ...s }));
		this.batchTracked = p.batchTracked;
		this.shelfLifeDays = p.shelfLifeDays;
		this.supplier = p.supplier;
		this.leadTimeDays = p.leadTimeDays;
		this.active = p.active;
		this.#errors = {};
	}

	get saving(): boolean {
		return this.#saving;
	}

	get hasErrors(): boolean {
		return Object.keys(this.#errors).length > 0;
	}

	error(path: string): string | null {
		return errorText(this.#errors[path], path);
	}

	get input(): ProductInput {
		return {
			code: this.code,
			name: this.name,
			spec: this.spec,
			model: this.model,
			category: this.category,
			unit: this.unit,
			units: this.units.map((u) => ({ name: u.name, factor: u.factor })),
			barcodes: [...this.barcodes],
			purchasePrice: this.purchasePrice,
			retailPrice: this.retailPrice,
			wholesalePrice: this.wholesalePrice,
			memberPrice: this.memberPrice,
			vat: this.vat,
			safety: this.safety.map((s) => ({ ...s })),
			batchTracked: this.batchTracked,
			shelfLifeDays: this.shelfLifeDays,
			supplier: this.supplier,
			leadTimeDays: this.leadTimeDays,
			active: this.active
		};
	}

	addUnit(): void {
		this.units.push({ name: '', factor: '' });
	}

	removeUnit(i: number): void {
		this.units.splice(i, 1);
		this.#errors = {};
	}

	addBarcode(code = ''): void {
		if (code && this.barcodes.includes(code)) return;
		const empty = this.barcodes.indexOf('');
		if (code && empty !== -1) this.barcodes[empty] = code;
		else this.barcodes.push(code);
	}

	removeBarcode(i: number): void {
		this.barcodes.splice(i, 1);
		if (this.barcodes.length === 0) this.barcodes.push('');
		this.#errors = {};
	}

	addSafety(): void {
		this.safety.push({ warehouse: '', min: '', max: '' });
	}

	removeSafety(i: number): void {
		this.safety.splice(i, 1);
		this.#errors = {};
	}

	/** Saves; returns the saved product, or null with the errors shown and every typed value kept. */
	async submit(ctx: CommandContext): Promise<{ id: string; name: string; changed: number } | null> {
		if (this.#saving) return null;
		this.#saving = true;
		try {
			const r = await saveProduct(ctx, this.id, this.input, this.#seen);
			if (!r.ok) {
				this.#errors = r.errors;
				return null;
			}
			this.#errors = {};
			return r.value;
		} finally {
			this.#saving = false;
		}
	}
}
