// Types for the parts of build-actions.mjs that the TypeScript benchmarks import.
export declare const WORKER_ENTRIES: Record<string, string>;
export declare function actionEntries(root?: string): string[];
export declare function buildActions(options: { outdir: string }): Promise<{ names: string[]; assets: string[]; metafile: unknown }>;
