import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { EnvironmentError } from '../shared/errors.js';

/** How WebCrypto imports the key and signs with it (SHA-256 either way). */
export type SigningAlgorithm =
  { name: 'RSASSA-PKCS1-v1_5'; hash: 'SHA-256' } | { name: 'ECDSA'; namedCurve: 'P-256' | 'P-384'; hash: 'SHA-256' };

/** A signing certificate as a PKCS#12 file gives it: its private key and its certificate and the chain it came with. */
export interface Credential {
  /** The private key as PKCS#8 DER. */
  key: Uint8Array;
  algorithm: SigningAlgorithm;
  /** The certificate that matches the key, as DER. */
  certificate: Uint8Array;
  /** The file's other certificates (its chain), as DER. */
  chain: Uint8Array[];
  /** The signer's common name, as a PDF viewer shows who signed. */
  name: string;
}

/** The curves an ECDSA key may be on, by the name Node gives them. */
const curves: Record<string, 'P-256' | 'P-384'> = { prime256v1: 'P-256', secp384r1: 'P-384' };

/**
 * The key and certificates of a PKCS#12 file (.p12, .pfx), opened with its password by node-forge;
 * the key's kind and which certificate is its own told by Node's crypto, as forge reads RSA keys only.
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
  // forge gives an RSA key or certificate read, and any other as its ASN.1 (bag.asn1), which Node reads.
  const keys = [bags.shroudedKey, bags.key].flatMap((type) => p12.getBags({ bagType: type })[type] ?? []);
  const key = keys.flatMap((bag) =>
    bag.key ? [der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)))] : bag.asn1 ? [der(bag.asn1)] : [],
  )[0];
  const certs = (p12.getBags({ bagType: bags.cert })[bags.cert] ?? []).flatMap((bag) =>
    bag.cert ? [der(forge.pki.certificateToAsn1(bag.cert))] : bag.asn1 ? [der(bag.asn1)] : [],
  );
  if (!key) throw new EnvironmentError(`${file}: the certificate file holds no private key to sign with`);
  const privateKey = readKey(key, file);
  const algorithm = signingAlgorithm(privateKey, file);
  const spki = (k: KeyObject) => k.export({ format: 'der', type: 'spki' });
  const own = spki(createPublicKey(privateKey));
  const certificate = certs.find((cert) => spki(readCertificate(() => new X509Certificate(cert).publicKey, file)).equals(own));
  if (!certificate) throw new EnvironmentError(`${file}: no certificate in the file matches its private key`);
  const name = readCertificate(() => commonName(certificate), file);
  return { key, algorithm, certificate, chain: certs.filter((cert) => cert !== certificate), name };
}

/** What `read` takes from a certificate of the file; a certificate bag forge passed on but Node or pkijs cannot read, one clear line. */
function readCertificate<T>(read: () => T, file: string): T {
  try {
    return read();
  } catch {
    throw new EnvironmentError(`${file}: a certificate in the file cannot be read`);
  }
}

function readKey(pkcs8: Uint8Array, file: string): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch {
    throw new EnvironmentError(`${file}: the certificate's private key is of a kind that cannot be read`);
  }
}

/** RSA, or ECDSA on P-256 or P-384; any other key (Ed25519, DSA, another curve) a clear error. */
function signingAlgorithm(key: KeyObject, file: string): SigningAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const curve = key.asymmetricKeyType === 'ec' ? curves[key.asymmetricKeyDetails?.namedCurve ?? ''] : undefined;
  if (curve) return { name: 'ECDSA', namedCurve: curve, hash: 'SHA-256' };
  const kind = [key.asymmetricKeyType ?? 'unknown', key.asymmetricKeyDetails?.namedCurve].filter(Boolean).join(' ');
  throw new EnvironmentError(
    `${file}: the certificate's key is ${kind}, which agenda cannot sign with: it signs with an RSA key or an ECDSA key on P-256 or P-384`,
  );
}

/** The subject's common name (CN), else the first part of its name. */
function commonName(certificate: Uint8Array): string {
  const { typesAndValues } = pkijs.Certificate.fromBER(new Uint8Array(certificate)).subject;
  const cn = typesAndValues.find((t) => t.type === '2.5.4.3');
  return (cn ?? typesAndValues[0])?.value.valueBlock.value ?? '';
}

/** The PKCS#12 bag types (RFC 7292) that hold a key or a certificate. */
const bags = { key: '1.2.840.113549.1.12.10.1.1', shroudedKey: '1.2.840.113549.1.12.10.1.2', cert: '1.2.840.113549.1.12.10.1.3' };

function der(asn1: forge.asn1.Asn1): Uint8Array {
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
