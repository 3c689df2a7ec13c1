// The pass scanner: the camera where the browser allows it, a photo of the pass always (a file input with
// capture works on every tablet, also where the camera API is not allowed), and clear feedback.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { addPanelStrings } from "./panel-strings.ts";
import { decodeQrFile, prepareDecoder, startCamera } from "./scanner.ts";
import type { RosterCommittee, RosterPerson } from "#app/models/attendance/roster-types.ts";

export type ScanFeedback =
  | {
      kind: "marked" | "already";
      person: RosterPerson;
      committee: RosterCommittee | undefined;
      registered: boolean;
    }
  | { kind: "not-invited" | "unknown" | "not-on-roster" | "no-code" };

// The camera sees a pass many times a second: the same code counts once in this window.
const REPEAT_MS = 3000;

export function Scanner({
  onCode,
  feedback,
  nameOf,
  language,
}: {
  onCode: (text: string) => Promise<void>;
  feedback: ScanFeedback | null;
  nameOf: (p: { name: string; nameHi: string | null }) => (string | null)[];
  language: "hi" | "en";
}) {
  const { t, i18n } = useTranslation();
  addPanelStrings(i18n);
  const video = useRef<HTMLVideoElement>(null);
  const [cameraFailed, setCameraFailed] = useState(false);
  const [noCode, setNoCode] = useState(false);
  const last = useRef({ text: "", at: 0 });
  const handler = useRef(onCode);
  handler.current = onCode;

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void prepareDecoder();
    if (!navigator.mediaDevices?.getUserMedia || !video.current) {
      setCameraFailed(true);
      return;
    }
    startCamera(video.current, (text) => {
      const now = Date.now();
      if (text === last.current.text && now - last.current.at < REPEAT_MS) return;
      last.current = { text, at: now };
      setNoCode(false);
      void handler.current(text);
    })
      .then((stopCamera) => {
        if (cancelled) stopCamera();
        else stop = stopCamera;
      })
      .catch(() => setCameraFailed(true));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  async function onPhoto(file: File | undefined) {
    if (!file) return;
    const text = await decodeQrFile(file).catch(() => null);
    setNoCode(!text);
    if (text) await handler.current(text);
  }

  const shown: ScanFeedback | null = noCode ? { kind: "no-code" } : feedback;
  return (
    <section className="card scanner" aria-labelledby="scanner-title">
      <h2 id="scanner-title">{t("tablet.scannerTitle")}</h2>
      {cameraFailed ? (
        <p className="muted">{t("tablet.cameraFailed")}</p>
      ) : (
        <>
          <p className="muted">{t("tablet.scannerHelp")}</p>
          <video ref={video} className="scanner-video" playsInline muted />
        </>
      )}
      <label className="button secondary photo-button">
        {t("tablet.photo")}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          className="visually-hidden"
          data-testid="pass-photo"
          onChange={(e) => {
            void onPhoto(e.currentTarget.files?.[0]);
            e.currentTarget.value = "";
          }}
        />
      </label>
      <div
        className={`scan-feedback ${shown ? `scan-${shown.kind}` : ""}`}
        role="status"
        aria-live="assertive"
      >
        {shown ? <FeedbackText feedback={shown} nameOf={nameOf} language={language} /> : null}
      </div>
    </section>
  );
}

function FeedbackText({
  feedback,
  nameOf,
  language,
}: {
  feedback: ScanFeedback;
  nameOf: (p: { name: string; nameHi: string | null }) => (string | null)[];
  language: "hi" | "en";
}) {
  const { t } = useTranslation();
  if (feedback.kind === "marked" || feedback.kind === "already") {
    const [primary, secondary] = nameOf(feedback.person);
    const committee = feedback.committee
      ? language === "hi"
        ? feedback.committee.nameHi
        : feedback.committee.nameEn
      : null;
    return (
      <>
        <strong>{feedback.kind === "marked" ? t("tablet.scanMarked") : t("tablet.scanAlready")}</strong>
        <span className="scan-name">{primary}</span>
        {secondary ? <span>{secondary}</span> : null}
        {committee ? <span>{committee}</span> : null}
        {feedback.registered ? null : <span>{t("tablet.scanNotRegistered")}</span>}
      </>
    );
  }
  const message = {
    "not-invited": "tablet.scanNotInvited",
    unknown: "tablet.scanUnknown",
    "not-on-roster": "tablet.scanNotOnRoster",
    "no-code": "tablet.scanNoCode",
  } as const;
  return <strong>{t(message[feedback.kind])}</strong>;
}
