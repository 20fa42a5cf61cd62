/** English texts of the audit area. Vietnamese in ../vi/audit.ts (the compiler checks it has every key). */
export const audit = {
};
