/**
 * Human document numbers (DESIGN §1): `CG-B01-T3-000123` = type prefix, branch, device, per-device
 * sequence. Assigned on the device, so two offline devices can never produce the same number.
 */
import { DOC_PREFIX, type EventType } from './catalogue';

export function formatDocNumber(type: EventType, branch: string, device: string, no: number): string {
	const digits = String(no);
	return head(type, branch, device) + (digits.length < 6 ? ZEROS[6 - digits.length] + digits : digits);
}

const ZEROS = ['', '0', '00', '000', '0000', '00000'];

/**
 * `CG-B01-T3-` for each type, branch and device, made once: deriving a partition numbers thousands of
 * documents, and a template literal made five strings for each (a tenth of what an open allocated).
 */
const heads = new Map<EventType, Map<string, Map<string, string>>>();
function head(type: EventType, branch: string, device: string): string {
	let byBranch = heads.get(type);
	if (!byBranch) heads.set(type, (byBranch = new Map()));
	let byDevice = byBranch.get(branch);
	if (!byDevice) byBranch.set(branch, (byDevice = new Map()));
	let h = byDevice.get(device);
	if (h === undefined)
		byDevice.set(device, (h = `${DOC_PREFIX[type] ?? 'DOC'}-${branch || 'HQ'}-${device}-`));
	return h;
}

/**
 * The next sequence number for a document type on a device: one past the highest this device has used.
 * Derived from the journal, so a reinstalled device that resynced continues where it left off.
 */
export class DocSequences {
	readonly #max = new Map<string, number>();

	observe(type: EventType, device: string, no: number): void {
		const key = `${type}|${device}`;
		if ((this.#max.get(key) ?? 0) < no) this.#max.set(key, no);
	}

	next(type: EventType, device: string): number {
		return (this.#max.get(`${type}|${device}`) ?? 0) + 1;
	}
}
