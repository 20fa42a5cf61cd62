/** English texts of the settings area. Vietnamese in ../vi/settings.ts (the compiler checks it has every key). */
export const settings = {
};
