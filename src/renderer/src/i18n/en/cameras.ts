/** English texts of the cameras area. Vietnamese in ../vi/cameras.ts (the compiler checks it has every key). */
export const cameras = {
};
