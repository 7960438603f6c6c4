/** Error codes owned by the market domain (see errors.ts registerErrorCodes). */
import { registerErrorCodes } from '../errors';

registerErrorCodes({
  /** The CSV as a whole is unreadable (wrong header); row problems are reported, not thrown. */
  csv_invalid: 400,
  /** An instrument with this symbol exists with different attributes. */
  instrument_conflict: 409,
  /** Replay clock or feed requested outside a demo configuration. */
  replay_not_allowed: 409,
});
