// The stand-in a feature uses when it is asked to run before the Mantle client exists: every call fails with the
// same actionable MantleError (Show Logs) rather than a TypeError on undefined.
import { MantleError } from './errors';
import type { MantleApi } from './types';

const unavailable = () => Promise.reject(new MantleError({ kind: 'config', message: 'The Mantle client is not available.', actions: ['showLogs'] }));

export const UNAVAILABLE_MANTLE: Required<MantleApi> = { listModels: unavailable, streamTurn: unavailable, getResponse: unavailable, cancelResponse: unavailable };
