// QR codes from the tablet's camera or a photo: the browser's BarcodeDetector where it has one (Chrome on
// Android), else jsQR, which is loaded only when first needed so the roster page stays small.

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorClass = {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
};
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

let detector: Promise<Detector | null> | undefined;
let jsQr: Promise<JsQr> | undefined;

function nativeDetector(): Promise<Detector | null> {
  detector ??= (async () => {
    const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
    if (!Native) return null;
    const formats = await Native.getSupportedFormats().catch(() => [] as string[]);
    return formats.includes("qr_code") ? new Native({ formats: ["qr_code"] }) : null;
  })();
  return detector;
}

function loadJsQr(): Promise<JsQr> {
  jsQr ??= import("jsqr").then((module) => {
    // jsQR is CommonJS: its function sits on `default`, or on `default.default` depending on the bundler.
    const exported = module.default as unknown as JsQr | { default: JsQr };
    return typeof exported === "function" ? exported : exported.default;
  });
  return jsQr;
}

/** Starts fetching the decoder that will be used, so the first scan is not slowed by it. */
export async function prepareDecoder(): Promise<void> {
  if (!(await nativeDetector())) await loadJsQr();
}

let canvas: HTMLCanvasElement | undefined;

/** Decodes the QR code in an image, a video frame or a canvas; null if none is found. */
export async function decodeQr(
  source: CanvasImageSource,
  width: number,
  height: number,
): Promise<string | null> {
  const native = await nativeDetector();
  if (native) {
    const codes = await native.detect(source).catch(() => []);
    return codes[0]?.rawValue ?? null;
  }
  const decode = await loadJsQr();
  // A smaller copy decodes faster and still holds a pass held up to the camera.
  const scale = Math.min(1, 800 / Math.max(width, height));
  canvas ??= document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  return decode(image.data, image.width, image.height)?.data ?? null;
}

/** Decodes the QR code in a photo (the camera app's picture, or a saved pass image). */
export async function decodeQrFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decodeQr(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/**
 * Shows the back camera in `video` and calls `onCode` for every QR code seen (a few times a second).
 * Returns a function that stops the camera. Throws if there is no camera or no permission.
 */
export async function startCamera(
  video: HTMLVideoElement,
  onCode: (text: string) => void,
): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: "environment", width: { ideal: 1280 } },
    audio: false,
  });
  video.srcObject = stream;
  await video.play();
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    if (video.readyState >= 2) {
      const text = await decodeQr(video, video.videoWidth, video.videoHeight).catch(() => null);
      if (text && !stopped) onCode(text);
    }
    setTimeout(() => void tick(), 250);
  };
  void tick();
  return () => {
    stopped = true;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
