// English strings of every email. Hindi (hi.ts) must carry the same keys: the type check enforces it.
// Keys ending in _one/_other are i18next plural forms, picked by the `count` variable.
const en = {
  layout: {
    name: "Shivir",
    // Shown at the top, in the other language, for the reader who prefers it.
    versionBelow: "The English version of this email is below.",
    footerReason:
      "You receive this email because your organisation registered this address in Shivir, its training portal.",
  },
  signIn: {
    subject: "Sign in to Shivir",
    preview_one: "Your Shivir sign-in link. It expires in {{count}} minute.",
    preview_other: "Your Shivir sign-in link. It expires in {{count}} minutes.",
    heading: "Sign in to Shivir",
    greeting: "Hello {{name}},",
    intro: "We received a request to sign in to your Shivir staff account. Use the button below to sign in.",
    forWhom: "This link is for {{name}} only. Please do not forward it to anyone.",
    button: "Sign in",
    rawLink: "If the button does not work, copy this link into your browser:",
    expiry_one: "The link expires in {{count}} minute and works only once.",
    expiry_other: "The link expires in {{count}} minutes and works only once.",
    ignore:
      "If you did not ask to sign in, you can ignore this email. No one can sign in to your account without this link.",
  },
};

export default en;
export type Messages = typeof en;
