// English strings of the roster's camera scanner and walk-in form (t("tablet.…")). They come with those
// panels, loaded when first opened (app/tablet/panel-strings.ts), not with the roster page. panels.hi.ts must
// carry the same keys.
const en = {
  scannerTitle: "Scan a check-in pass",
  scannerHelp: "Hold the pass's QR code in front of the camera.",
  photo: "Photo of a pass",
  cameraFailed: "The camera could not be opened. Take a photo of the pass instead.",
  scanMarked: "Marked present",
  scanAlready: "Already marked present",
  scanNotInvited: "Not invited to this event",
  scanNotRegistered: "Invited, but not registered",
  scanUnknown: "Not a Shivir pass",
  scanNotOnRoster: "This pass is not on this event's roster",
  scanNoCode: "No QR code found in the photo. Try again closer and with more light.",
  walkInTitle: "Someone not on the roster",
  walkInHelp:
    "Search the roster first: invited people are on it even if they did not register. Add only people who are not. An organiser checks walk-ins later.",
  walkInName: "Name",
  walkInPhone: "Mobile number",
  walkInSave: "Add and mark present",
  cancel: "Cancel",
  walkInNameRequired: "Enter the person's name.",
  walkInPhoneInvalid: "Enter a 10-digit mobile number.",
};

export default en;
export type PanelMessages = typeof en;
