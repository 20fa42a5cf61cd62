/** English texts of the models area. Vietnamese in ../vi/models.ts (the compiler checks it has every key). */
export const models = {
};
