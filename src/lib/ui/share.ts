/**
 * Sending a document to a supplier or customer from the device: as an image through the share sheet
 * where the device can share files (phones), else downloaded so the clerk can send it from a chat app;
 * as text through the share sheet, else copied to the clipboard. Each returns what happened, so the page
 * can say it in the clerk's language.
 */
import { downloadFile } from './download';

export type ImageShared = 'shared' | 'saved' | 'cancelled';
export type TextShared = 'shared' | 'copied' | 'cancelled' | 'failed';

const cancelled = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** Shares the PNG `blob` as `name`; a refused share sheet falls back to the download. */
export async function shareImage(blob: Blob, name: string, title: string): Promise<ImageShared> {
	const file = new File([blob], name, { type: blob.type || 'image/png' });
	if (navigator.canShare?.({ files: [file] })) {
		try {
			await navigator.share({ files: [file], title });
			return 'shared';
		} catch (e) {
			if (cancelled(e)) return 'cancelled';
			// The share sheet refused (no user gesture left, say): fall back to the download.
		}
	}
	downloadFile(name, blob, file.type);
	return 'saved';
}

/** Shares `text` through the share sheet, or copies it where the device has none. */
export async function shareText(title: string, text: string): Promise<TextShared> {
	try {
		if (typeof navigator.share === 'function') {
			await navigator.share({ title, text });
			return 'shared';
		}
		await navigator.clipboard.writeText(text);
		return 'copied';
	} catch (e) {
		return cancelled(e) ? 'cancelled' : 'failed';
	}
}
