/**
 * How hard the properties try: JXC_PROPERTY_RUNS histories per property (default 100, about 10 s for the
 * whole folder), and JXC_PROPERTY_SEED to replay the run fast-check reported as failing.
 */
export const RUNS = Number(process.env.JXC_PROPERTY_RUNS ?? 100);

export const FC_PARAMS = {
	numRuns: RUNS,
	...(process.env.JXC_PROPERTY_SEED ? { seed: Number(process.env.JXC_PROPERTY_SEED) } : {})
};
