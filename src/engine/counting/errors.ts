/**
 * Typed construction errors for lines and zones: a zero-length line or a bow-tie polygon must
 * fail loudly when the zone is configured, not count zero people for a week.
 */
export type GeometryErrorCode =
  | 'ZERO_LENGTH_LINE'
  | 'DEGENERATE_POLYGON'
  | 'SELF_INTERSECTING_POLYGON'
  | 'INVALID_COORDINATE'
  /** A non-geometric zone option (hysteresis, frame counts) out of range. */
  | 'INVALID_OPTION';

export class GeometryError extends Error {
  constructor(
    readonly code: GeometryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GeometryError';
  }
}
