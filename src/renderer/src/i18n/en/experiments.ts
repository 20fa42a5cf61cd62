/** English texts of the experiments area. Vietnamese in ../vi/experiments.ts (the compiler checks it has every key). */
export const experiments = {
};
