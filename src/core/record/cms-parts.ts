import * as pkijs from 'pkijs';

/** The certificate a SignerInfo names (by issuer and serial), else the first one carried. */
export function findSignerCertificate(certs: pkijs.Certificate[], signerInfo: pkijs.SignerInfo): pkijs.Certificate | undefined {
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber)
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  return certs[0];
}

export function attributeValue(attrs: pkijs.SignedAndUnsignedAttributes, oid: string): unknown {
  return attrs.attributes.find((a) => a.type === oid)?.values[0];
}

export function certificatesOf(signedData: pkijs.SignedData): pkijs.Certificate[] {
  return (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
}

/** Node's name of a digest algorithm, from its OID. */
export function hashNameOf(oid: string): string {
  const names: Record<string, string> = {
    '1.3.14.3.2.26': 'sha1',
    '2.16.840.1.101.3.4.2.1': 'sha256',
    '2.16.840.1.101.3.4.2.2': 'sha384',
    '2.16.840.1.101.3.4.2.3': 'sha512',
  };
  const name = names[oid];
  if (!name) throw new Error(`unknown digest algorithm ${oid}`);
  return name;
}
