// The part of pngjs (a dependency of qrcode) the tests use to decode QR images; it ships no types.
declare module "pngjs" {
  export const PNG: {
    sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } };
  };
}
