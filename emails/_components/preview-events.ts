// Sample events for the templates' PreviewProps (npm run email).
import type { EventFacts } from "./event-time.ts";

/** The invitation and registration emails' sample. */
export const previewEvent: EventFacts = {
  titleEn: "Jaipur District Training Camp",
  titleHi: "जयपुर जिला प्रशिक्षण शिविर",
  startsAt: "2030-01-10T04:30:00.000Z",
  endsAt: "2030-01-10T12:30:00.000Z",
  venueName: "Birla Auditorium",
  venueAddress: "Statue Circle, Jaipur 302001",
  venueMapUrl: "https://maps.example.org/?q=Birla+Auditorium+Jaipur",
};

/** The event notices' sample (updated, cancelled, reminder). */
export const previewNoticeEvent: EventFacts = {
  titleEn: "Jaipur district training camp",
  titleHi: "जयपुर जिला प्रशिक्षण शिविर",
  startsAt: "2026-12-12T04:30:00.000Z",
  endsAt: "2026-12-12T12:30:00.000Z",
  venueName: "बिड़ला सभागार",
  venueAddress: "Statue Circle, Jaipur",
  venueMapUrl: "https://maps.example.org/birla",
};
