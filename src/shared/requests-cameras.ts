/**
 * Camera requests (issue: live cameras). Spread into `requests` in contract.ts.
 * Add camera-domain requests here (cameras:add, cameras:edit, …).
 */
export const cameraRequests = {} as const;
