/** English texts of the health area. Vietnamese in ../vi/health.ts (the compiler checks it has every key). */
export const health = {
};
