/** English texts of the dashboard area. Vietnamese in ../vi/dashboard.ts (the compiler checks it has every key). */
export const dashboard = {
};
