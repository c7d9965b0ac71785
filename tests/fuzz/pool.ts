/**
 * Spreads convergence seeds over worker threads (fuzz-worker.mjs), so a fuzz run uses every core:
 * vitest gives a test file one core, and 200 seeds × 500 operations take about a minute of CPU.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { addStats, emptyStats, type RunStats } from './replicas';

export interface PoolResult {
	readonly total: RunStats;
	/** The first failing seed a worker met, if any. */
	readonly failed: { seed: number; message: string } | null;
	readonly threads: number;
}

interface WorkerReply {
	total: RunStats;
	failed: { seed: number; message: string } | null;
}

export async function runSeedsInWorkers(
	seeds: readonly number[],
	ops: number,
	threads = Math.max(1, Math.min(4, availableParallelism()))
): Promise<PoolResult> {
	// Interleaved shares: seeds cost about the same, so the workers finish together.
	const shares = Array.from({ length: Math.min(threads, seeds.length) }, (_, i) =>
		seeds.filter((_, j) => j % threads === i)
	);
	const engine = new URL('./replicas.ts', import.meta.url).href;
	const replies = await Promise.all(
		shares.map(
			(share) =>
				new Promise<WorkerReply>((resolve, reject) => {
					const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), {
						workerData: { engine, seeds: share, ops }
					});
					worker.once('message', (reply: WorkerReply) => resolve(reply));
					worker.once('error', reject);
					worker.once('exit', (code) => {
						if (code !== 0) reject(new Error(`fuzz worker exited with code ${code}`));
					});
				})
		)
	);
	const total = emptyStats();
	for (const r of replies) addStats(total, r.total);
	const failed = replies.map((r) => r.failed).find((f) => f !== null) ?? null;
	return { total, failed, threads: shares.length };
}
