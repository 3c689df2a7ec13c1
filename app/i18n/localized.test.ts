import { describe, expect, it } from "vitest";
import { localized } from "./localized.ts";

describe("localized", () => {
  const event = {
    titleEn: "Training camp",
    titleHi: "प्रशिक्षण शिविर",
    descriptionEn: null,
    descriptionHi: "विवरण",
  };
  it("reads the Hindi column for Hindi and the English one for English", () => {
    expect(localized(event, "title", "hi")).toBe("प्रशिक्षण शिविर");
    expect(localized(event, "title", "en")).toBe("Training camp");
  });
  it("keeps a missing value missing", () => {
    expect(localized(event, "description", "en")).toBeNull();
    expect(localized(event, "description", "hi")).toBe("विवरण");
  });
});

describe("localized's type", () => {
  it("is the columns' type, so a title is a string without a cast", () => {
    const title: string = localized({ titleEn: "Camp", titleHi: "शिविर" }, "title", "en");
    const description: string | null = localized(
      { descriptionEn: null, descriptionHi: "x" },
      "description",
      "en",
    );
    expect([title, description]).toEqual(["Camp", null]);
  });
});
