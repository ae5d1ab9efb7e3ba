import { createHash, webcrypto } from 'node:crypto';
import { Signer } from '@signpdf/signpdf';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Credential } from './certificate.js';

const oid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  /** ESS signing-certificate-v2 (RFC 5035), which PAdES baseline B asks for. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};

/**
 * The CMS of a PAdES baseline B signature (SubFilter ETSI.CAdES.detached), made by PKI.js with
 * Node's WebCrypto, with an RSA or ECDSA key: detached, SHA-256, signed attributes content type, message digest and the signing
 * certificate (v2). No signing-time attribute: PAdES takes the time from the signature's /M.
 * @signpdf's own P12Signer makes a plain PKCS#7 signature without the signing certificate attribute.
 */
export class CadesSigner extends Signer {
  constructor(private readonly credential: Credential) {
    super();
  }

  override async sign(pdf: Buffer): Promise<Buffer> {
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- Node's WebCrypto is the standard one PKI.js names by the DOM's type
    const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as Crypto });
    const { certificate, chain } = this.credential;
    const own = pkijs.Certificate.fromBER(new Uint8Array(certificate));
    const key = await webcrypto.subtle.importKey('pkcs8', new Uint8Array(this.credential.key), this.credential.algorithm, false, ['sign']);
    const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });
    const signedData = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oid.data }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: own.issuer, serialNumber: own.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              attribute(oid.contentType, new asn1js.ObjectIdentifier({ value: oid.data })),
              attribute(oid.messageDigest, new asn1js.OctetString({ valueHex: sha256(pdf) })),
              attribute(oid.signingCertificateV2, signingCertificateV2(certificate)),
            ],
          }),
        }),
      ],
      certificates: [own, ...chain.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)))],
    });
    await signedData.sign(key, 0, 'SHA-256', undefined, engine);
    const cms = new pkijs.ContentInfo({ contentType: oid.signedData, content: signedData.toSchema(true) });
    return Buffer.from(cms.toSchema().toBER());
  }
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, ESSCertIDv2 ::= SEQUENCE { certHash } (SHA-256, the default, is not named). */
function signingCertificateV2(certificate: Uint8Array): asn1js.Sequence {
  const essCertId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(certificate) })] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

function sha256(bytes: Uint8Array): ArrayBuffer {
  const digest = createHash('sha256').update(bytes).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength);
}
