/** English texts of the shell area. Vietnamese in ../vi/shell.ts (the compiler checks it has every key). */
export const shell = {
};
