/** English texts of the live area. Vietnamese in ../vi/live.ts (the compiler checks it has every key). */
export const live = {
};
