/** English texts of the errors area. Vietnamese in ../vi/errors.ts (the compiler checks it has every key). */
export const errors = {
};
