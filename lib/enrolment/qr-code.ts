/**
 * QR codes for otpauth URIs. Error correction level M (~15% recoverable) survives a creased or
 * slightly smudged printout while keeping a 32-character-secret URI at a size phones scan easily.
 */
import QRCode from "qrcode";

const options = { errorCorrectionLevel: "M", margin: 4 } as const;

/** An SVG document (string) for inline use in HTML. */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { ...options, type: "svg" });
}

/** A PNG as a data: URL, for screens that show an <img>. */
export function qrPngDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { ...options, type: "image/png", scale: 6 });
}
