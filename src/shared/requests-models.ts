/**
 * Model registry requests (issue: model registry). Spread into `requests` in contract.ts.
 * Add model-domain requests here (models:import, models:promote, …).
 */
export const modelRequests = {} as const;
