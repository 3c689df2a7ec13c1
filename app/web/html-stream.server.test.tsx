import { PassThrough } from "node:stream";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "./html-stream.server.ts";

const text = "नमस्ते दुनिया, शिविर में आपका स्वागत है ".repeat(20);
const page = () => (
  <div>
    {Array.from({ length: 40 }, (_, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list
      <p key={i}>{text.slice(0, 10 + i * 7)}</p>
    ))}
  </div>
);

/** The bytes React streams for the page, through `through` if given. */
function stream(through?: () => NodeJS.ReadWriteStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    sink.on("error", reject);
    const { pipe } = renderToPipeableStream(page(), {
      onShellReady() {
        if (through) pipe(through()).pipe(sink);
        else pipe(sink);
      },
      onShellError: reject,
    });
  });
}

describe("the page stream", () => {
  it("is padded with NUL bytes by React 18.3 where Devanagari meets a chunk's end (why the filter exists)", async () => {
    expect((await stream()).indexOf(0)).toBeGreaterThan(-1);
  });

  it("comes out without NUL bytes and exactly as React renders the page in one piece", async () => {
    const bytes = await stream(withoutNulBytes);
    expect(bytes.indexOf(0)).toBe(-1);
    expect(bytes.toString("utf8")).toBe(renderToString(page()));
  });
});
