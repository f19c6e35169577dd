import { generate } from "selfsigned";

export interface SimulatorCertificate {
  readonly key: string;
  readonly cert: string;
}

/**
 * A fresh self-signed certificate per start: the Azure SDK refuses bearer tokens over plain HTTP, so the
 * simulator speaks HTTPS and clients trust this certificate explicitly (tlsOptions.ca / NODE_EXTRA_CA_CERTS).
 */
export async function createCertificate(): Promise<SimulatorCertificate> {
  const pems = await generate([{ name: "commonName", value: "tlsbot-arm-simulator" }], {
    // EC keys generate in milliseconds; RSA 2048 would add a second to every start.
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(Date.now() - 60_000),
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
