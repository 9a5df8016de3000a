// Reserved tokens and shared types of the session model (msticpy anomalous_sequence).

/** msticpy's dummy commands; model command ids 0, 1, 2 are always these. */
export const START_TOKEN = '##START##';
export const END_TOKEN = '##END##';
export const UNK_TOKEN = '##UNK##';
export const START = 0;
export const END = 1;
export const UNK = 2;
export const RESERVED_TOKENS: readonly string[] = [START_TOKEN, END_TOKEN, UNK_TOKEN];

/**
 * The three session types of msticpy (`SessionType`): commands only, commands with a set of
 * parameters, commands with parameters and values.
 */
export type SessionKind = 'cmds' | 'params' | 'values';

/** Bad input for the session analytics; the message names the column, row or value. */
export class SessionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionInputError';
  }
}

/** One command with its parameters, as msticpy's `Cmd`: a list is a set, a record has values. */
export interface ICmd {
  name: string;
  params: readonly string[] | Readonly<Record<string, string | null>>;
}

export function checkNotReserved(value: string, what: string, where: string): void {
  if (value === START_TOKEN || value === END_TOKEN || value === UNK_TOKEN) {
    throw new SessionInputError(
      `${what} "${value}" at ${where} is one of the model's reserved tokens (${RESERVED_TOKENS.join(', ')})`
    );
  }
}
