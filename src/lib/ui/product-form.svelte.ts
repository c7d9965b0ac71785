/**
 * The "new product" form's state: what the clerk typed (kept as typed when saving fails), the errors per
 * field in the user's language, and the save through the createProduct command.
 */
import { createProduct, type NewProductInput, type ProductField } from '../commands/products';
import type { CommandContext, FieldError } from '../commands/context';
import { t, type MessageKey } from '../i18n/index.svelte';

const MESSAGES: Record<string, MessageKey> = {
	nameRequired: 'products.error.nameRequired',
	tooLong: 'products.error.tooLong',
	unitRequired: 'products.error.unitRequired',
	price: 'products.error.price',
	codeTaken: 'products.error.codeTaken',
	barcodeTaken: 'products.error.barcodeTaken',
	barcode: 'products.error.barcode',
	record: 'products.error.record',
	readOnly: 'products.error.readOnly'
};

export class ProductForm {
	code = $state('');
	name = $state('');
	spec = $state('');
	unit = $state('');
	barcode = $state('');
	retailPrice = $state('');
	purchasePrice = $state('');
	vat = $state(1300);
	#errors = $state.raw<Partial<Record<ProductField, FieldError>>>({});
	#saving = $state(false);
	#saved = $state<string | null>(null);

	get saving(): boolean {
		return this.#saving;
	}

	/** The name of the product just saved, for the confirmation. */
	get saved(): string | null {
		return this.#saved;
	}

	/** The message for a field's error, in the current language. */
	error(field: ProductField): string | null {
		const e = this.#errors[field];
		if (!e) return null;
		const key = MESSAGES[e.code];
		return key ? t(key, e.params) : e.code;
	}

	get input(): NewProductInput {
		return {
			code: this.code,
			name: this.name,
			spec: this.spec,
			unit: this.unit,
			barcode: this.barcode,
			retailPrice: this.retailPrice,
			purchasePrice: this.purchasePrice,
			vat: this.vat
		};
	}

	/** Saves; on success clears the form, on failure keeps every typed value and shows the errors. */
	async submit(ctx: CommandContext): Promise<boolean> {
		if (this.#saving) return false;
		this.#saving = true;
		this.#saved = null;
		try {
			const r = await createProduct(ctx, this.input);
			if (!r.ok) {
				this.#errors = r.errors;
				return false;
			}
			this.#errors = {};
			this.#saved = r.value.name;
			this.code =
				this.name =
				this.spec =
				this.unit =
				this.barcode =
				this.retailPrice =
				this.purchasePrice =
					'';
			this.vat = 1300;
			return true;
		} finally {
			this.#saving = false;
		}
	}
}
