import type { AccessToken, TokenCredential } from "@azure/core-auth";

/**
 * A fixed bearer token, for simulators only: `createArmAccess` refuses it unless the ARM endpoint is a
 * loopback address, so a pasted token can never be sent to a real cloud by accident.
 */
export class StaticTokenCredential implements TokenCredential {
  readonly #token: string;

  constructor(token: string) {
    this.#token = token;
  }

  async getToken(): Promise<AccessToken> {
    return { token: this.#token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}
