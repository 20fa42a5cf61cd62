/** English texts of the users area. Vietnamese in ../vi/users.ts (the compiler checks it has every key). */
export const users = {
};
