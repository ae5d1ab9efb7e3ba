import forge from 'node-forge';
import { EnvironmentError } from '../shared/errors.js';

/** A signing certificate as a PKCS#12 file gives it: its private key and its certificate and the chain it came with. */
export interface Credential {
  /** The private key as PKCS#8 DER. */
  key: Uint8Array;
  /** The certificate that matches the key, as DER. */
  certificate: Uint8Array;
  /** The file's other certificates (its chain), as DER. */
  chain: Uint8Array[];
  /** The signer's common name, as a PDF viewer shows who signed. */
  name: string;
}

/**
 * The key and certificates of a PKCS#12 file (.p12, .pfx), opened with its password by node-forge.
 * `file` names it in an error; the password is never part of one, whatever forge says went wrong.
 */
export function openCredential(bytes: Uint8Array, password: string, file: string): Credential {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary'))), false, password);
  } catch {
    throw new EnvironmentError(
      `${file}: the certificate cannot be opened: the password is wrong, or it is not a PKCS#12 file (.p12, .pfx)`,
    );
  }
  const key = [bags.shroudedKey, bags.key].flatMap((type) => p12.getBags({ bagType: type })[type] ?? []).find((bag) => bag.key)?.key;
  const certs = (p12.getBags({ bagType: bags.cert })[bags.cert] ?? []).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  // forge reads RSA keys only: a key of another kind comes out as none.
  if (!key || !('n' in key)) throw new EnvironmentError(`${file}: the certificate file holds no RSA private key to sign with`);
  const own = certs.find((cert) => 'n' in cert.publicKey && cert.publicKey.n.equals(key.n));
  if (!own) throw new EnvironmentError(`${file}: no certificate in the file matches its private key`);
  return {
    key: der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))),
    certificate: der(forge.pki.certificateToAsn1(own)),
    chain: certs.filter((cert) => cert !== own).map((cert) => der(forge.pki.certificateToAsn1(cert))),
    name: commonName(own),
  };
}

/** The subject's common name (CN), else its whole name. */
function commonName(cert: forge.pki.Certificate): string {
  const { attributes } = cert.subject;
  const cn = attributes.find((a) => a.shortName === 'CN' || a.name === 'commonName');
  return String(cn?.value ?? attributes.map((a) => String(a.value)).join(', '));
}

/** The PKCS#12 bag types (RFC 7292) that hold a key or a certificate. */
const bags = { key: '1.2.840.113549.1.12.10.1.1', shroudedKey: '1.2.840.113549.1.12.10.1.2', cert: '1.2.840.113549.1.12.10.1.3' };

function der(asn1: forge.asn1.Asn1): Uint8Array {
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
