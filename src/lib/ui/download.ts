/**
 * Saves data as a file through the browser's download (exports, templates). The link is in the
 * document while it is clicked, and the object URL is revoked a moment later, not at once: some
 * browsers start reading it only after the click returns.
 */
export function downloadFile(name: string, data: BlobPart | Blob, type: string): void {
	const blob = data instanceof Blob ? data : new Blob([data], { type });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
