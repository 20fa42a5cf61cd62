/** English texts of the review area. Vietnamese in ../vi/review.ts (the compiler checks it has every key). */
export const review = {
};
